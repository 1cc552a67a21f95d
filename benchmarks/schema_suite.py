"""Measure seedlint against the official JSON-Schema-Test-Suite (draft2020-12), through the CLI.

Usage::

    python benchmarks/schema_suite.py SUITE [--formats assert|annotate] [-- EXTRA CHECK ARGS]

``SUITE`` is the suite's ``tests/draft2020-12`` folder (python-jsonschema's sdist vendors it
under ``json/tests/draft2020-12``: ``pip download --no-binary :all: --no-deps
jsonschema==4.26.0``). Every test, core and ``optional/`` (formats included), runs the way a
user runs seedlint: the schema is written to a file, each test's data is written as the
front matter of a record (``---``, the data as YAML flow that both of Jekyll's loaders
read as exactly that JSON value, ``---``: see :func:`as_jekyll_yaml`), and one
``seedlint check --isolated --no-cache --format json --schema FILE RECORDS...`` per schema
gives the verdicts: exit status 2 is a refused schema, a ``SL000`` an internal error, and a
record is invalid when it has an error: an ``SL1xx`` (schema) error, or a rule's error that
replaces one (SL209 explains a date-time's form); the codes other than SL1xx are counted.

Data that is not a mapping cannot be a record's front matter (seedlint reports SL006
whatever the schema says, as Jekyll cannot read it as fields). Such data is written under a
field, ``value: DATA``, and checked against a wrapping schema that embeds the test's schema
as its own resource: ``{"properties": {"value": {"$ref": "urn:seedlint-suite:test"}},
"required": ["value"], "$defs": {"test": SCHEMA with "$id": "urn:seedlint-suite:test"}}``
(a schema with its own ``$id`` keeps it). The verdict is the test schema's, the references
inside it resolve as in the original. These tests are counted on their own line too.

It prints agreements, disagreements by category (a reference that needs another document,
format assertions, other; ``--formats assert``, seedlint's default, disagrees with the core
``format.json`` tests, which assume the specification's default of annotating, and
``--formats annotate`` with the ``optional/format`` tests, which assume assertion),
internal errors, invalid data passed, and whether the fields named in every ``unknown
field`` (SL102) diagnostic are exactly the ones jsonschema-rs reports as unexpected for
``additionalProperties``/``unevaluatedProperties``.

``--remotes DIR`` (the suite's ``remotes`` folder) shows seedlint's companion files at
work: each document the suite serves at ``http://localhost:1234/PATH`` is written next to
the schemas that refer to that host, as a ``.json`` file whose ``$id`` is that URL (one is
added where the document has none: its retrieval URI, which is then its base URI anyway).
Nothing is served or fetched.

This is a measurement, not part of the test run; the repository's own conformance cases
are in ``tests/test_schema_conformance.py``.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WRAP_ID = "urn:seedlint-suite:test"
REMOTE_HOST = "localhost:1234"


@dataclass
class Case:
    file: str
    group: str
    description: str
    data: Any
    valid: bool
    wrapped: bool


@dataclass
class Outcome:
    case: Case
    verdict: str  # "valid", "invalid", "refused", "internal"
    codes: list[str] = field(default_factory=list)
    unknown: set[str] = field(default_factory=set)  # pointers of SL102 fields
    message: str = ""


def load_groups(suite: Path) -> list[tuple[str, dict[str, Any], list[Case], Any]]:
    groups = []
    for path in sorted(suite.rglob("*.json")):
        rel = str(path.relative_to(suite))
        for group in json.loads(path.read_text(encoding="utf-8")):
            cases = [
                Case(
                    rel,
                    group["description"],
                    test["description"],
                    test["data"],
                    test["valid"],
                    not isinstance(test["data"], dict),
                )
                for test in group["tests"]
            ]
            groups.append((rel, group, cases, group["schema"]))
    return groups


def wrapper(schema: Any) -> dict[str, Any]:
    inner = copy.deepcopy(schema)
    if isinstance(inner, dict):
        inner.setdefault("$id", WRAP_ID)
        ref = WRAP_ID if inner["$id"] == WRAP_ID else inner["$id"]
        if not inner.get("$schema"):
            inner["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    else:  # a boolean schema
        ref = "#/$defs/test"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": {"value": {"$ref": ref}},
        "required": ["value"],
        "$defs": {"test": inner},
    }


def record(data: Any) -> str:
    return "---\n" + as_jekyll_yaml(data) + "\n---\n"


# Characters a YAML reader (libyaml, in Jekyll) refuses written as they are: escaped.
_UNPRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")


def as_jekyll_yaml(value: Any) -> str:
    """``value`` as YAML flow that both of Jekyll's loaders read as that very JSON value.

    JSON text is YAML, but Jekyll does not read all of it as JSON does: SafeYAML reads
    ``1e+308`` (no dot) as text, and both loaders need a signed exponent (``1.0e308`` is
    text too). A float is written with a dot and a signed exponent (``1.0e+308``); strings
    stay double-quoted (a quoted value is always text to Jekyll), with the characters a
    YAML reader refuses escaped.
    """
    if isinstance(value, dict):
        pairs = (f"{as_jekyll_yaml(str(k))}: {as_jekyll_yaml(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(as_jekyll_yaml(item) for item in value) + "]"
    if isinstance(value, float):
        mantissa, _, exponent = repr(value).partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        if exponent and exponent[0] not in "+-":
            exponent = "+" + exponent
        return mantissa + (f"e{exponent}" if exponent else "")
    text = json.dumps(value, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def load_remotes(folder: Path | None) -> list[dict[str, Any]]:
    """The suite's remote documents, each with its URL as ``$id`` unless it has one."""
    documents = []
    for path in sorted(folder.rglob("*.json")) if folder else ():
        document = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(document, dict):
            url = f"http://{REMOTE_HOST}/{path.relative_to(folder).as_posix()}"
            document.setdefault("$id", url)
            documents.append(document)
    return documents


