"""The two ways the tests run the command line, and nothing else runs it.

- :func:`run_cli` calls ``seedlint.cli.main`` in this process: fast, and a test may watch
  or replace a public function on the way.
- :func:`run_cli_process` runs ``python -m seedlint`` in a process of its own: the program
  as a user starts it (its exit, its environment, a crash that must not take pytest down).

Both take the same arguments and give the same :class:`CliResult`. ``env`` changes the
current environment (a ``None`` value removes a variable); without ``stdin`` the command
reads an empty input; ``terminal``: stdout and stderr are terminals (in a process of its
own, pseudo-terminals that pass the bytes unchanged). :func:`run_cli_process` also takes
a ``prelude``: Python code the process runs first, to break something on purpose (a rule
that crashes, sockets that refuse) where doing so in this process would harm the others.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

Environment = Mapping[str, "str | None"]


@dataclass(frozen=True)
class CliResult:
    """The exit status and the bytes written to stdout and stderr."""

    status: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8")


class _Stream(io.TextIOWrapper):
    """A standard stream as Python opens it on POSIX (UTF-8 here, no newline translation)
    over bytes in memory."""

    def __init__(self, data: bytes = b"", terminal: bool = False) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", newline="\n", write_through=True)
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def _as_bytes(stdin: str | bytes | None) -> bytes:
    return stdin.encode("utf-8") if isinstance(stdin, str) else stdin or b""


@contextmanager
def _environment(env: Environment | None) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in env or {}}
    try:
        _change_environment(os.environ, env or {})
        yield
    finally:
        _change_environment(os.environ, saved)


def _change_environment(target: MutableMapping[str, str], env: Environment) -> None:
    for name, value in env.items():
        if value is None:
            target.pop(name, None)
        else:
            target[name] = value


def run_cli(
    *args: str,
    cwd: str | Path | None = None,
    stdin: str | bytes | None = None,
    env: Environment | None = None,
    terminal: bool = False,
) -> CliResult:
    """``seedlint ARGS`` in this process; the working folder, the environment and the
    standard streams are put back afterwards."""
    from seedlint.cli import main

    streams = sys.stdin, sys.stdout, sys.stderr
    folder = os.getcwd()
    out, err = _Stream(terminal=terminal), _Stream(terminal=terminal)
    sys.stdin, sys.stdout, sys.stderr = _Stream(_as_bytes(stdin)), out, err
    try:
        with _environment(env):
            if cwd is not None:
                os.chdir(cwd)
            status = main(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        os.chdir(folder)
    return CliResult(status, _written(out), _written(err))


def _written(stream: _Stream) -> bytes:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()


def run_cli_process(
    *args: str,
    cwd: str | Path | None = None,
    stdin: str | bytes | None = None,
    env: Environment | None = None,
    terminal: bool = False,
    prelude: str = "",
) -> CliResult:
    """``python -m seedlint ARGS`` in a process of its own; with a ``prelude``, that code
    and then what ``python -m seedlint`` runs."""
    environment = dict(os.environ)
    _change_environment(environment, env or {})
    command = [sys.executable, "-m", "seedlint", *args]
    if prelude:
        entry = "from seedlint.cli import run\nraise SystemExit(run())\n"
        command = [sys.executable, "-c", f"{prelude}\n{entry}", *args]
    if terminal:
        return _on_terminals(command, cwd, _as_bytes(stdin), environment)
    done = subprocess.run(
        command, input=_as_bytes(stdin), capture_output=True, cwd=cwd, env=environment, timeout=300
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


def _on_terminals(
    command: list[str], cwd: str | Path | None, stdin: bytes, env: dict[str, str]
) -> CliResult:
    """Run ``command`` with stdout and stderr on pseudo-terminals of their own, read while
    it runs (a terminal holds little)."""
    import pty
    import threading
    import tty

    ends = [pty.openpty() for _ in range(2)]  # (ours, the child's) for stdout, stderr
    for _, child_end in ends:
        tty.setraw(child_end)  # no "\r\n" for "\n": the bytes as written
    read: list[bytes] = [b"", b""]

    def drain(index: int) -> None:
        chunks = []
        while True:
            try:
                chunk = os.read(ends[index][0], 65536)
            except OSError:  # the child's end is closed and all read
                break
            if not chunk:
                break
            chunks.append(chunk)
        read[index] = b"".join(chunks)

    readers = [threading.Thread(target=drain, args=(index,)) for index in range(2)]
    try:
        try:
            child = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=ends[0][1],
                stderr=ends[1][1],
                cwd=cwd,
                env=env,
            )
        finally:
            for _, child_end in ends:
                os.close(child_end)  # the child holds them now: its exit ends the reading
        for reader in readers:
            reader.start()
        try:
            child.communicate(stdin, timeout=300)
        except subprocess.TimeoutExpired:
            child.kill()
            raise
        for reader in readers:
            reader.join(timeout=60)
    finally:
        for our_end, _ in ends:
            os.close(our_end)
    return CliResult(child.returncode, read[0], read[1])
