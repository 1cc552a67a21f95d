"""``--format junit``: JUnit XML with one test case per file, clean files included.

A file fails when it has a diagnostic at or above the failing severity (``fail-on``);
its other diagnostics go to the test case's ``system-out``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..diagnostics import Diagnostic
from . import ReportContext
from .common import counts

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group(0)):02x}", text)


def _describe(d: Diagnostic) -> str:
    return _xml_safe(f"{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}")


def render(diagnostics: Sequence[Diagnostic], context: ReportContext) -> str:
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in context.files}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    fail_rank = context.fail_on.rank
    suites = ET.Element("testsuites", name="seedlint")
    suite = ET.SubElement(suites, "testsuite", name="seedlint")
    failed = 0
    for path, found in by_file.items():
        case = ET.SubElement(
            suite, "testcase", name=_xml_safe(path), classname="seedlint", file=_xml_safe(path)
        )
        failing = [d for d in found if d.severity.rank >= fail_rank]
        if failing:
            failed += 1
            failure = ET.SubElement(case, "failure", message=counts(failing), type=failing[0].code)
            failure.text = "\n".join(_describe(d) for d in failing)
        others = [d for d in found if d.severity.rank < fail_rank]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_describe(d) for d in others)
    for element in (suites, suite):
        element.set("tests", str(len(by_file)))
        element.set("failures", str(failed))
        element.set("errors", "0")
    suite.set("skipped", "0")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
