"""Provides `annotated-reader schema`: the JSON Schema of the cards format, for editors."""

from __future__ import annotations

import argparse
import json

from annotations.cards.schema import json_schema


def schema_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="annotated-reader schema",
        description="Print the JSON Schema of the cards file format (version 1).",
    )


def main(argv: list[str]) -> int:
    """Run `annotated-reader schema` with the arguments after `schema`."""
    schema_parser().parse_args(argv)
    print(json.dumps(json_schema(), indent=2))
    return 0
