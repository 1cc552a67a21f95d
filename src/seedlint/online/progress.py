"""A progress bar on the terminal for the URLs of a run (rich): done / total, rate and
failures so far. Shown only when the caller says the output is a terminal for people."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from .outcome import UrlOutcome

if TYPE_CHECKING:
    from rich.progress import Progress, Task
    from rich.text import Text


class UrlProgress:
    """Counts outcomes as they come; draws them when ``stream`` is given."""

    def __init__(self, total: int, stream: IO[str] | None) -> None:
        self.total = total
        self.done = 0
        self.failures = 0
        self._bar: Progress | None = None
        self._task: Any = None
        if stream is not None and total:
            self._bar = _bar(stream)
            self._task = self._bar.add_task("checking URLs", total=total, failures=0)
            self._bar.start()

    def __call__(self, outcome: UrlOutcome) -> None:
        self.done += 1
        if outcome.kind != "ok":
            self.failures += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1, failures=self.failures)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _bar(stream: IO[str]) -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} URLs/s" if speed else "- URLs/s")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TextColumn("{task.fields[failures]} failed"),
        console=Console(file=stream),
        transient=True,
    )
