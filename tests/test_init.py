"""``seedlint init``: a configuration and inferred schemas that the site's records pass and
that reject a record with a field removed or of the wrong type; ``seedlint schema docs``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cli_runner import run_cli
from seedlint.infer import infer_schema
from test_site import json_report, make_site, report

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


@pytest.fixture
def initialised(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "site")
    assert run_cli("init", str(site)).status == 0
    return site


def test_init_maps_built_in_schemas_and_infers_the_others(initialised: Path) -> None:
    config = tomllib.loads((initialised / "seedlint.toml").read_text(encoding="utf-8"))
    assert config["schemas"] == [
        {"files": ["_events/**"], "schema": "event"},
        {"files": ["_learning/**"], "schema": "learning"},
        {"files": ["_news/**"], "schema": "news"},
        {"files": ["_people/**"], "schema": "schemas/people.schema.json"},
        {"files": ["_samples/**"], "schema": "schemas/samples.schema.json"},
        {"files": ["_data/organizations/**"], "schema": "organization"},
        {"files": ["_data/topics/**"], "schema": "schemas/data-topics.schema.json"},
    ]
    assert sorted(p.name for p in (initialised / "schemas").iterdir()) == [
        "data-topics.schema.json",
        "people.schema.json",
        "samples.schema.json",
    ]


@pytest.mark.parametrize("cwd", [".", "_people", "_samples", "_data/topics", "_events"])
def test_after_init_the_site_passes_from_any_folder(
    initialised: Path,
    monkeypatch: pytest.MonkeyPatch,
    cwd: str,
) -> None:
    monkeypatch.chdir(initialised / cwd)
    status, out = report(".")
    assert status == 0, out
    assert "Note:" not in out  # every collection has a schema now


def test_an_inferred_schema_says_what_the_records_hold(initialised: Path) -> None:
    samples = json.loads((initialised / "schemas" / "samples.schema.json").read_text())
    assert samples["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    properties = samples["properties"]
    assert properties["publishedDateTime"]["format"] == "date-time"
    assert properties["originalUrl"]["format"] == "uri"
    assert properties["provider"]["properties"]["domain"]["format"] == "hostname"
    assert properties["heat"]["type"] == "integer"
    assert properties["actions"]["items"]["properties"]["url"]["format"] == "uri"
    assert "title" in samples["required"] and samples["additionalProperties"] is False

    def described(node: dict[str, object]) -> None:
        for child in node.get("properties", {}).values():  # type: ignore[attr-defined]
            assert child["description"], child
            described(child)
        if isinstance(node.get("items"), dict):
            described(node["items"])  # type: ignore[arg-type]

    described(samples)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda t: t.replace("heat: 50\n", ""), "SL101"),  # a required field removed
        (lambda t: t.replace("heat: 50", 'heat: "fifty"'), "SL103"),  # of the wrong type
        (lambda t: t.replace("heat: 50", "haet: 50"), "SL102"),  # a misspelt key
    ],
)
def test_an_inferred_schema_rejects_a_broken_record(
    initialised: Path, change: object, code: str
) -> None:
    record = initialised / "_samples" / "power-apps-community-hud-app.md"
    text = record.read_text(encoding="utf-8")
    broken = change(text)  # type: ignore[operator]
    assert broken != text
    record.write_text(broken, encoding="utf-8")
    assert code in {d["code"] for d in json_report(str(record))}


def test_an_inferred_data_schema_rejects_a_wrong_type(initialised: Path) -> None:
    topic = initialised / "_data" / "topics" / "05-portals.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("name:", "name: [x]\nold:"))
    assert {"SL103", "SL102"} <= {d["code"] for d in json_report(str(topic))}


def test_init_does_not_write_over_a_configuration(initialised: Path) -> None:
    before = (initialised / "seedlint.toml").read_text(encoding="utf-8")
    result = run_cli("init", str(initialised))
    assert result.status == 2
    assert "seedlint.toml exists; pass --force" in result.stderr
    assert (initialised / "seedlint.toml").read_text(encoding="utf-8") == before
    assert run_cli("init", "--force", str(initialised)).status == 0


def test_init_writes_into_pyproject_when_the_site_has_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    (site / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    monkeypatch.chdir(site / "_events")
    assert run_cli("init").status == 0
    data = tomllib.loads((site / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"] == {"name": "site"}
    assert data["tool"]["seedlint"]["schemas"][0] == {"files": ["_events/**"], "schema": "event"}
    assert not (site / "seedlint.toml").exists()
    status, out = report(".")
    assert status == 0, out


def test_init_outside_a_site_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path))
    assert result.status == 2
    assert "no Jekyll site (_config.yml)" in result.stderr


def test_inference_keeps_only_the_formats_every_record_meets() -> None:
    records = [
        {"when": "2020-01-01T00:00:00Z", "site": "https://a.example/x", "n": 1, "tags": ["a"]},
        {"when": "2020-02-30T00:00:00Z", "site": "https://b.example/y", "n": 2.5, "tags": []},
        {"when": "2021-01-01T00:00:00Z", "site": "https://c.example/", "n": 3, "mail": "a@b.io"},
    ]
    schema = infer_schema(records, "things")
    properties = schema["properties"]
    assert "format" not in properties["when"]  # February 30th is no date-time
    assert properties["site"]["format"] == "uri"
    assert properties["n"]["type"] == "number"
    assert properties["tags"]["items"]["type"] == "string"
    assert schema["required"] == ["n", "site", "when"]
    assert properties["mail"]["format"] == "email"


def test_inference_makes_enums_of_small_closed_sets_only() -> None:
    records = [{"kind": kind, "name": f"n{i}"} for i, kind in enumerate("abaabb")]
    schema = infer_schema(records, "things")
    assert schema["properties"]["kind"]["enum"] == ["a", "b"]
    assert "enum" not in schema["properties"]["name"]  # every value differs
    assert "enum" not in infer_schema(records[:3], "few")["properties"]["kind"]  # too few


def test_an_inferred_enum_rejects_a_value_outside_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_talks").mkdir(parents=True)
    (site / "_config.yml").write_text("collections: [talks]\n", encoding="utf-8")
    for index, kind in enumerate(["keynote", "demo", "demo", "keynote", "demo"]):
        (site / "_talks" / f"t{index}.md").write_text(f"---\nkind: {kind}\nminutes: {index}\n---\n")
    assert run_cli("init", str(site)).status == 0
    assert json_report(str(site)) == []
    (site / "_talks" / "t0.md").write_text("---\nkind: keynote \nminutes: 5\n---\n")
    (site / "_talks" / "t1.md").write_text("---\nkind: lightning\nminutes: 5\n---\n")
    found = json_report(str(site))
    assert [(Path(str(d["path"])).name, d["line"], d["code"]) for d in found] == [
        ("t1.md", 2, "SL108")
    ]


# --- seedlint schema docs ------------------------------------------------------------------


def test_schema_docs_renders_a_field_reference(initialised: Path) -> None:
    schema = str(initialised / "schemas" / "samples.schema.json")
    result = run_cli("schema", "docs", schema)
    assert result.status == 0
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == "# samples"
    assert "| field | type | required | format | description | example |" in lines
    row = next(line for line in lines if line.startswith("| `publishedDateTime` |"))
    assert row.startswith("| `publishedDateTime` | string | yes | date-time | The published")
    assert row.endswith("| `2020-07-30T14:19:00Z` |")  # an example from a real record
    assert any(line.startswith("| `actions[].url` | string | yes | uri |") for line in lines)
    topics = next(line for line in lines if line.startswith("| `topics` |"))
    assert topics.endswith('| `["Power Apps"]` |'), topics


def test_schema_docs_of_a_built_in_schema_takes_examples_from_records() -> None:
    records = str(Path(__file__).parent / "data" / "site" / "_events")
    result = run_cli("schema", "docs", "event", "--records", records)
    assert result.status == 0
    out = result.stdout
    row = next(line for line in out.splitlines() if line.startswith("| `startDateTime` |"))
    assert "| yes |" in row and row.endswith("| `2020-08-20T16:00:00Z` |"), row


def test_init_maps_top_level_data_files_too(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_data").mkdir(parents=True)
    (site / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (site / "_data" / "authors.yml").write_text("- name: a\n- name: b\n", encoding="utf-8")
    (site / "_data" / "site.json").write_text('{"owner": "me", "year": 2020}\n')
    status, out = report(str(site))
    assert status == 0 and "Note: _data/authors, _data/site have no schema" in out, out
    assert run_cli("init", str(site)).status == 0
    config = tomllib.loads((site / "seedlint.toml").read_text(encoding="utf-8"))
    assert config["schemas"] == [
        {"files": ["_data/authors.yml"], "schema": "front-matter"},  # a list: YAML only
        {"files": ["_data/site.json"], "schema": "schemas/data-site.schema.json"},
    ]
    status, out = report(str(site))
    assert status == 0 and "Note:" not in out, out
    (site / "_data" / "site.json").write_text('{"owner": 3, "year": 2020}\n')
    assert [d["code"] for d in json_report(str(site))] == ["SL103"]


def test_inference_leaves_out_examples_json_cannot_hold() -> None:
    records = [{"ratio": float("nan"), "n": 1}, {"ratio": 0.5, "n": 2}]
    schema = infer_schema(records, "things")
    assert "examples" not in schema["properties"]["ratio"]
    json.dumps(schema, allow_nan=False)  # valid JSON


def test_schema_docs_of_a_recursive_schema_lists_each_field_once(tmp_path: Path) -> None:
    """A ``$ref`` back to a parent is listed, not opened again: a node with three
    children of its own kind made 3**20 rows (it ran out of memory), and a field named
    with ``|`` kept the table's shape."""
    node = {
        "type": "object",
        "properties": {
            "left": {"$ref": "#/$defs/node"},
            "right": {"$ref": "#/$defs/node"},
            "middle": {"$ref": "#/$defs/node"},
            "a|b": {"type": "string", "description": "x | y"},
        },
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {"node": node},
        "type": "object",
        "properties": {"tree": {"$ref": "#/$defs/node"}},
        "required": ["tree"],
    }
    path = tmp_path / "tree.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    result = run_cli("schema", "docs", str(path))
    assert result.status == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("| `")]
    assert rows == [
        "| `tree` | object | yes |  |  |  |",
        "| `tree.left` | object | no |  |  |  |",
        "| `tree.right` | object | no |  |  |  |",
        "| `tree.middle` | object | no |  |  |  |",
        "| `tree.a\\|b` | string | no |  | x \\| y |  |",
    ]
