"""Strict, safe YAML loading: plain data only, every value's line remembered, nothing run."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from annotations.errors import AnnotationError
from annotations.yaml import loader as yamlsafe
from annotations.yaml.loader import LineMap, describe, format_path, load_yaml


def refused(text: str) -> str:
    with pytest.raises(AnnotationError) as caught:
        load_yaml(text, "f.yaml")
    return str(caught.value)


def test_plain_data_loads_with_lines():
    text = "version: 1\ncards:\n  - id: a\n    aliases:\n      - A\n      - Ay\n"
    data, lines = load_yaml(text, "f.yaml")
    assert data == {"version": 1, "cards": [{"id": "a", "aliases": ["A", "Ay"]}]}
    assert lines.line(("version",)) == 1
    assert lines.line(("cards",)) == 3  # a value's line: where the list starts
    assert lines.line(("cards", 0)) == 3
    assert lines.line(("cards", 0, "aliases", 1)) == 6
    # A path with no value of its own takes the line of the nearest enclosing one.
    assert lines.line(("cards", 0, "missing")) == 3
    assert LineMap().line(("anything",)) is None


def test_scalars_keep_their_yaml_types():
    data, _ = load_yaml(
        "a: 2021-09-29\nb: 'no'\nc: no\nd: 3\ne: 1.5\nf: ~\ng: '1e3'\nh: text\n", "f.yaml"
    )
    assert data == {
        "a": dt.date(2021, 9, 29),
        "b": "no",
        "c": False,
        "d": 3,
        "e": 1.5,
        "f": None,
        "g": "1e3",
        "h": "text",
    }
    assert type(data["g"]) is str  # quoted, so plain text


@pytest.mark.parametrize("plain", ["1e3", "1.0e3", "-2E-5", "0o17", ".5e1"])
def test_yaml12_numbers_are_not_plain_text(plain):
    data, _ = load_yaml(f"a: {plain}\nb: '{plain}'\n", "f.yaml")
    assert describe(data["a"]) == f"{plain}, which YAML 1.2 reads as a number"
    assert describe(data["b"]) == "text"


def test_the_c_loader_is_used_when_available():
    if getattr(yaml, "CSafeLoader", None) is None:
        pytest.skip("PyYAML built without libyaml")
    assert issubclass(yamlsafe._loader(), yaml.CSafeLoader)


def test_empty_document_is_none():
    assert load_yaml("", "f.yaml")[0] is None
    assert load_yaml("# only a comment\n", "f.yaml")[0] is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: !!python/object/apply:os.system ['echo unsafe']\n",
            "f.yaml:1: a: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        (
            "a: !!python/object:collections.OrderedDict {}\n",
            "f.yaml:1: a: the tag 'tag:yaml.org,2002:python/object:collections.OrderedDict'"
            " is not allowed",
        ),
        (
            "a: !!python/name:os.system\n",
            "f.yaml:1: a: the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
        ),
        (
            "a: !!binary aGVsbG8=\n",
            "f.yaml:1: a: the tag 'tag:yaml.org,2002:binary' is not allowed",
        ),
        ("a: !!set {x, y}\n", "f.yaml:1: a: the tag 'tag:yaml.org,2002:set' is not allowed"),
        ("a: !custom x\n", "f.yaml:1: a: the tag '!custom' is not allowed"),
        ("a: !!omap [x: 1]\n", "f.yaml:1: a: the tag 'tag:yaml.org,2002:omap' is not allowed"),
    ],
    ids=["apply", "object", "name", "binary", "set", "local-tag", "omap"],
)
def test_tags_are_refused(text, message):
    assert refused(text) == message


def test_python_tags_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    refused(text)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", "f.yaml:4: b.c: duplicate key (each key may appear once)"),
        ("a: 1\na: 1\n", "f.yaml:2: a: duplicate key (each key may appear once)"),
        ("- {x: 1, x: 2}\n", "f.yaml:1: [0].x: duplicate key (each key may appear once)"),
    ],
)
def test_duplicate_keys_are_refused_not_last_wins(text, message):
    assert refused(text) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a:\n  1: x\n",
            "f.yaml:2: a: keys must be text, not '1' (put it in quotes to make it text)",
        ),
        ("? [x, y]\n: z\n", "f.yaml:1: keys must be text, not a list or mapping"),
        ("yes: 1\n", "f.yaml:1: keys must be text, not 'yes' (put it in quotes to make it text)"),
        ("~: 1\n", "f.yaml:1: keys must be text, not '~' (put it in quotes to make it text)"),
        (
            "2021-09-29: x\n",
            "f.yaml:1: keys must be text, not '2021-09-29' (put it in quotes to make it text)",
        ),
    ],
)
def test_keys_must_be_text(text, message):
    assert refused(text) == message


def test_quoted_keys_are_text():
    assert load_yaml("'1': x\n'yes': y\n", "f.yaml")[0] == {"1": "x", "yes": "y"}


def test_merge_keys_are_refused():
    assert refused("base: {a: 1}\nother:\n  <<: {a: 1}\n") == (
        "f.yaml:3: other: merge keys (<<) are not allowed"
    )


def test_anchor_without_alias_is_harmless_but_any_reuse_is_refused():
    assert load_yaml("a: &x 1\n", "f.yaml")[0] == {"a": 1}
    assert refused("a: &x [1]\nb: *x\n") == (
        "f.yaml:1: a: anchors and aliases (&name, *name) are not allowed;"
        " this value is repeated at b"
    )


def test_billion_laughs_stops_at_the_first_repeat():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = "\n".join(levels) + "\n"
    assert refused(text) == (
        "f.yaml:1: a: anchors and aliases (&name, *name) are not allowed;"
        " this value is repeated at b[0]"
    )


def test_nesting_is_limited():
    value, _ = load_yaml("a: " + "[" * 32 + "]" * 32 + "\n", "f.yaml")
    depth = 0
    while value:
        value = value["a"] if depth == 0 else value[0]
        depth += 1
    assert depth == 32
    too_deep = "a: " + "[" * 33 + "]" * 33 + "\n"
    assert refused(too_deep) == (
        "f.yaml:1: a" + "[0]" * 32 + ": nested too deeply (more than 32 levels)"
    )


def test_very_deep_nesting_is_refused_from_the_event_stream():
    text = "a: " + "[" * 5_000 + "]" * 5_000 + "\n"
    # Refused at level 33 from the event stream: no recursion, so no crash, however deep.
    # (PyYAML 6.0.4 and newer stop it earlier, in the scanner; the message is the same.)
    assert refused(text) in (
        f"f.yaml:1: a{'[0]' * 32}: nested too deeply (more than 32 levels)",
        "f.yaml:1:1003: nested too deeply (more than 32 levels)",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: [1, 2\nb: 3\n",
            # Named where the bracket opens: that is where the user must close it.
            "f.yaml:1:4: YAML syntax error: a bracket [ opened here is not closed"
            " (the parser gave up on line 2: did not find expected ',' or ']')",
        ),
        (
            "a: b: c\n",
            "f.yaml:1:5: YAML syntax error: mapping values are not allowed in this context",
        ),
        (
            'a: "open\n\nb: 1\n',
            "f.yaml:1:4: YAML syntax error: a quote opened here is not closed"
            " (the parser gave up on line 4: found unexpected end of stream)",
        ),
        (
            "a:\n\tb: 1\n",
            "f.yaml:2:1: YAML syntax error: a tab character here;"
            " indent YAML with spaces, not tabs",
        ),
        (
            "a: 1\n---\nb: 2\n",
            "f.yaml:2:1: YAML syntax error: expected a single document in the stream,"
            " but found another document",
        ),
        ("a: *nowhere\n", "f.yaml:1:4: YAML syntax error: found undefined alias"),
    ],
    ids=["unclosed-list", "two-colons", "unclosed-quote", "tab", "two-documents", "bad-alias"],
)
def test_syntax_errors_have_line_and_column(text, message):
    assert refused(text) == message


def test_tab_inside_a_value_is_fine():
    assert load_yaml("a: 'x\ty'\nb: x\ty\n", "f.yaml")[0] == {"a": "x\ty", "b": "x\ty"}


def test_format_path():
    assert format_path(()) == ""
    assert format_path(("cards", 3, "aliases")) == "cards[3].aliases"
    assert format_path((0, "x")) == "[0].x"


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (True, "true/false (true)"),
        (3, "a number (3)"),
        (1.5, "a number (1.5)"),
        (dt.date(2021, 9, 29), "a date (2021-09-29)"),
        (None, "nothing (null)"),
        ("x", "text"),
        ([], "a list"),
        ({}, "a mapping"),
    ],
)
def test_describe(value, described):
    assert describe(value) == described
