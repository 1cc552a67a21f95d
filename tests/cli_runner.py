"""The two ways the tests run the command line, and nothing else runs it.

- :func:`run_cli` calls ``seedlint.cli.main`` in this process: fast, and a test may watch
  or replace a public function on the way.
- :func:`run_cli_process` runs ``python -m seedlint`` in a process of its own: the program
  as a user starts it (its exit, its environment, a crash that must not take pytest down).

Both take the same arguments and give the same :class:`CliResult`. ``env`` changes the
current environment (a ``None`` value removes a variable); without ``stdin`` the command
reads an empty input.
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


def _stream(data: bytes = b"") -> io.TextIOWrapper:
    # as Python opens the standard streams on POSIX: UTF-8 here, no newline translation
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="\n", write_through=True)


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
) -> CliResult:
    """``seedlint ARGS`` in this process; the working folder, the environment and the
    standard streams are put back afterwards."""
    from seedlint.cli import main

    streams = sys.stdin, sys.stdout, sys.stderr
    folder = os.getcwd()
    out, err = _stream(), _stream()
    sys.stdin, sys.stdout, sys.stderr = _stream(_as_bytes(stdin)), out, err
    try:
        with _environment(env):
            if cwd is not None:
                os.chdir(cwd)
            status = main(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        os.chdir(folder)
    return CliResult(status, _written(out), _written(err))


def _written(stream: io.TextIOWrapper) -> bytes:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()


def run_cli_process(
    *args: str,
    cwd: str | Path | None = None,
    stdin: str | bytes | None = None,
    env: Environment | None = None,
) -> CliResult:
    """``python -m seedlint ARGS`` in a process of its own."""
    environment = dict(os.environ)
    _change_environment(environment, env or {})
    done = subprocess.run(
        [sys.executable, "-m", "seedlint", *args],
        input=_as_bytes(stdin),
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=300,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)