def run_group(
    seedlint: list[str],
    folder: Path,
    schema: Any,
    cases: list[Case],
    extra: list[str],
    remotes: list[dict[str, Any]],
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    if remotes and REMOTE_HOST in json.dumps(schema):
        for index, document in enumerate(remotes):
            (folder / f"remote-{index:03d}.json").write_text(json.dumps(document))
    for wrapped in (False, True):
        chosen = [c for c in cases if c.wrapped is wrapped]
        if not chosen:
            continue
        schema_file = folder / ("wrapped.json" if wrapped else "schema.json")
        schema_file.write_text(json.dumps(wrapper(schema) if wrapped else schema))
        files = []
        for index, case in enumerate(chosen):
            name = folder / f"{'w' if wrapped else 'd'}{index:03d}.md"
            name.write_text(record({"value": case.data} if wrapped else case.data))
            files.append(str(name))
        command = [*seedlint, "check", "--isolated", "--no-cache", "--jobs", "1"]
        command += ["--format", "json", "--schema", str(schema_file), *extra, *files]
        done = subprocess.run(command, capture_output=True, text=True, cwd=folder)
        if done.returncode == 2 or done.returncode not in (0, 1):
            verdict = "refused" if done.returncode == 2 else "internal"
            message = (done.stderr.strip().splitlines() or [""])[-1]
            outcomes += [Outcome(c, verdict, message=message) for c in chosen]
            continue
        try:
            diagnostics = json.loads(done.stdout or "[]")
        except json.JSONDecodeError:
            outcomes += [Outcome(c, "internal", message=done.stdout[-200:]) for c in chosen]
            continue
        by_file: dict[str, list[dict[str, Any]]] = {f: [] for f in files}
        for diagnostic in diagnostics:
            by_file.setdefault(diagnostic["path"], []).append(diagnostic)
        for case, name in zip(chosen, files, strict=True):
            found = by_file[name]
            codes = [d["code"] for d in found]
            if "SL000" in codes:
                verdict = "internal"
            elif any(d["severity"] == "error" for d in found):
                verdict = "invalid"
            else:
                verdict = "valid"
            unknown = {d["pointer"] for d in found if d["code"] == "SL102"}
            outcomes.append(Outcome(case, verdict, codes, unknown))
    return outcomes


def engine_unexpected(schema: Any, case: Case, formats: str) -> set[str] | None:
    """The pointers of the fields jsonschema-rs reports as unexpected (top-level errors)."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    data = {"value": case.data} if case.wrapped else case.data
    try:
        validator = jsonschema_rs.validator_for(
            wrapper(schema) if case.wrapped else schema,
            validate_formats=formats == "assert",
            retriever=_refuse,
        )
        errors = list(validator.iter_errors(data))
    except Exception:  # noqa: BLE001 - a refused schema has no errors to compare
        return None
    named: set[str] = set()
    for error in errors:
        if error.kind.name in ("additionalProperties", "unevaluatedProperties"):
            base = "".join("/" + _escape(str(p)) for p in error.instance_path)
            named |= {f"{base}/{_escape(name)}" for name in error.kind.unexpected}
        elif error.kind.name == "falseSchema" and error.schema_path[-1:] == [
            "additionalProperties"
        ]:  # `additionalProperties: false` alone: every field of the mapping (at the path)
            base = "".join("/" + _escape(str(p)) for p in error.instance_path)
            instance = data
            for part in error.instance_path:
                instance = instance[part]
            named |= {f"{base}/{_escape(name)}" for name in instance}
    return named


def _refuse(uri: str) -> Any:
    raise ValueError(f"not fetched: {uri}")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def category(schema_text: str, case: Case, outcome: Outcome) -> str:
    if outcome.verdict == "refused" and REMOTE_HOST in schema_text:
        return "remote refs needed (refused with one line)"
    if outcome.verdict == "refused":
        return "refused, needing no other document"
    if case.file.startswith("optional/format"):
        return "format assertions: optional/format (the suite assumes formats asserted)"
    if "format" in case.file or (outcome.codes and set(outcome.codes) <= {"SL104"}):
        return "format assertions: format.json (the suite assumes formats annotated)"
    return "other"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("suite", type=Path, help="the suite's tests/draft2020-12 folder")
    parser.add_argument("--formats", choices=("assert", "annotate"), default=None)
    parser.add_argument("--seedlint", default=f"{sys.executable} -m seedlint")
    parser.add_argument("--remotes", type=Path, help="the suite's remotes folder, as companions")
    parser.add_argument(
        "--mappings-only", action="store_true", help="only the tests whose data is a mapping"
    )
    parser.add_argument("--show", type=int, default=8, help="examples per category")
    parser.add_argument("extra", nargs="*", help="more `seedlint check` arguments")
    args = parser.parse_args()
    extra = list(args.extra) + (["--formats", args.formats] if args.formats else [])
    seedlint = args.seedlint.split()
    remotes = load_remotes(args.remotes)
    outcomes: list[tuple[str, Outcome]] = []
    named_mismatch: list[str] = []
    checked_named = 0
    with tempfile.TemporaryDirectory() as tmp:
        for number, (_, _, cases, schema) in enumerate(load_groups(args.suite)):
            if args.mappings_only:
                cases = [case for case in cases if not case.wrapped]
            folder = Path(tmp) / f"g{number:04d}"
            folder.mkdir()
            schema_text = json.dumps(schema)
            for outcome in run_group(seedlint, folder, schema, cases, extra, remotes):
                outcomes.append((schema_text, outcome))
                if outcome.verdict not in ("valid", "invalid"):
                    continue
                expected = engine_unexpected(schema, outcome.case, args.formats or "assert")
                if expected is None:
                    continue
                checked_named += 1
                if expected != outcome.unknown:
                    named_mismatch.append(
                        f"{outcome.case.file} | {outcome.case.group} | "
                        f"{outcome.case.description}: seedlint {sorted(outcome.unknown)}, "
                        f"engine {sorted(expected)}"
                    )
    return report(outcomes, named_mismatch, checked_named, args.show)


def report(
    outcomes: list[tuple[str, Outcome]], named_mismatch: list[str], checked: int, show: int
) -> int:
    total = len(outcomes)
    agree = [o for _, o in outcomes if o.verdict == ("valid" if o.case.valid else "invalid")]
    internal = [o for _, o in outcomes if o.verdict == "internal"]
    passed = [o for _, o in outcomes if not o.case.valid and o.verdict == "valid"]
    wrapped = sum(o.case.wrapped for _, o in outcomes)
    optional = sum(o.case.file.startswith("optional") for _, o in outcomes)
    print(f"tests: {total} ({total - optional} core, {optional} optional)")
    print(f"  data not a mapping (checked as `value: DATA`): {wrapped}")
    print(f"agreements: {len(agree)}")
    categories: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for schema_text, outcome in outcomes:
        expected = "valid" if outcome.case.valid else "invalid"
        if outcome.verdict == expected:
            continue
        name = category(schema_text, outcome.case, outcome)
        categories[name] += 1
        examples.setdefault(name, []).append(
            f"{outcome.case.file} | {outcome.case.group} | {outcome.case.description}: "
            f"expected {expected}, got {outcome.verdict} {outcome.codes or outcome.message}"
        )
    print(f"disagreements: {total - len(agree)}")
    for name, count in sorted(categories.items()):
        print(f"  {name}: {count}")
        for line in examples[name][:show]:
            print(f"      {line}")
    print(f"internal errors: {len(internal)}")
    formats = sum("format" in o.case.file for o in passed)
    print(f"invalid data passed: {len(passed)} ({formats} of them format assertions)")
    others = Counter(c for _, o in outcomes for c in o.codes if not c.startswith("SL1"))
    print(f"codes other than SL1xx among the diagnostics: {dict(others) or 'none'}")
    for outcome in passed[:show]:
        print(f"      {outcome.case.file} | {outcome.case.group} | {outcome.case.description}")
    print(
        f"unknown-field names checked against the engine's: {checked} records, "
        f"{len(named_mismatch)} differ"
    )
    for line in named_mismatch[:show]:
        print(f"      {line}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main())
