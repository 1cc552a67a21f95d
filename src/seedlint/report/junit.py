"""``--format junit``: JUnit XML with one test case per file, clean files included.

A file fails when it has a diagnostic at or above the failing severity (``fail-on``);
its other diagnostics go to the test case's ``system-out``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from typing import IO

from ..diagnostics import Diagnostic, SourceLines
from . import ReportContext, Reporter
from .common import copy_spool, counts, spool

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group(0)):02x}", text)


def _describe(d: Diagnostic) -> str:
    return _xml_safe(f"{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}")


class Report(Reporter):
    """The test cases are spooled: the suites' opening tags count them."""

    in_path_order = False  # the test cases follow the files as given, clean ones included

    def __init__(self, out: IO[str], context: ReportContext) -> None:
        super().__init__(out, context)
        self.spooled = spool()
        self.cases = 0
        self.failed = 0

    def file(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None
    ) -> None:
        fail_rank = self.context.fail_on.rank
        case = ET.Element(
            "testcase", name=_xml_safe(path), classname="seedlint", file=_xml_safe(path)
        )
        failing = [d for d in diagnostics if d.severity.rank >= fail_rank]
        if failing:
            self.failed += 1
            failure = ET.SubElement(
                case,
                "failure",
                message=counts(Counter(d.severity for d in failing)),
                type=failing[0].code,
            )
            failure.text = "\n".join(_describe(d) for d in failing)
        others = [d for d in diagnostics if d.severity.rank < fail_rank]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_describe(d) for d in others)
        ET.indent(case, level=_CASE_LEVEL)
        self.spooled.write(f"\n{_INDENT * _CASE_LEVEL}{ET.tostring(case, encoding='unicode')}")
        self.cases += 1

    def finish(self) -> None:
        counted = f'tests="{self.cases}" failures="{self.failed}" errors="0"'
        self.out.write(
            "<?xml version='1.0' encoding='utf-8'?>\n"
            f'<testsuites name="seedlint" {counted}>\n'
            f'{_INDENT}<testsuite name="seedlint" {counted} skipped="0"'
        )
        if self.cases:
            self.out.write(">")
            copy_spool(self.spooled, self.out)
            self.out.write(f"\n{_INDENT}</testsuite>\n</testsuites>\n")
        else:
            self.spooled.close()
            self.out.write(" />\n</testsuites>\n")


# Laid out as ElementTree's indent() lays out the whole document: a case is two levels in.
_INDENT = "  "
_CASE_LEVEL = 2
