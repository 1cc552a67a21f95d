"""``--format text`` (the default): each diagnostic with its source lines and a caret underline.

::

    _news/2020-04-13-x.md:5:7: SL104 [error] 'heat' must be an integer
      |
    5 | heat: hot
      |       ^^^
      |

Tabs are expanded, wide characters take two cells, control and bidi characters are shown
as inert stand-ins, and very long lines are cut to a window around the span.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, TypeVar

from ..diagnostics import Diagnostic, Severity, SourceLines, last_line
from . import ReportContext, Reporter, Tally
from .common import plural, printable, summary, visible

TAB_SIZE = 4
MAX_WIDTH = 120  # source cells shown per line; longer lines are cut around the span
LEFT_CONTEXT = 20  # cells kept before the span when a line is cut
# Characters looked at on each side of a span's start (a cell is at least one character
# but for zero-width ones): what a window of MAX_WIDTH cells can show, with room to spare
SCAN_WINDOW = 4 * MAX_WIDTH
# a longer multi-line span shows its first and last lines only (all a result keeps)
MAX_SPAN_LINES = 2 * SourceLines.EDGE
ELLIPSIS = "\u2026"

_SEVERITY_COLOR = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


class Style:
    """ANSI styling, or none at all."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def around(self, code: str) -> tuple[str, str]:
        """What :meth:`paint` puts before and after a non-empty text."""
        return (f"\x1b[{code}m", "\x1b[0m") if self.color else ("", "")

    def paint(self, text: str, code: str) -> str:
        if not text:
            return text
        on, off = self.around(code)
        return f"{on}{text}{off}"

    def bold(self, text: str) -> str:
        return self.paint(text, "1")

    def gutter(self, text: str) -> str:
        return self.paint(text, _GUTTER)

    def severity(self, text: str, severity: Severity) -> str:
        return self.paint(text, _severity_code(severity))


_GUTTER = "1;34"


def _severity_code(severity: Severity) -> str:
    return f"1;{_SEVERITY_COLOR[severity]}"


class Marks:
    """The painted strings that every diagnostic of a report repeats, made once: a
    report has thousands of lines, and a method call per piece would cost more than
    putting the line together."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.gutter = style.around(_GUTTER)  # around a line number
        self.carets = {s: style.around(_severity_code(s)) for s in Severity}
        # ``CODE [severity]`` by (code, severity)
        self.labels: _Memo[tuple[str, Severity], str] = _Memo(self._label)
        # an excerpt's blank gutter, elided line and fix gutter by the digits of its numbers
        self.frames: _Memo[int, tuple[str, str, str]] = _Memo(self._frame)

    def _label(self, key: tuple[str, Severity]) -> str:
        code, severity = key
        paint = self.style.severity
        return f"{paint(code, severity)} {paint(f'[{severity.value}]', severity)}"

    def _frame(self, width: int) -> tuple[str, str, str]:
        blank = self.style.gutter(" " * width + " |")
        return blank, f"{blank} ...", self.style.gutter(" " * width + " =")


_K = TypeVar("_K")
_V = TypeVar("_V")


class _Memo(dict[_K, _V]):
    """A dict that makes a missing value on first use (a hit costs a dict lookup only)."""

    def __init__(self, make: Callable[[_K], _V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: _K) -> _V:
        value = self[key] = self.make(key)
        return value


def header(diagnostic: Diagnostic, path: str, marks: Marks) -> str:
    """``path:line:col: CODE [severity] message``; ``path`` is printable and painted."""
    d = diagnostic
    return f"{path}:{d.line}:{d.column}: {marks.labels[d.code, d.severity]} {printable(d.message)}"


# --- one source line, as display cells ---------------------------------------------------


def _cells(text: str) -> list[tuple[str, int]]:
    """Each character as (what to print, how many terminal cells it takes)."""
    cells = []
    column = 0
    for char in text:
        if char == "\t":
            shown = " " * (TAB_SIZE - column % TAB_SIZE)
            cell = (shown, len(shown))
        else:
            cell = _cell(char)
        cells.append(cell)
        column += cell[1]
    return cells


@functools.lru_cache(maxsize=4096)
def _cell(char: str) -> tuple[str, int]:
    """A character other than a tab as (what to print, its cells); a text repeats few."""
    shown = visible(char)
    return shown, _width(shown)


def _width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _window(cells: list[tuple[str, int]], start: int) -> tuple[int, int]:
    """The slice of a too-long line to show: some context before ``start``, then the rest."""
    if sum(width for _, width in cells) <= MAX_WIDTH:
        return 0, len(cells)
    low, used = start, 0
    while low > 0 and used + cells[low - 1][1] <= LEFT_CONTEXT:
        low -= 1
        used += cells[low][1]
    high, used = low, 0
    while high < len(cells) and used + cells[high][1] <= MAX_WIDTH:
        used += cells[high][1]
        high += 1
    return low, high


def _underlined(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The line as displayed, and the cells before and under characters ``start:end``.

    A zero-width span (``start == end``) gets one caret where it points. Only a bounded
    window of characters around ``start`` is looked at: a line of a megabyte with
    thousands of diagnostics costs as much per diagnostic as a short one.
    """
    length = len(text)
    if length > 2 * SCAN_WINDOW:
        low = max(0, min(start, length) - SCAN_WINDOW)
        high = min(length, low + 2 * SCAN_WINDOW)
        shown, before, under = _underlined(text[low:high], start - low, end - low)
        if low > 0 and not shown.startswith(ELLIPSIS):  # the window shows from its start
            shown, before = ELLIPSIS + shown, before + 1
        if high < length and not shown.endswith(ELLIPSIS):
            shown += ELLIPSIS
        return shown, before, under
    if _one_cell_each(text):
        return _underlined_plain(text, start, end)
    return _underlined_cells(text, start, end)


