"""Files: atomic writes, output files replaced as one unit, file stems, one-line errors.

>>> file_stem("news/000_85f0a25b.txt"), file_stem("README")
('000_85f0a25b', 'README')
>>> first_line(ValueError("bad input\\nat line 3")), first_line(OSError())
('bad input', 'OSError')
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: str | os.PathLike, data: bytes | Callable[[BinaryIO], object]) -> Path:
    """Write ``data`` to ``path`` via a temporary file and rename: never half-written.

    ``data`` is the bytes to write, or a function that writes them to the open
    binary file (for output streamed by a serialiser).  The file is synced
    before the rename, gets the usual permissions (``0o666`` less the umask),
    and a failure leaves any previous ``path`` as it was.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write(p, b"x").read_bytes(), atomic_write(p, lambda f: f.write(b"y")).read_bytes()
    (b'x', b'y')
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            if callable(data):
                data(f)
            else:
                f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def file_stem(path: str | os.PathLike) -> str:
    """The file name without its last extension: what names an article."""
    name = Path(path).name
    return name.rsplit(".", 1)[0] if "." in name else name


def first_line(e: BaseException) -> str:
    """The first line of an exception's message, or its class name when it has none."""
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def os_reason(e: BaseException) -> str:
    """The reason an error gives, in one line: an ``OSError``'s text, else the first line.

    >>> os_reason(OSError(28, "No space left on device", "/x")), os_reason(ValueError("a\\nb"))
    ('No space left on device', 'a')
    """
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return first_line(e)


# ------------------------------------------------------------ output files replaced as one unit

STAGE_PREFIX = ".kg-build-"  # hidden staging folders inside an output folder
_JOURNAL = "SWITCHING"  # in a staging folder while its files are being switched in
_PREVIOUS = "previous"  # in a staging folder: hard links to (or copies of) the previous files


class OutputError(OSError):
    """Output files that could not be written or replaced.

    ``str()`` is one line: the path, the reason and what the output folder
    now holds (``holds``), e.g. ``out/graph.html: is a folder, not a file;
    nothing was replaced: out holds the previous graph.ttl and graph.trig``.
    """

    def __init__(self, path: str | os.PathLike, reason: str, holds: str,
                 code: int | None = None) -> None:
        super().__init__(code, reason, str(path))
        self.path = str(path)
        self.reason = reason
        self.holds = holds

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}; {self.holds}"


def _join(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def describe_outputs(out: str | os.PathLike, names: list[str], new: Iterable[str] = ()) -> str:
    """What the folder ``out`` holds of ``names``: the ``new`` ones, the previous ones, none.

    >>> describe_outputs("/nonexistent", ["a.ttl", "a.trig"])
    'nothing was replaced: /nonexistent holds none of a.ttl and a.trig'
    """
    new = [n for n in names if n in set(new)]
    old = [n for n in names if n not in new and os.path.isfile(os.path.join(out, n))]
    missing = [n for n in names if n not in new and n not in old]
    if not new and not old:
        return f"nothing was replaced: {out} holds none of {_join(names)}"
    if not new:
        text = f"nothing was replaced: {out} holds the previous {_join(old)}"
    else:
        text = (f"only partly replaced: {out} holds the new {_join(new)}"
                + (f" and the previous {_join(old)}" if old else ""))
    if missing:
        text += f" (no {_join(missing)})"
    return text if not new else text + "; build again to replace them all"


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (flock on its descriptor; leaves no file behind)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with contextlib.suppress(OSError):  # a file system without locks: go on unlocked
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _held(folder: Path) -> bool:
    """Whether a live process holds the lock of the staging folder ``folder``."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return True  # no locks on this file system: cannot tell, so leave the folder alone
    finally:
        os.close(fd)
    return False


def _roll_back(out: Path, stage: Path) -> list[str]:
    """Put back the previous files for every name the switch in ``stage`` had moved in.

    Used after a failed switch and, for a killed build, by the next one.  Safe
    to repeat.  Returns the names that still hold the new file (could not be
    put back).
    """
    journal = stage / _JOURNAL
    if not journal.exists():  # the switch had not started: nothing in ``out`` was touched
        return []
    had = json.loads(journal.read_text(encoding="utf-8"))
    left = []
    for name, had_previous in had.items():
        if os.path.lexists(stage / name):
            continue  # not moved in yet
        try:
            if not had_previous:
                (out / name).unlink(missing_ok=True)
            elif os.path.lexists(stage / _PREVIOUS / name):
                os.replace(stage / _PREVIOUS / name, out / name)
        except OSError:
            left.append(name)
    return left


def remove_stale_stages(out: str | os.PathLike) -> list[Path]:
    """Remove the staging folders of builds that died in ``out``; return those removed.

    A staging folder (``.kg-build-*``) is locked by its build while it runs;
    one that nobody holds is stale.  A build killed while switching its files
    in has its previous files put back first.  A live build's folder is left.
    """
    out = Path(out)
    removed = []
    for stage in sorted(out.glob(STAGE_PREFIX + "*")):
        if not stage.is_dir() or stage.is_symlink() or _held(stage):
            continue
        with contextlib.suppress(OSError, ValueError):
            _roll_back(out, stage)
        shutil.rmtree(stage, ignore_errors=True)
        removed.append(stage)
    return removed


def _prepare(out: Path, names: list[str]) -> None:
    """Create ``out`` if needed; :class:`OutputError` if it cannot be or a name is a folder."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(out, f"cannot create the folder: {os_reason(e)}",
                          "nothing was written", e.errno) from None
    for name in names:
        if os.path.isdir(out / name) and not os.path.islink(out / name):
            raise OutputError(out / name, "is a folder, not a file: remove or rename it",
                              describe_outputs(out, names), errno.EISDIR)


