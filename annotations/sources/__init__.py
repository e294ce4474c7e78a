"""Provides the forms an article comes in: a text file, Markdown, a saved HTML page, a URL."""