def _underlined_cells(text: str, start: int, end: int) -> tuple[str, int, int]:
    """:func:`_underlined` for any line, character by character."""
    cells = _cells(text)
    start = min(start, len(cells))
    end = max(start, min(end, len(cells)))
    low, high = _window(cells, start)
    shown = [cell for cell, _ in cells[low:high]]
    prefix = ELLIPSIS if low > 0 else ""
    suffix = ELLIPSIS if high < len(cells) else ""
    before = len(prefix) + sum(width for _, width in cells[low:start])
    under = sum(width for _, width in cells[start : min(end, high)])
    return prefix + "".join(shown) + suffix, before, max(1, under)


def _one_cell_each(text: str) -> bool:
    """Whether each character of ``text`` shows as itself in one cell (most lines)."""
    if text.isascii():
        return text.isprintable()  # not with a tab or another control character
    # the other characters of a line are few (no-break spaces, accents, quotes, dashes)
    others = set(_NOT_PRINTABLE_ASCII.findall(text))
    return all(_cell(char) == (char, 1) for char in others)


_NOT_PRINTABLE_ASCII = re.compile("[^\x20-\x7e]")


def _underlined_plain(text: str, start: int, end: int) -> tuple[str, int, int]:
    """:func:`_underlined` for a line whose characters are one cell each: the same
    window and underline, computed from indexes."""
    length = len(text)
    # conditional expressions: here, where most lines pass, min() and max() cost much more
    start = start if start < length else length
    if length <= MAX_WIDTH:  # most lines: shown whole
        under = (end if end < length else length) - start
        return text, start, under if under > 1 else 1
    low = max(0, start - LEFT_CONTEXT)
    high = min(length, low + MAX_WIDTH)
    prefix = ELLIPSIS if low > 0 else ""
    suffix = ELLIPSIS if high < length else ""
    under = min(end, high) - start
    return prefix + text[low:high] + suffix, len(prefix) + start - low, max(1, under)


# --- a diagnostic's excerpt --------------------------------------------------------------


def _span_lines(d: Diagnostic) -> tuple[int, int, int]:
    """First line, last line (see ``last_line``) and end column (-1: to the end of the
    last line, for a span that ends at a line start)."""
    last = last_line(d)
    return d.line, last, -1 if last < d.end_line else d.end_column


def _shown(first: int, last: int) -> list[int]:
    """The numbers of the lines an excerpt shows; 0 stands for the elided ones."""
    numbers = list(range(first, last + 1))
    if len(numbers) > MAX_SPAN_LINES:
        keep = MAX_SPAN_LINES // 2
        numbers = numbers[:keep] + [0] + numbers[-keep:]
    return numbers


# A report draws each excerpt from the source lines its diagnostic touches. Excerpts
# repeat across the records of a report (the same line flagged at the same place: 589
# distinct of the 2,294 of the news corpus), so a report keeps those it drew, by what they
# are drawn from; a report from the cache then costs what it cost when workers drew them
# and the cache kept them. At most DRAWN_KEPT, of lines of at most DRAWN_TEXT characters
# in all, so memory does not grow with the report (nor with a line of a megabyte).
DRAWN_KEPT = 2048
DRAWN_TEXT = 2 * SCAN_WINDOW

_Key = tuple[object, ...]


class _Excerpts:
    """The excerpts of a report's diagnostics in its style, each drawn once."""

    def __init__(self, marks: Marks) -> None:
        self.marks = marks
        self.drawn: dict[_Key, str] = {}

    def of(self, d: Diagnostic, source: Mapping[int, str]) -> str | None:
        """The excerpt of ``d``, or ``None`` when one of its lines is unknown."""
        first, last, end_column = _span_lines(d)
        texts: str | tuple[str, ...] | None
        if first == last:  # most spans
            texts = source.get(first)
        else:
            texts = _texts(_shown(first, last), source)
        if texts is None:
            return None
        fix = d.fix
        key: _Key = (texts, first, last, d.column, end_column, d.severity)
        if fix is not None:
            key += (fix.message, fix.safe)
        drawn = self.drawn.get(key)
        if drawn is not None:
            return drawn
        if isinstance(texts, str):
            numbered, size = [(first, texts)], len(texts)
        else:
            numbered = list(zip(_shown(first, last), texts, strict=True))
            size = sum(map(len, texts))
        drawn = "\n".join(_excerpt(d, numbered, self.marks))
        if size <= DRAWN_TEXT:
            if len(self.drawn) >= DRAWN_KEPT:
                self.drawn.clear()
            self.drawn[key] = drawn
        return drawn


