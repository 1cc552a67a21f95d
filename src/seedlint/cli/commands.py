"""The commands other than ``check``: ``rules``, ``rule``, ``init``, ``schema docs`` and
``server``."""

from __future__ import annotations

import argparse
import json
import sys

from ..config import Config, ConfigError
from ..diagnostics import EXIT_OK
from ..schemafile import SchemaError
from .output import fail


def rules(args: argparse.Namespace) -> int:
    from ..rules import all_rules

    listed = all_rules()
    if args.format == "json":
        print(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.value,
                        "summary": r.summary,
                        "fix": r.fix,
                        "origin": r.origin,
                    }
                    for r in listed
                ],
                indent=2,
            )
        )
        return EXIT_OK
    for item in listed:
        fix = f" [fix: {item.fix}]" if item.fix else ""
        print(f"{item.code}  {item.name:<28} {item.severity.value:<8} {item.summary}{fix}")
    return EXIT_OK


def rule(args: argparse.Namespace) -> int:
    from ..rules import get

    found = get(args.code)
    if found is None:
        return fail(f"unknown rule {args.code!r}; `seedlint rules` lists them")
    print(f"# {found.code} {found.name}\n")
    print(f"Default severity: {found.severity.value}. Fix: {found.fix or 'none'}.\n")
    print(found.summary[0].upper() + found.summary[1:] + ".\n")
    if found.doc:
        print(found.doc)
    return EXIT_OK


def init(args: argparse.Namespace) -> int:
    """``seedlint init``: see :mod:`seedlint.init`."""
    from ..infer import InferenceUnavailable
    from ..init import InitError, init_site

    try:
        result = init_site(args.path, force=args.force)
    except (InitError, InferenceUnavailable, ConfigError, SchemaError) as error:
        return fail(str(error))
    for collection in result.collections:
        how = "inferred from its records" if collection.inferred is not None else "built in"
        if collection.schema == "front-matter":
            how = "no record could be read: front matter only"
        count = len(collection.records)
        print(f"{collection.glob}: {collection.schema} ({how}; {count} records)")
        for path in collection.unreadable:
            print(f"  {path}: not read (it has errors `seedlint check` shows)")
    for path in result.schema_files:
        print(f"wrote {path}")
    print(f"wrote {result.config_file}")
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    """``seedlint schema docs SCHEMA``: a Markdown field reference."""
    if args.schema_command != "docs":
        return fail("which schema command? `seedlint schema docs SCHEMA`")
    from ..init import read_record
    from ..run import discover
    from ..schemadocs import examples_from, render
    from ..schemafile import read_schema

    try:
        _, document, _ = read_schema(args.schema)
    except SchemaError as error:
        return fail(str(error))
    if not isinstance(document, dict):
        return fail(f"{args.schema}: the boolean schema {str(document).lower()} has no fields")
    records = []
    if args.records:
        found = discover(args.records, Config())
        records = [read_record(path) for path in found.files]
    examples = examples_from([r for r in records if isinstance(r, dict)])
    sys.stdout.write(render(document, args.schema, examples))
    return EXIT_OK


def server(args: argparse.Namespace) -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        return fail("the language server needs pygls: pip install 'seedlint[server]'")
    from ..server import serve

    return serve()
