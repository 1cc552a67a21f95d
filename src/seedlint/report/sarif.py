"""``--format sarif``: a SARIF 2.1.0 log that GitHub code scanning (and other viewers) accept.

The driver lists every registered rule with its doc as help; each result points to its
rule by id and index, and to a region whose URI is relative to ``%SRCROOT%`` (the folder
seedlint ran in), so the log is portable between checkouts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from ..diagnostics import Diagnostic, SourceLines
from . import ReportContext, Reporter
from .common import (
    LEVELS,
    SRCROOT,
    Fingerprints,
    JsonArray,
    artifact_location,
    copy_spool,
    root_uri,
    spool,
)

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


class Report(Reporter):
    """The results are spooled: the rules listed before them are only known at the end
    (a code that no registered rule owns gets a descriptor of its own, in the order the
    codes first appear)."""

    def __init__(self, out: IO[str], context: ReportContext) -> None:
        from ..rules import all_rules

        super().__init__(out, context)
        self.descriptors = [_rule_descriptor(rule) for rule in all_rules()]
        self.index = {descriptor["id"]: i for i, descriptor in enumerate(self.descriptors)}
        self.spooled = spool()
        self.results = JsonArray(self.spooled, depth=3)
        self.fingerprints = Fingerprints(context.root)

    def file(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None
    ) -> None:
        root = self.context.root
        ids = self.fingerprints.of(path, diagnostics)
        for d, fingerprint in zip(diagnostics, ids, strict=True):
            if d.code not in self.index:
                self.index[d.code] = len(self.descriptors)
                self.descriptors.append(_unknown_rule(d.code))
            self.results.append(_result(d, self.index[d.code], fingerprint, root))

    def finish(self) -> None:
        from .._version import __version__

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
                            "rules": self.descriptors,
                        }
                    },
                    "originalUriBaseIds": {SRCROOT: {"uri": root_uri(self.context.root)}},
                    "columnKind": "unicodeCodePoints",
                    "results": [],
                }
            ],
        }
        # The log's last member is the empty results array: the spooled results go there.
        text = json.dumps(log, indent=2, ensure_ascii=False)
        head, tail = text.rsplit(_RESULTS, 1)
        self.out.write(head + '"results": ')
        self.results.close()
        copy_spool(self.spooled, self.out)
        self.out.write(tail + "\n")


_RESULTS = '"results": []'