def check_output_folder(out: str | os.PathLike, names: list[str]) -> None:
    """Fail early, with :class:`OutputError`, when ``names`` cannot be written into ``out``.

    Tries a staging folder in ``out`` (which finds a read-only or full file
    system and names that are too long) and leaves the file system as it
    was: folders created for the try are removed again.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_output_folder(d / "a" / "b", ["x.ttl"]); (d / "a").exists()
    False
    """
    out = Path(out)
    created = [p for p in [out, *out.parents] if not os.path.lexists(p)]
    try:
        _prepare(out, names)
        try:
            probe = tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out)
        except OSError as e:
            raise OutputError(out, f"cannot write: {os_reason(e)}", describe_outputs(out, names),
                              e.errno) from None
        with contextlib.suppress(OSError):  # (another build may have cleaned it up already)
            os.rmdir(probe)
    finally:
        for folder in created:  # deepest first
            with contextlib.suppress(OSError):
                os.rmdir(folder)


def replace_outputs(out: str | os.PathLike,
                    writers: dict[str, Callable[[Path], object]]) -> list[Path]:
    """Write the files ``writers`` names into ``out`` and replace the previous ones as one unit.

    Each ``writers[name](path)`` writes one file; all are written into a
    hidden staging folder inside ``out`` first.  Then, holding a lock on
    ``out``, the previous files are linked into the staging folder, a journal
    is written and the new files are renamed into place.  If a rename fails
    the ones already done are undone; a build killed in that instant is
    undone by the next (see :func:`remove_stale_stages`).  The staging folder
    is removed in every case.

    Raises
    ------
    OutputError
        A file could not be written or switched in; its message says what
        ``out`` now holds (the previous files, unless putting them back
        failed too).

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in replace_outputs(d, {"a.txt": lambda p: p.write_text("a")})]
    ['a.txt']
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt']
    """
    out = Path(out)
    names = list(writers)
    _prepare(out, names)
    try:
        with _locked(out):  # a build cleaning up meanwhile sees the new folder locked
            remove_stale_stages(out)
            stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=out))
            fd = os.open(stage, os.O_RDONLY | os.O_DIRECTORY)
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held until this build ends
    except OSError as e:
        raise OutputError(out, f"cannot write: {os_reason(e)}", describe_outputs(out, names),
                          e.errno) from None
    try:
        for name in names:
            try:
                writers[name](stage / name)
            except OSError as e:
                raise OutputError(out / name, f"cannot write: {os_reason(e)}",
                                  describe_outputs(out, names), e.errno) from None
        with _locked(out):
            _switch(out, stage, names)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        os.close(fd)
    return [out / name for name in names]


def _keep_previous(out: Path, stage: Path, names: list[str]) -> dict[str, bool]:
    """Hard-link (or copy) the previous files into the staging folder; which names had one."""
    (stage / _PREVIOUS).mkdir()
    had = {}
    for name in names:
        had[name] = os.path.isfile(out / name)
        if not had[name]:
            continue
        try:
            os.link(out / name, stage / _PREVIOUS / name, follow_symlinks=False)
        except OSError:  # no hard links on this file system
            shutil.copy2(out / name, stage / _PREVIOUS / name, follow_symlinks=False)
    return had


def _switch(out: Path, stage: Path, names: list[str]) -> None:
    """Rename the staged files into ``out``, undoing them all if one fails."""
    try:
        had = _keep_previous(out, stage, names)
        atomic_write(stage / _JOURNAL, json.dumps(had).encode("utf-8"))
    except OSError as e:
        raise OutputError(out, f"cannot keep the previous files: {os_reason(e)}",
                          describe_outputs(out, names), e.errno) from None
    done: list[str] = []
    try:
        for name in names:
            os.replace(stage / name, out / name)
            done.append(name)
    except BaseException as e:
        left = _roll_back(out, stage)
        if not isinstance(e, OSError):
            raise
        failed = names[len(done)]
        raise OutputError(out / failed, f"cannot replace: {os_reason(e)}",
                          describe_outputs(out, names, new=left), e.errno) from None
    with contextlib.suppress(OSError):
        fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)  # the renames reach the disk
        finally:
            os.close(fd)
