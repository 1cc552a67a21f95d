"""Any valid Draft 2020-12 schema works: seedlint's own conformance cases, per keyword family,
in the spirit of the official JSON-Schema-Test-Suite (a schema, a record's front matter, the
expected verdict), and the messages built from the engine's errors.

``benchmarks/schema_suite.py`` measures the official suite itself through the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli_runner import run_cli
from conftest import lint
from seedlint.diagnostics import Diagnostic
from seedlint.schema import SchemaError, load_schema, to_pointer

D = "https://json-schema.org/draft/2020-12/schema"

# (family, schema, front matter, valid)
CASES: list[tuple[str, Any, dict[str, Any], bool]] = [
    # boolean schemas
    ("boolean", True, {"anything": [1, {"x": None}]}, True),
    ("boolean", False, {}, False),
    ("boolean", {"properties": {"a": False}}, {"b": 1}, True),
    ("boolean", {"properties": {"a": False}}, {"a": 1}, False),
    # type
    ("type", {"properties": {"n": {"type": "integer"}}}, {"n": 1.0}, True),
    ("type", {"properties": {"n": {"type": "integer"}}}, {"n": 1.5}, False),
    ("type", {"properties": {"n": {"type": ["string", "null"]}}}, {"n": None}, True),
    ("type", {"properties": {"n": {"type": "number"}}}, {"n": "1"}, False),
    # properties, required, additionalProperties, patternProperties
    ("properties", {"required": ["a", "b"]}, {"a": 1}, False),
    ("properties", {"properties": {"a": {}}, "additionalProperties": False}, {"a": 1}, True),
    ("properties", {"properties": {"a": {}}, "additionalProperties": False}, {"b": 1}, False),
    (
        "properties",
        {"patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": False},
        {"x-a": 1, "x-b": 2},
        True,
    ),
    ("properties", {"dependentRequired": {"a": ["b"]}}, {"a": 1}, False),
    ("properties", {"dependentSchemas": {"a": {"required": ["c"]}}}, {"a": 1, "c": 2}, True),
    ("properties", {"propertyNames": {"maxLength": 3}}, {"long": 1}, False),
    ("properties", {"minProperties": 2}, {"a": 1}, False),
    # regular expressions are ECMA-262, as the engine runs them
    (
        "regex",
        {"patternProperties": {"\\wcole": {}}, "additionalProperties": False},
        {"école": 1},
        False,
    ),
    (
        "regex",
        {"patternProperties": {"^\\d+$": {}}, "additionalProperties": False},
        {"৪২": 1},
        False,
    ),
    (
        "regex",
        {"patternProperties": {"^\\d+$": {}}, "additionalProperties": False},
        {"42": 1},
        True,
    ),
    ("regex", {"properties": {"s": {"pattern": "^\\p{Letter}+$"}}}, {"s": "héllo"}, True),
    ("regex", {"properties": {"s": {"pattern": "^\\p{Letter}+$"}}}, {"s": "h3llo"}, False),
    ("regex", {"properties": {"s": {"pattern": "^\\w+$"}}}, {"s": "é"}, False),
    # unevaluatedProperties sees what allOf, anyOf, if/then and $ref evaluated
    (
        "unevaluated",
        {
            "allOf": [{"properties": {"a": {}}}],
            "anyOf": [{"properties": {"b": {}}}, {"required": ["zz"]}],
            "if": {"required": ["c"]},
            "then": {"properties": {"c": {}}},
            "properties": {"d": {"$ref": "#/$defs/d"}},
            "$defs": {"d": {}},
            "unevaluatedProperties": False,
        },
        {"a": 1, "b": 2, "c": 3, "d": 4},
        True,
    ),
    (
        "unevaluated",
        {"allOf": [{"properties": {"a": {}}}], "unevaluatedProperties": False},
        {"a": 1, "e": 1},
        False,
    ),
    ("unevaluated", {"prefixItems": [{}], "unevaluatedItems": False, "properties": {}}, {}, True),
    # arrays
    (
        "items",
        {"properties": {"l": {"prefixItems": [{"type": "string"}], "items": False}}},
        {"l": ["a"]},
        True,
    ),
    (
        "items",
        {"properties": {"l": {"prefixItems": [{"type": "string"}], "items": False}}},
        {"l": ["a", 1]},
        False,
    ),
    (
        "items",
        {"properties": {"l": {"contains": {"type": "integer"}, "minContains": 2}}},
        {"l": [1, "a"]},
        False,
    ),
    (
        "items",
        {"properties": {"l": {"contains": {"type": "integer"}, "maxContains": 1}}},
        {"l": [1, 2]},
        False,
    ),
    ("items", {"properties": {"l": {"uniqueItems": True}}}, {"l": [1, 1.0]}, False),
    ("items", {"properties": {"l": {"uniqueItems": True}}}, {"l": [{"a": 1}, {"a": 2}]}, True),
    # values
    ("values", {"properties": {"v": {"enum": [1, "a", None]}}}, {"v": None}, True),
    ("values", {"properties": {"v": {"const": {"a": [1]}}}}, {"v": {"a": [1.0]}}, True),
    ("values", {"properties": {"v": {"const": 2}}}, {"v": 3}, False),
    ("values", {"properties": {"v": {"multipleOf": 0.01}}}, {"v": 0.07}, True),
    ("values", {"properties": {"v": {"exclusiveMaximum": 3}}}, {"v": 3}, False),
    ("values", {"properties": {"v": {"maxLength": 2}}}, {"v": "\U0001f600\U0001f600"}, True),
    # combinators
    (
        "combinators",
        {"properties": {"v": {"oneOf": [{"type": "integer"}, {"minimum": 2}]}}},
        {"v": 3},
        False,
    ),
    (
        "combinators",
        {"properties": {"v": {"anyOf": [{"type": "integer"}, {"minimum": 2}]}}},
        {"v": 3},
        True,
    ),
    ("combinators", {"properties": {"v": {"not": {"type": "string"}}}}, {"v": "s"}, False),
    (
        "combinators",
        {"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": {"required": ["c"]}},
        {"c": 1},
        True,
    ),
    # the old draft-7 `dependencies` keyword, which the engine still applies
    ("dependencies", {"dependencies": {"a": ["b"]}}, {"a": 1}, False),
    # data keywords are never references
    (
        "data",
        {"properties": {"v": {"const": {"$ref": "https://example.com/x.json"}}}},
        {"v": {"$ref": "https://example.com/x.json"}},
        True,
    ),
    (
        "data",
        {
            "properties": {
                "v": {
                    "enum": [{"$ref": "other.json"}],
                    "examples": [{"$ref": "x"}],
                    "default": {"$ref": "y"},
                }
            }
        },
        {"v": 1},
        False,
    ),
]

# references inside one document, resolved as the specification says
REFS: list[tuple[str, Any, dict[str, Any], bool]] = [
    (
        "$id of a $defs entry (relative)",
        {
            "$id": "https://example.com/root.json",
            "properties": {"v": {"$ref": "item.json"}},
            "$defs": {"i": {"$id": "item.json", "type": "integer"}},
        },
        {"v": "x"},
        False,
    ),
    (
        "URN $id",
        {
            "properties": {"v": {"$ref": "urn:uuid:5d3a2f7e-0000-4000-8000-000000000001"}},
            "$defs": {
                "i": {"$id": "urn:uuid:5d3a2f7e-0000-4000-8000-000000000001", "type": "integer"}
            },
        },
        {"v": 1},
        True,
    ),
    (
        "$anchor",
        {
            "properties": {"v": {"$ref": "#num"}},
            "$defs": {"n": {"$anchor": "num", "type": "number"}},
        },
        {"v": "1"},
        False,
    ),
    (
        "$anchor under an embedded $id",
        {
            "$id": "https://example.com/a/root",
            "properties": {"v": {"$ref": "b/leaf#here"}},
            "$defs": {"l": {"$id": "b/leaf", "$defs": {"h": {"$anchor": "here", "maxLength": 2}}}},
        },
        {"v": "abc"},
        False,
    ),
    (
        "percent-encoded pointer",
        {
            "properties": {
                "v": {"$ref": "#/$defs/percent%25field"},
                "w": {"$ref": "#/$defs/a%22b"},
            },
            "$defs": {"percent%field": {"type": "integer"}, 'a"b': {"type": "string"}},
        },
        {"v": 1, "w": 2},
        False,
    ),
    (
        "~0 and ~1 in a pointer",
        {
            "properties": {
                "v": {"$ref": "#/$defs/tilde~0field"},
                "w": {"$ref": "#/$defs/slash~1field"},
            },
            "$defs": {"tilde~field": {"type": "integer"}, "slash/field": {"type": "integer"}},
        },
        {"v": 1, "w": 2},
        True,
    ),
    (
        "$dynamicRef to the outermost $dynamicAnchor",
        {
            "$id": "https://example.com/strict-list",
            "$dynamicAnchor": "item",
            "type": "string",
            "properties": {"list": {"$ref": "list"}},
            "$defs": {
                "list": {
                    "$id": "list",
                    "type": "array",
                    "items": {"$dynamicRef": "#item"},
                    "$defs": {"any": {"$dynamicAnchor": "item"}},
                }
            },
        },
        {"list": ["a", 1]},
        False,
    ),
    (
        "the standard meta-schema, known without a fetch",
        {"properties": {"s": {"$ref": "https://json-schema.org/draft/2020-12/schema"}}},
        {"s": {"type": 12}},
        False,
    ),
]


def _schema_file(tmp_path: Path, schema: Any, name: str = "schema.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


def _lint(tmp_path: Path, schema: Any, data: dict[str, Any], **config: Any) -> list[Diagnostic]:
    path = _schema_file(tmp_path, schema)
    text = "---\n" + json.dumps(data, ensure_ascii=False) + "\n---\n"
    config.setdefault("select", ("SL0", "SL1"))
    return lint(text, str(tmp_path / "record.md"), schema=str(path), **config)


@pytest.mark.parametrize(
    ("family", "schema", "data", "valid"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_keyword_family_verdicts(
    tmp_path: Path, family: str, schema: Any, data: dict[str, Any], valid: bool
) -> None:
    found = _lint(tmp_path, schema, data)
    assert (not found) is valid, [d.message for d in found]
    assert "SL000" not in {d.code for d in found}


@pytest.mark.parametrize(("name", "schema", "data", "valid"), REFS, ids=[r[0] for r in REFS])
def test_references_inside_one_document(
    tmp_path: Path, name: str, schema: Any, data: dict[str, Any], valid: bool
) -> None:
    found = _lint(tmp_path, schema, data)
    assert (not found) is valid, [d.message for d in found]


# --- messages from the engine's errors, at exact positions ------------------------------


def _where(found: list[Diagnostic]) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.code, d.message) for d in found]


def _lint_yaml(tmp_path: Path, schema: Any, yaml: str, **config: Any) -> list[Diagnostic]:
    path = _schema_file(tmp_path, schema)
    config.setdefault("select", ("SL0", "SL1"))
    return lint(f"---\n{yaml}---\n", str(tmp_path / "record.md"), schema=str(path), **config)


def test_unevaluated_properties_name_only_the_fields_nothing_evaluated(tmp_path: Path) -> None:
    schema = {
        "allOf": [{"properties": {"title": {}}}],
        "if": {"required": ["kind"]},
        "then": {"properties": {"kind": {}}},
        "properties": {"ref": {"$ref": "#/$defs/any"}},
        "$defs": {"any": {}},
        "unevaluatedProperties": False,
    }
    yaml = "title: a\nkind: b\nref: c\ntitel: d\nextra: e\n"
    assert _where(_lint_yaml(tmp_path, schema, yaml)) == [
        (5, 1, "SL102", "unknown field 'titel'"),
        (6, 1, "SL102", "unknown field 'extra'"),
    ]


@pytest.mark.parametrize("where", ["root", "nested"])
def test_additional_properties_false_alone_names_every_field(tmp_path: Path, where: str) -> None:
    """With no `properties` beside it, jsonschema-rs reports `additionalProperties: false`
    as a false schema at the mapping: still one unknown field per field, at its key."""
    strict = {"type": "object", "additionalProperties": False}
    if where == "root":
        schema: dict[str, Any] = strict
        yaml = "title: a\nquality: 3\n"
        expected = [(2, 1, "title"), (3, 1, "quality")]
    else:
        schema = {"properties": {"provider": strict}}
        yaml = "provider:\n  name: a\n  domian: b\n"
        expected = [(3, 3, "provider.name"), (4, 3, "provider.domian")]
    found = _where(_lint_yaml(tmp_path, schema, yaml))
    assert [(line, column, code) for line, column, code, _ in found] == [
        (line, column, "SL102") for line, column, _ in expected
    ]
    for (_, _, _, message), (_, _, name) in zip(found, expected, strict=True):
        assert message.endswith(f"unknown field '{name.rsplit('.', 1)[-1]}'")


def test_a_misspelt_required_field_is_one_fault_at_the_typo(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "required": ["domain", "name"],
        "properties": {"domain": {"type": "string"}, "name": {"type": "string"}},
        "additionalProperties": False,
    }
    assert _where(_lint_yaml(tmp_path, schema, "name: x\ndomian: example.com\n")) == [
        (
            3,
            1,
            "SL102",
            "unknown field 'domian'; did you mean 'domain'? (the required field 'domain' is "
            "missing)",
        )
    ]
    assert _where(_lint_yaml(tmp_path, schema, "nmae: x\n")) == [
        (2, 1, "SL101", "missing required field 'domain'"),
        (
            2,
            1,
            "SL102",
            "unknown field 'nmae'; did you mean 'name'? (the required field 'name' is missing)",
        ),
    ]


def test_ecma_word_class_is_ascii_in_pattern_properties(tmp_path: Path) -> None:
    schema = {"patternProperties": {"\\wcole": {}}, "additionalProperties": False}
    found = _lint_yaml(tmp_path, schema, "ecole: 1\nl'école: 2\n")
    assert _where(found) == [(3, 1, "SL102", "unknown field 'l'école'")]


def test_unicode_property_escapes_are_the_engines(tmp_path: Path) -> None:
    schema = {"properties": {"name": {"pattern": "^\\p{Letter}+$", "description": "letters"}}}
    assert _where(_lint_yaml(tmp_path, schema, "name: Zoë\n")) == []
    assert _where(_lint_yaml(tmp_path, schema, "name: Zo3\n")) == [
        (2, 7, "SL108", "name: 'Zo3' does not have the expected form (letters)")
    ]


def test_false_root_schema_rejects_every_record(tmp_path: Path) -> None:
    assert _where(_lint_yaml(tmp_path, False, "a: 1\n")) == [
        (2, 1, "SL109", "a mapping is not allowed here")
    ]
    assert _lint_yaml(tmp_path, True, "a: 1\n") == []


def test_non_finite_numbers_are_one_clear_error_each(tmp_path: Path) -> None:
    schema = {"properties": {"width": {"type": "number", "maximum": 5}, "ratio": {"maximum": 1}}}
    found = _lint_yaml(tmp_path, schema, "width: .inf\nratio: -.Inf\nother: .nan\n")
    tail = "JSON, and so the schema, has no such number; write a finite number, or quote it to "
    tail += "keep it as text"
    assert _where(found) == [
        (2, 8, "SL110", f"width: .inf is infinite: {tail}"),
        (3, 8, "SL110", f"ratio: -.Inf is infinite: {tail}"),
        (4, 8, "SL110", f"other: .nan is not a number (NaN): {tail}"),
    ]
    # a float too large for a double, where the schema says what the value must be (Jekyll
    # reads 1e999 as text: a float needs a dot and a signed exponent)
    assert _where(_lint_yaml(tmp_path, schema, "width: 1.0e+999\n")) == [
        (2, 8, "SL110", f"width: 1.0e+999 is infinite: {tail}")
    ]
    assert _where(_lint_yaml(tmp_path, schema, "width: 1e999\n")) == [
        (2, 8, "SL103", "width: expected a number, found the text '1e999'")
    ]
    assert _lint_yaml(tmp_path, schema, "width: '.inf'\nratio: .info\n", select=("SL110",)) == []


def test_one_tag_diagnostic_per_tagged_node_not_per_alias(tmp_path: Path) -> None:
    found = _lint_yaml(tmp_path, True, "a: &x !custom 1\nb: *x\nc: *x\nd: !other 2\n")
    assert [(d.line, d.column, d.code) for d in found] == [(2, 4, "SL010"), (5, 4, "SL010")]


# --- formats: asserted by default, annotations on request ------------------------------

FORMAT_SCHEMA = {"properties": {"mail": {"format": "email"}, "day": {"format": "date"}}}


def test_formats_are_asserted_by_default(tmp_path: Path) -> None:
    found = _lint_yaml(tmp_path, FORMAT_SCHEMA, "mail: nobody\nday: '2021-02-30'\n")
    assert _where(found) == [
        (2, 7, "SL104", "mail: 'nobody' is not an e-mail address"),
        (3, 6, "SL104", "day: '2021-02-30' is not a date written YYYY-MM-DD"),
    ]


def test_format_annotate_checks_no_format(tmp_path: Path) -> None:
    found = _lint_yaml(tmp_path, FORMAT_SCHEMA, "mail: nobody\nday: x\n", formats="annotate")
    assert found == []


def test_formats_flag_and_setting(tmp_path: Path) -> None:
    schema = _schema_file(tmp_path, FORMAT_SCHEMA)
    record = tmp_path / "r.md"
    record.write_text("---\nmail: nobody\n---\n")
    base = ["check", "--no-cache", "--format", "concise", "--schema", str(schema), str(record)]
    assert run_cli(*base, "--isolated").status == 1
    assert run_cli(*base, "--isolated", "--formats", "annotate").status == 0
    (tmp_path / "seedlint.toml").write_text('format = "annotate"\n')
    assert run_cli(*base).status == 0
    assert run_cli(*base, "--formats", "assert").status == 1


# --- references that leave the document, and local companion files --------------------


def test_a_companion_file_is_found_by_its_name_and_by_its_id(tmp_path: Path) -> None:
    _schema_file(tmp_path, {"$defs": {"year": {"type": "integer", "minimum": 2000}}}, "common.json")
    _schema_file(tmp_path, {"$id": "https://example.com/s/tag.json", "maxLength": 3}, "tag.json")
    schema = {
        "properties": {
            "year": {"$ref": "common.json#/$defs/year"},
            "tag": {"$ref": "https://example.com/s/tag.json"},
        }
    }
    found = _lint_yaml(tmp_path, schema, "year: 1999\ntag: long\n")
    assert _where(found) == [
        (2, 7, "SL105", "year: 1999 is below the minimum of 2000"),
        (3, 6, "SL106", "tag: 'long' is longer than 3 characters"),
    ]


def test_a_reference_that_leaves_the_document_is_refused_in_one_line(tmp_path: Path) -> None:
    schema = _schema_file(
        tmp_path, {"$id": "https://example.com/root", "properties": {"a": {"$ref": "item"}}}
    )
    record = tmp_path / "r.md"
    record.write_text("---\na: 1\n---\n")
    result = run_cli("check", "--isolated", "--no-cache", "--schema", str(schema), str(record))
    status = result.status
    out, err = result.stdout, result.stderr
    assert (status, out) == (2, "")
    assert err == (
        f"seedlint: error: {schema}: the reference to https://example.com/item leaves this "
        "schema and seedlint never fetches schemas: save that schema as a .json file next to "
        "this one (it is found by its file name or its $id)\n"
    )


def test_the_python_engine_is_gone() -> None:
    with pytest.raises(ValueError, match="the python engine was removed"):
        load_schema("news", "python")
    result = run_cli("check", "--engine", "python", "x.md")
    assert result.status == 2
    assert "invalid choice: 'python'" in result.stderr
    assert load_schema("news", "auto").engine == "rs"


def test_a_schema_must_be_an_object_or_a_boolean(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="must be a JSON object, true or false"):
        load_schema(_schema_file(tmp_path, [1]))


def test_data_deeper_than_the_engine_takes_is_one_diagnostic(tmp_path: Path) -> None:
    from seedlint.config import Limits

    yaml = "a: " + "[" * 300 + "]" * 300 + "\n"
    schema = {"properties": {"a": {"type": "string"}}}
    found = _lint_yaml(tmp_path, schema, yaml, limits=Limits(max_depth=400))
    assert _where(found) == [
        (
            2,
            1,
            "SL109",
            "the schema engine could not check the front matter: Recursion limit reached",
        )
    ]


def test_unknown_fields_are_exactly_the_engines_on_broken_real_records() -> None:
    from defects import broken_records
    from seedlint.config import Limits
    from seedlint.frontmatter import DecodeProblem, decode, split
    from seedlint.parse import parse

    schema = load_schema("news")
    checked = 0
    for name, text in broken_records():
        path = f"_news/{name}.md"
        try:
            decoded, bom = decode(text.encode(), path)
            doc = parse(split(decoded, bom, path), path, Limits())
        except DecodeProblem:
            continue
        if not isinstance(doc.data, dict):
            continue
        engine = {
            to_pointer(f.pointer + (field,))
            for f in schema.errors(doc.data)
            if f.keyword in ("additionalProperties", "unevaluatedProperties")
            for field in f.details["unexpected"]
        }
        reported = {d.pointer for d in lint(text, path) if d.code == "SL102"}
        assert reported == engine, name
        checked += bool(engine)
    assert checked >= 3  # the defects include misspelt fields at several levels


def test_the_format_mode_is_part_of_the_cache_key(tmp_path: Path) -> None:
    schema = _schema_file(tmp_path, FORMAT_SCHEMA)
    record = tmp_path / "r.md"
    record.write_text("---\nmail: nobody\n---\n")
    base = ["check", "--isolated", "--cache-dir", str(tmp_path / "cache"), "--schema", str(schema)]
    assert run_cli(*base, str(record)).status == 1
    assert run_cli(*base, "--formats", "annotate", str(record)).status == 0
    assert run_cli(*base, str(record)).status == 1


def test_a_companion_file_is_part_of_the_schemas_digest(tmp_path: Path) -> None:
    from seedlint.schemafile import schema_digest

    _schema_file(tmp_path, {"maxLength": 3}, "common.json")
    schema = _schema_file(tmp_path, {"properties": {"tag": {"$ref": "common.json"}}})
    before = schema_digest(schema)
    _schema_file(tmp_path, {"maxLength": 4}, "common.json")
    assert schema_digest(schema) != before
    assert load_schema(schema).errors({"tag": "abcd"}) == []


@pytest.mark.parametrize(
    ("depth", "says"),
    [
        (900, "not a usable JSON Schema: Recursion limit reached"),
        (100_000, "the schema nests too deeply to be read"),
    ],
)
def test_a_deeply_nested_schema_is_refused_in_one_line(
    tmp_path: Path, depth: int, says: str
) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"not": ' * depth + "{}" + "}" * depth)
    with pytest.raises(SchemaError, match=says):
        load_schema(path)


@pytest.mark.parametrize("where", ["$ref", "$schema"])
def test_nothing_is_ever_fetched(tmp_path: Path, where: str) -> None:
    """A server on 127.0.0.1 that would answer gets no request (the engine's own HTTP
    client would bypass Python's sockets, so they are not what is watched)."""
    import http.server
    import threading

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            hits.append(self.path)
            body = b'{"type": "integer"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/schema.json"
        schema: dict[str, Any] = {"properties": {"a": {"$ref": url}}}
        if where == "$schema":
            schema = {"$schema": url, "type": "object"}
        path = _schema_file(tmp_path, schema)
        record = tmp_path / "r.md"
        record.write_text("---\na: 1\n---\n")
        result = run_cli("check", "--isolated", "--no-cache", "--schema", str(path), str(record))
        status = result.status
    finally:
        server.shutdown()
        server.server_close()
    err = result.stderr
    assert status == 2 and err.count("\n") == 1
    assert f"the reference to {url} leaves this schema" in err
    assert hits == []
