"""Broken records made from the real ones in tests/data/records: one injected defect each.

Shared by the schema, parser-backend and runner tests, so that every comparison runs over
the same realistic mix of valid and broken files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import real_records

Defect = Callable[[str], str]


def _sub(pattern: str, replacement: str, flags: int = re.M) -> Defect:
    """Replace the first match of ``pattern``; the text is unchanged when it is absent."""
    compiled = re.compile(pattern, flags)
    return lambda text: compiled.sub(replacement, text, count=1)


def _drop_closing_delimiter(text: str) -> str:
    first_end = text.index("\n") + 1
    closing = re.compile(r"^---[ \t]*\r?\n", re.M).search(text, first_end)
    return text if closing is None else text[: closing.start()] + text[closing.end() :]


DEFECTS: dict[str, Defect] = {
    "missing-heat": _sub(r"^heat: .*\n", ""),
    "quoted-integer": _sub(r"^quality: (\d+)$", r'quality: "\1"'),
    "fractional-heat": _sub(r"^heat: .*$", "heat: 3.5"),
    "bad-scheme": _sub(r'(url: "?)https?://', r"\1htps:/"),
    "space-in-host": _sub(r"^webUrl: .*$", 'webUrl: "https://my site.org/a"'),
    "impossible-date": _sub(r"^publishedDateTime: .*$", "publishedDateTime: 2022-04-31T08:00:00Z"),
    "spaced-date": _sub(r"^publishedDateTime: (\S+)T(\S+)$", r"publishedDateTime: \1 \2"),
    "zero-width": _sub(r"^(\s+)width: \d+$", r"\1width: 0"),
    "string-height": _sub(r"^(\s+)height: \d+$", r'\1height: "big"'),
    "typo-key": _sub(r"^type: ", "tpye: "),
    "unknown-nested-key": _sub(r"^(  )name: ", r"\1nmae: "),
    "missing-nested-domain": _sub(r"^(\s{6,})domain: .*\n", ""),
    "missing-related-title": _sub(r"^(\s+)- title: .*\n(\s+)excerpt:", r"\1- excerpt:"),
    "duplicate-key": _sub(r"\A---\n", '---\ntitle: "twice"\n'),
    "yaml-1.1-boolean": _sub(r"^published: \w+$", "published: yes"),
    "empty-topics": _sub(r"^topics:\n(?:  - .*\n)+", "topics: []\n"),
    "repeated-topic": _sub(r"^topics:\n(  - .*\n)", r"topics:\n\1\1"),
    "related-not-a-list": _sub(r"^related:\n(?:[ -].*\n)+", 'related: "none"\n'),
    "empty-title": _sub(r"^title: .*$", 'title: ""'),
    "unclosed-quote": _sub(r'^title: "(.*)"$', r'title: "\1'),
    "tab-indent": _sub(r"^  name: ", "\tname: "),
    "no-closing-delimiter": _drop_closing_delimiter,
    "top-level-list": lambda text: re.sub(r"\A---\n", "---\n- a\n- b\n---\n", text, count=1),
}


def broken_records() -> list[tuple[str, str]]:
    """``(name, text)`` of every real record with every defect that applies to it."""
    variants = []
    for record in real_records():
        text = record.read_text(encoding="utf-8")
        for defect, inject in DEFECTS.items():
            broken = inject(text)
            if broken != text:
                variants.append((f"{record.stem}+{defect}", broken))
    return variants


def valid_records() -> list[tuple[str, str]]:
    return [(record.stem, record.read_text(encoding="utf-8")) for record in real_records()]


def write_fixture_tree(folder: Path) -> list[Path]:
    """Valid and broken records as files (plus unreadable ones), for whole-run tests."""
    files = []
    for index, (name, text) in enumerate(valid_records() + broken_records()):
        path = folder / f"{index:03d}-{_slug(name)}.md"
        path.write_text(text, encoding="utf-8", newline="")
        files.append(path)
    latin1 = folder / "900-latin1.md"
    latin1.write_bytes("---\ntitle: caf\u00e9\n---\n".encode("latin-1"))
    binary = folder / "901-binary.md"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    empty = folder / "902-empty.md"
    empty.write_bytes(b"")
    return files + [latin1, binary, empty]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
