"""Reading the files a user names, and writing the files a command produces, safely.

Reading (`read_regular`): only a regular file is read. A FIFO, a device or a socket is refused
before a byte is read, because opening a FIFO for reading waits for a writer that may never come
and a device such as `/dev/zero` never ends. The file is opened without blocking and checked with
`fstat` on the open descriptor, so the check and the read are about the same file.

Writing (`write_atomic`): nothing a user has is overwritten unless they asked (`force`), nothing
is written through a symbolic link, and the file appears whole or not at all: the text goes to a
temporary file in the same folder, is flushed to disk, then renamed over the target in one step.
A full disk or a crash leaves the old file as it was. Paths a command must never write (the
practice database) are refused even with `force`.

Standard library only: the model layer reads through this module, and it must stay light.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class NotRegularFile(OSError):
    """A path that names a FIFO, a device, a socket or a folder where a file was expected."""


class OutputRefused(Exception):
    """A write the command will not make (the file exists, is a link, or is protected)."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words a user knows ("a FIFO (named pipe)", ...)."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_regular(path: Path | str, max_bytes: int | None = None) -> tuple[bytes, int]:
    """The bytes of the regular file at `path` (at most `max_bytes + 1` of them when a limit is
    given) and its size; raise `NotRegularFile` for a FIFO, device, socket or folder, and
    OSError when it cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            what = kind_of(mode)
            detail = f"it is {what}, not a regular file" if what != "not a regular file" \
                else "it is not a regular file"
            raise NotRegularFile(errno.EINVAL, detail, str(path))
        with os.fdopen(descriptor, "rb", closefd=True) as handle:
            descriptor = -1
            raw = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
            size = max(len(raw), os.fstat(handle.fileno()).st_size)
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    return raw, size


def read_regular_bytes(path: Path | str) -> bytes:
    """All the bytes of the regular file at `path`; the errors of `read_regular`."""
    return read_regular(path)[0]


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve() or os.path.samefile(path, other)
    except OSError:
        return False


def check_output(path: Path, *, force: bool = False, protected: Iterable[Path] = ()) -> None:
    """Raise `OutputRefused` when `path` may not be written: a symbolic link (even a dangling
    one), an existing file without `force`, something that is not a regular file, or one of the
    `protected` paths (with or without `force`)."""
    for guarded in protected:
        if _same_file(path, guarded):
            raise OutputRefused(f"{path} is triage's practice database; write somewhere else")
    if path.is_symlink():
        raise OutputRefused(f"{path} is a symbolic link; triage does not write through links, "
                            "so give the path of the file itself")
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputRefused(f"cannot write {path}: {error.strerror or error}") from None
    if not stat.S_ISREG(mode):
        raise OutputRefused(f"{path} is {kind_of(mode)}; give the path of a file to write")
    if not force:
        raise OutputRefused(f"{path} already exists; not overwriting it (use --force to "
                            "replace it)")


def write_atomic(path: Path, text: str, *, force: bool = False,
                 protected: Iterable[Path] = (), make_parents: bool = False) -> None:
    """Write `text` (UTF-8) to `path` whole or not at all, after `check_output`.

    Raises `OutputRefused` for a write the rules forbid and OSError when writing fails (the
    temporary file is removed and any old file is left as it was). A new file gets the usual
    permissions (0666 less the umask); a replaced one keeps its own.
    """
    protected = list(protected)
    check_output(path, force=force, protected=protected)
    folder = path.parent
    if make_parents:
        folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
            os.chmod(temporary, _mode_for(path))
        _place(temporary, path, force=force, protected=protected)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _place(temporary: str, path: Path, *, force: bool, protected: list[Path]) -> None:
    """Move the finished temporary file to `path`: without `force` by a hard link, which fails
    if something appeared there meanwhile; with `force` by a rename over the old file."""
    # Checked again just before the move: the folder may have changed while the text was written.
    check_output(path, force=force, protected=protected)
    if force:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise OutputRefused(f"{path} already exists; not overwriting it (use --force to "
                            "replace it)") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK,
                               errno.EXDEV, errno.ENOSYS):
            raise
        os.replace(temporary, path)  # a file system without hard links: checked just above
        return
    os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of the rename, where the platform allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
