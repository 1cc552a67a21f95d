"""Writing a fixed file so that no edit is ever lost: all or nothing, never over an edit
made meanwhile, never through a hard link, and no temporary file left behind for long.

- The new bytes go to a hidden temporary file next to the original
  (``.NAME.PID.RANDOM.seedlint-tmp``), are flushed to disk, get the original's mode and
  owner, and replace the original by a rename: a reader (or a crash) sees the old file or
  the new one, never a mix.
- The original is checked right before the rename: the same file (device, inode, size,
  times) holding the same bytes as when it was fixed. Where Linux offers it
  (``renameat2(RENAME_EXCHANGE)``) the two files are swapped atomically and what was
  swapped out is checked once more: if another program wrote the file in between, the
  swap is undone and its edit stays. Elsewhere the window is the few microseconds between
  the last check and ``rename``.
- A file with several hard links is refused with a message: a rename would detach this
  name from the others, and writing in place could leave a torn file if interrupted.
- A temporary file of this naming whose process is gone (killed by SIGKILL, a power cut)
  is removed by the next ``--fix`` run that visits its folder.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable

from .digests import hex_digest
from .safeio import read_bounded

TEMP_SUFFIX = ".seedlint-tmp"
_MAX_READ = 1 << 31  # bytes compared before replacing: records are far smaller


class ConcurrentChange(OSError):
    """The file changed while it was being fixed; it was left as the other writer left it."""

    def __init__(self, path: str) -> None:
        super().__init__("the file changed while it was being fixed; it was left as it is")
        self.strerror = "the file changed while it was being fixed; it was left as it is"
        self.filename = path


def _identity(found: os.stat_result) -> tuple[int, ...]:
    return (
        found.st_dev,
        found.st_ino,
        found.st_size,
        found.st_mtime_ns,
        found.st_ctime_ns,
        found.st_nlink,
    )


def _unchanged(target: str, identity: tuple[int, ...], digest: str, renamed: bool = False) -> bool:
    """Whether ``target`` is still the file (and the bytes) that was fixed; ``renamed``:
    it was just renamed, which changed its ctime."""
    try:
        data, found = read_bounded(target, _MAX_READ)
    except OSError:
        return False
    now = _identity(found)
    if renamed:
        now, identity = now[:4], identity[:4]
    return now == identity and hex_digest(data) == digest


def temp_name(name: str) -> str:
    """The prefix of a temporary file for ``name`` (the PID tells whether it is stale)."""
    return f".{name}.{os.getpid()}."


def write_fixed(path: str, data: bytes, expected: bytes) -> None:
    """Replace the file at ``path`` (a symlink's target) with ``data``, all or nothing.

    Raises ``OSError`` (the file is unchanged) when it cannot be written, has several hard
    links, or no longer holds ``expected``, the bytes it was fixed from
    (:class:`ConcurrentChange`).
    """
    target = os.path.realpath(path)  # replace a symlink's target, not the link
    try:
        before, original = read_bounded(target, _MAX_READ)
    except OSError as error:
        raise OSError(f"cannot read the file again: {error.strerror or error}") from None
    if before != expected:
        raise ConcurrentChange(path)
    if original.st_nlink > 1:
        raise OSError(
            f"the file has {original.st_nlink} hard links; replacing it would break them, "
            "so it was left as it is (apply the fixes shown by --diff by hand)"
        )
    if not os.access(target, os.W_OK) or not original.st_mode & 0o222:  # root too
        raise PermissionError("the file is read-only; it was left as it is")
    import tempfile  # here: with shutil and random, ~8 ms that a run without --fix saves

    identity, digest = _identity(original), hex_digest(expected)
    folder, name = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(prefix=temp_name(name), suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_owner(temporary, original)
        os.chmod(temporary, stat.S_IMODE(original.st_mode))
        _swap_in(temporary, target, identity, digest, path)
    finally:
        try:
            os.unlink(temporary)  # after an exchange it holds the old file
        except OSError:
            pass
    _sync_folder(folder)


def _swap_in(
    temporary: str, target: str, identity: tuple[int, ...], digest: str, path: str
) -> None:
    """Put ``temporary`` in place of ``target`` if the latter is still what was fixed."""
    if not _unchanged(target, identity, digest):
        raise ConcurrentChange(path)
    if not exchange_paths(temporary, target):
        os.replace(temporary, target)
        return
    # ``temporary`` now names what was at ``target`` a moment ago: the file fixed, or
    # what another program wrote since the check above
    if not _unchanged(temporary, identity, digest, renamed=True):
        exchange_paths(temporary, target)  # put theirs back
        raise ConcurrentChange(path)


_renameat2: object = None  # the libc function, False when there is none


def exchange_paths(first: str, second: str) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not possible.

    :func:`write_fixed` looks it up here at each call: a test may replace it to act in the
    moment before the swap, or to take the swap away (as on a system without it)."""
    global _renameat2
    if sys.platform != "linux" or _renameat2 is False:
        return False
    import ctypes

    if _renameat2 is None:
        try:
            function = ctypes.CDLL(None, use_errno=True).renameat2
            function.argtypes = [
                ctypes.c_int,
                ctypes.c_char_p,
                ctypes.c_int,
                ctypes.c_char_p,
                ctypes.c_uint,
            ]
            _renameat2 = function
        except (AttributeError, OSError):
            _renameat2 = False
            return False
    at_cwd, rename_exchange = -100, 2
    result = _renameat2(  # type: ignore[operator]
        at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange
    )
    return bool(result == 0)  # else (a filesystem without it, say) an ordinary rename


def _copy_owner(temporary: str, original: os.stat_result) -> None:
    """Keep the owner when root fixes someone else's file (a CI container, say)."""
    if not hasattr(os, "chown"):
        return
    mine = os.stat(temporary)
    if (original.st_uid, original.st_gid) == (mine.st_uid, mine.st_gid):
        return
    try:
        os.chown(temporary, original.st_uid, original.st_gid)
    except PermissionError:
        pass  # only root may give a file away; the new file is then the user's own


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def remove_stale_temporaries(folders: Iterable[str]) -> list[str]:
    """Remove this module's temporary files whose process is gone, in ``folders``;
    returns their paths."""
    removed = []
    for folder in dict.fromkeys(folders):
        try:
            with os.scandir(folder or ".") as entries:
                names = [e.name for e in entries if e.name.endswith(TEMP_SUFFIX)]
        except OSError:
            continue
        for name in names:
            if name.startswith(".") and not _owner_alive(name):
                path = os.path.join(folder, name)
                try:
                    os.unlink(path)
                    removed.append(path)
                except OSError:
                    pass
    return removed


def _owner_alive(name: str) -> bool:
    """Whether the process that made the temporary file ``name`` still runs."""
    parts = name[: -len(TEMP_SUFFIX)].rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False  # an older naming (no PID): nothing writes it any more
    pid = int(parts[1])
    if pid == os.getpid():
        return False  # this process has no temporary file open between its fixes
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process
    return True
