"""Provides YAML scalar writing that round-trips exactly and stays readable in a diff.

Each string is written in the plainest style that reads back as the same string: plain when YAML
would not mistake it for something else, a literal block (`|`) for multi-line text, and otherwise
double-quoted with every invisible or control character escaped, so a hostile string can neither
break the file nor reach a terminal that shows it.
"""

from __future__ import annotations

from functools import cache

# Text that YAML 1.2 reads as a number (1e3) is refused unquoted by our loader, so quote it.
from annotations.yaml.loader import reads_as_number

_STR_TAG = "tag:yaml.org,2002:str"
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`.~ ")
_FLOW_UNSAFE = set(",[]{}:#")
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


@cache
def _resolver():
    """PyYAML's resolver, imported when something is first written."""
    import yaml

    return yaml.resolver.Resolver(), yaml.ScalarNode


def _resolves_to_text(value: str) -> bool:
    """True when YAML reads `value`, unquoted, as text (not a number, date, bool or null)."""
    resolver, scalar_node = _resolver()
    return resolver.resolve(scalar_node, value, (True, False)) == _STR_TAG


def can_be_plain(value: str, *, flow: bool = False) -> bool:
    """True when `value` may be written without quotes and read back unchanged."""
    if not value or not value.isprintable() or value[0] in _INDICATORS:
        return False
    if value != value.strip() or value.endswith(":") or ": " in value or " #" in value:
        return False
    if flow and _FLOW_UNSAFE.intersection(value):
        return False
    return _resolves_to_text(value) and not reads_as_number(value)


def quoted(value: str) -> str:
    """`value` double-quoted, with backslashes, quotes and every unprintable character escaped."""
    if value.isprintable():  # the common case (a quote's context with a space at one end)
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = ['"']
    for char in value:
        if char == "\\" or char == '"':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        elif char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        else:
            code = ord(char)
            if code <= 0xFF:
                out.append(f"\\x{code:02x}")
            elif code <= 0xFFFF:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def can_be_block(value: str) -> bool:
    """True when multi-line `value` may be written as a literal block and read back unchanged."""
    if "\n" not in value:
        return False
    lines = value.split("\n")
    first = next((line for line in lines if line), None)
    if first is None or first[0] == " ":
        # Leading spaces on the first line would be read as indentation.
        return False
    # Lines of only spaces are folded away by YAML; tabs and controls must be escaped.
    return all(line.isprintable() and (not line or line.strip(" ")) for line in lines)


def block(value: str, indent: int) -> str:
    """`value` as a literal block scalar: the indicator, then its lines indented by `indent`."""
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    pad = " " * indent
    lines = [f"{pad}{line}" if line else "" for line in body.split("\n")]
    lines += [""] * (trailing - 1)
    return "|" + chomp + "\n" + "\n".join(lines)


def scalar(value: str, *, flow: bool = False) -> str:
    """A one-line scalar: plain when that is safe, else double-quoted."""
    return value if can_be_plain(value, flow=flow) else quoted(value)


def text_value(value: str, indent: int) -> str:
    """The value for `key: ` holding free text: a literal block when multi-line, else a scalar."""
    if can_be_block(value):
        return block(value, indent)
    return scalar(value)


def flow_list(values: list[str] | tuple[str, ...]) -> str:
    """A short list on one line: [a, b, "c, d"]."""
    return "[" + ", ".join(scalar(value, flow=True) for value in values) + "]"
