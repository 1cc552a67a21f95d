"""How long the language server takes from ``didChange`` to ``publishDiagnostics``.

Usage (from a checkout, after ``pip install -e '.[test]'``)::

    python benchmarks/server_latency.py            # 50 edits of a real record
    python benchmarks/server_latency.py --edits 200

A real LSP client (pytest-lsp's) starts ``seedlint server``, opens a real news record
(tests/data/records) and makes ``--edits`` edits, each toggling a defect (a quoted
``quality``), waiting for the diagnostics of each before the next. It prints the median and
the 90th percentile of the time from sending ``didChange`` to receiving the matching
``publishDiagnostics``, which includes the server's 200 ms debounce; the part that is
linting (median minus the debounce); and, as peers measured in the same run, the same
record linted in this process (``lint_text``) and by ``seedlint check -`` (a fresh process,
what an editor plugin that shells out to the CLI would pay).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
RECORD = (
    ROOT / "tests/data/records/2019-10-23-start-building-with-azure-cognitive-services-for-free.md"
)
DEBOUNCE = 0.2


async def server_latencies(text: str, edits: int, folder: Path) -> list[float]:
    client = LanguageClient()
    received: dict[int, float] = {}
    event = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            received[params.version] = time.perf_counter()
            event.set()

    await client.start_io(sys.executable, "-m", "seedlint", "server", cwd=str(folder))
    await client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri())
    )
    uri = (folder / RECORD.name).as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
    )
    await wait_for(received, 1, event)
    broken = text.replace("quality: 34", 'quality: "34"')
    latencies = []
    for version in range(2, edits + 2):
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangeWholeDocument(broken if version % 2 else text)],
            )
        )
        await wait_for(received, version, event)
        latencies.append(received[version] - sent)
    await client.shutdown_session()
    return latencies


async def wait_for(received: dict[int, float], version: int, event: asyncio.Event) -> None:
    async def wait() -> None:
        while version not in received:
            event.clear()
            await event.wait()

    await asyncio.wait_for(wait(), 60)


def in_process(text: str, rounds: int) -> list[float]:
    """The same edits linted in this process (``lint_text``), the linter loaded once as
    in the server's lint process."""
    from seedlint import lint_text

    broken = text.replace("quality: 34", 'quality: "34"')
    lint_text(text, RECORD.name)
    times = []
    for round_ in range(rounds):
        start = time.perf_counter()
        lint_text(broken if round_ % 2 else text, RECORD.name)
        times.append(time.perf_counter() - start)
    return times


def cli(text: str, rounds: int, folder: Path) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "seedlint", "check", "--stdin-filename", RECORD.name, "-"],
            input=text.encode(),
            capture_output=True,
            cwd=folder,
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=50)
    args = parser.parse_args()
    import tempfile

    text = RECORD.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        latencies = asyncio.run(server_latencies(text, args.edits, Path(folder)))
        lint = in_process(text, args.edits)
        shell = cli(text, 10, Path(folder))
    median = statistics.median(latencies)
    p90 = statistics.quantiles(latencies, n=10)[-1]
    print(f"record: {RECORD.name} ({len(text):,} characters), {args.edits} edits")
    print(
        f"didChange -> publishDiagnostics: median {median * 1000:.0f} ms, 90% {p90 * 1000:.0f} ms"
    )
    print(
        f"  of which the debounce: {DEBOUNCE * 1000:.0f} ms; the rest (lint + transport): "
        f"{(median - DEBOUNCE) * 1000:.1f} ms"
    )
    print(
        f"peer: lint_text in process, median {statistics.median(lint) * 1000:.1f} ms "
        f"(server's non-debounce part is {(median - DEBOUNCE) / statistics.median(lint):.1f}x)"
    )
    print(
        f"peer: seedlint check - (a new process), median {statistics.median(shell) * 1000:.0f} ms "
        f"(the server's whole latency is {median / statistics.median(shell):.2f}x that)"
    )


if __name__ == "__main__":
    main()
