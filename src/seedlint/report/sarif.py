"""``--format sarif``: a SARIF 2.1.0 log that GitHub code scanning (and other viewers) accept.

The driver lists every registered rule with its doc as help; each result points to its
rule by id and index, and to a region whose URI is relative to ``%SRCROOT%`` (the folder
seedlint ran in), so the log is portable between checkouts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..diagnostics import Diagnostic
from . import ReportContext
from .common import LEVELS, SRCROOT, artifact_location, fingerprints, root_uri

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/seedlint/"


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _sentence(rule.summary)},
        "fullDescription": {"text": _sentence(rule.summary)},
        "defaultConfiguration": {"level": LEVELS[rule.severity].sarif},
    }
    if rule.doc:
        descriptor["help"] = {"text": rule.doc, "markdown": rule.doc}
    return descriptor


def _unknown_rule(code: str) -> dict[str, Any]:
    """A descriptor for a code no registered rule owns (an internal error, a removed plugin)."""
    return {"id": code, "shortDescription": {"text": code}}


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")) if text else ""


def _region(d: Diagnostic) -> dict[str, int]:
    end_column = d.end_column
    if d.end_line == d.line and end_column <= d.column:
        end_column = d.column + 1  # a zero-width span: mark the character it points at
    return {
        "startLine": d.line,
        "startColumn": d.column,
        "endLine": max(d.line, d.end_line),
        "endColumn": end_column,
    }


def _result(d: Diagnostic, index: int, fingerprint: str, root: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": LEVELS[d.severity].sarif,
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(d.path, root),
                    "region": _region(d),
                }
            }
        ],
        "partialFingerprints": {"seedlint/v1": fingerprint},
    }
    if d.pointer:
        result["locations"][0]["logicalLocations"] = [
            {"fullyQualifiedName": d.pointer, "kind": "member"}
        ]
    return result


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    from .. import __version__
    from ..rules import all_rules

    descriptors = [_rule_descriptor(rule) for rule in all_rules()]
    index = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
    for code in sorted({d.code for d in diagnostics} - index.keys()):
        index[code] = len(descriptors)
        descriptors.append(_unknown_rule(code))
    ids = fingerprints(diagnostics, context.root)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "seedlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root_uri(context.root)}},
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(d, index[d.code], fingerprint, context.root)
                    for d, fingerprint in zip(diagnostics, ids, strict=True)
                ],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
