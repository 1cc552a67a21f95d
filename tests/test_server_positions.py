"""Positions for the language server: seedlint's character columns and offsets to LSP
positions in UTF-8, UTF-16 and UTF-32 code units, and back."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from seedlint.server.positions import LineMap, Position, units

ENCODINGS = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}
UNIT_BYTES = {"utf-8": 1, "utf-16": 2, "utf-32": 4}
text_with_breaks = st.lists(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\r\n", "\r", "\n", "🚀"])
).map("".join)


@given(text_with_breaks, st.sampled_from(sorted(ENCODINGS)), st.data())
def test_an_offset_becomes_the_position_python_computes(
    text: str, encoding: str, data: st.DataObject
) -> None:
    text = text.removeprefix("\ufeff")
    offset = data.draw(st.integers(0, len(text)))
    if text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1  # inside a line break: no position is there
    lines = LineMap(text, encoding)
    position = lines.from_offset(offset)
    before = text[:offset]
    # lines end at \r\n, \r and \n only (not at U+2028 or U+0085, which LSP does not count)
    parts = re.split(r"\r\n|\r|\n", before)
    assert position.line == len(parts) - 1
    width = len(parts[-1].encode(ENCODINGS[encoding], "surrogatepass"))
    assert position.character == width // UNIT_BYTES[encoding]
    assert lines.to_offset(position) == offset


def test_non_bmp_characters_and_the_bom() -> None:
    assert (
        units("🚀é", "utf-16") == 3 and units("🚀é", "utf-8") == 6 and units("🚀é", "utf-32") == 2
    )
    lines = LineMap("\ufeff---\ntitle: 🚀 x\n", "utf-16")
    # seedlint counts line 1 without the BOM; the editor's buffer has it
    assert lines.from_seedlint(1, 1) == Position(0, 1)
    assert lines.from_seedlint(2, 10) == Position(1, 10)  # after "title: 🚀 "
    assert lines.from_offset(4) == Position(1, 0)  # offsets are into the text without it
    # a position past the end of a line or of the buffer is clamped
    assert lines.from_seedlint(2, 99) == Position(1, 11)
    assert lines.from_seedlint(9, 1) == Position(2, 0)