def _texts(numbers: Iterable[int], source: Mapping[int, str]) -> tuple[str, ...] | None:
    """The texts of lines ``numbers`` (0: an elided line, ""), ``None`` when one is unknown."""
    texts = []
    for number in numbers:
        text = source.get(number) if number else ""
        if text is None:
            return None
        texts.append(text)
    return tuple(texts)


def _excerpt(d: Diagnostic, numbered: Iterable[tuple[int, str]], marks: Marks) -> list[str]:
    """The gutter-framed source lines of a diagnostic, painted with ``marks``: ``numbered``
    are the lines it shows as (number, text), 0 for the elided ones."""
    first, last, end_column = _span_lines(d)
    width = len(str(last))
    blank, elided, fix_gutter = marks.frames[width]
    number_on, number_off = marks.gutter
    caret_on, caret_off = marks.carets[d.severity]
    lines = [blank]
    for number, text in numbered:
        if not number:
            lines.append(elided)
            continue
        start = d.column - 1 if number == first else len(text) - len(text.lstrip())
        end = end_column - 1 if number == last and end_column > 0 else len(text)
        shown, before, under = _underlined(text, start, end)
        # rjust: a nested format spec ({number:>{width}}) costs three times as much
        lines.append(f"{number_on}{str(number).rjust(width)} |{number_off} {shown}".rstrip())
        if number == first or text.strip():  # a blank line inside the span gets no caret
            lines.append(f"{blank} {' ' * before}{caret_on}{'^' * under}{caret_off}")
    lines.append(blank)
    fix = d.fix
    if fix is not None:
        safety = "" if fix.safe else " (unsafe: needs --unsafe-fixes)"
        lines.append(f"{fix_gutter} fix: {printable(fix.message)}{safety}")
    return lines


def _same_excerpt(first: Diagnostic, second: Diagnostic) -> bool:
    """Whether two diagnostics would show the same excerpt: one code, one span, no fix."""
    return (
        first.code == second.code
        and first.fix is None
        and second.fix is None
        and (first.line, first.column, first.end_line, first.end_column)
        == (second.line, second.column, second.end_line, second.end_column)
    )


class Report(Reporter):
    """Blocks separated by a blank line: each diagnostic with its excerpt, then the
    summary (or, with ``--statistics``, the counts per code and the summary)."""

    for_people = True

    def __init__(self, out: IO[str], context: ReportContext) -> None:
        super().__init__(out, context)
        self.style = Style(context.color)
        self.marks = Marks(self.style)
        self.excerpts = _Excerpts(self.marks)
        self.blocks = 0

    def _block(self, text: str) -> None:
        self.out.write(f"\n\n{text}" if self.blocks else text)
        self.blocks += 1

    def file(
        self, path: str, diagnostics: Sequence[Diagnostic], source: SourceLines | None
    ) -> None:
        if self.context.statistics or not diagnostics:
            return
        path = self.style.bold(printable(path))
        marks, excerpts = self.marks, self.excerpts
        shown = None if source is None else source.lines
        lines: list[str] = []
        grouped = False
        for index, d in enumerate(diagnostics):
            if lines and not grouped:
                lines.append("")  # a blank line between diagnostics
            lines.append(header(d, path, marks))
            # diagnostics of one code at one span (the missing fields of one object)
            # share the excerpt, shown once under the last of them
            following = diagnostics[index + 1] if index + 1 < len(diagnostics) else None
            grouped = following is not None and _same_excerpt(d, following)
            if grouped:
                continue
            excerpt = None if shown is None else excerpts.of(d, shown)
            if excerpt is not None:
                lines.append(excerpt)
        self._block("\n".join(lines))

    def finish(self) -> None:
        if self.context.statistics and self.tally.total:
            self._block(statistics(self.tally))
        if not self.context.quiet:
            self._block(closing(self.tally, len(self.context.files), self.style))
        if self.blocks:
            self.out.write("\n")


def closing(tally: Tally, files: int, style: Style) -> str:
    """The summary line, and how many problems ``--fix`` would solve."""
    line = summary(tally, files)
    if tally.fixable:
        line += f"\n{plural(tally.fixable, 'problem')} can be fixed with `seedlint check --fix`."
    worst = tally.worst
    return style.severity(line, worst) if worst else style.paint(line, "1;32")


def statistics(tally: Tally) -> str:
    """Counts per code, most frequent first: ``count  code  name  severity``."""
    from ..rules import get

    rows = sorted(tally.codes.items(), key=lambda item: (-item[1], item[0]))
    names = {code: (rule.name if (rule := get(code)) else "") for (code, _), _ in rows}
    name_width = max(map(len, names.values()), default=0)
    return "\n".join(
        f"{count:6d}  {code}  {names[code]:<{name_width}}  [{severity}]"
        for (code, severity), count in rows
    )
