"""Provides exporting notes (Markdown, W3C Web Annotation, JSON, HTML) and importing them.

Plain Python like the rest of the model: the commands and the app call it, it knows no UI.
"""
