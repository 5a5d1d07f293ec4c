"""Find article files in files and folders, and read their bytes within the size limit.

>>> [type(x).__name__ for x in iter_inputs(["/nonexistent/x.txt"])]
['Skipped']
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".txt", ".md", ".html", ".htm"}
MAX_BYTES = 20 * 1024 * 1024  # larger files are refused with a clear message
_MB = 1024 * 1024
class ReadError(Exception):
    """A file that cannot be read as an article; ``str()`` is the reason."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class Skipped:
    """A path found while walking the inputs that is not read, with the reason."""

    path: str
    reason: str


def _missing_reason(path: Path) -> str | None:
    """Why ``path`` cannot be opened (missing, a broken link, a link loop), or None if it can."""
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop; not followed"
        if os.path.islink(path):
            return "broken symbolic link (its target does not exist)"
        if e.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot be opened: {e.strerror or e}"
    return None


def _outside(path: Path, top: str) -> str | None:
    """The target of the symbolic link ``path`` when it leaves the folder ``top`` (real path).

    None when ``path`` is no link, or a link to somewhere inside ``top``.
    """
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    return None if Path(target).is_relative_to(top) else target


def _leaves(path: Path, top: str, follow_links: bool) -> Skipped | None:
    """A :class:`Skipped` for a link leaving ``top``, unless links are followed anywhere."""
    target = None if follow_links else _outside(path, top)
    if target is None:
        return None
    return Skipped(str(path), f"symbolic link to {target}, outside the input folder; "
                              "not followed (--follow-links follows it)")


def iter_inputs(paths: list[str | os.PathLike],
                follow_links: bool = False) -> Iterator[Path | Skipped]:
    """Yield article files under ``paths`` in sorted order, or :class:`Skipped` entries.

    Folders are walked recursively (hidden files and folders skipped); a file
    given by name is read whatever its suffix.  Symbolic links inside a folder
    are followed (each folder once, so loops end) when they point inside that
    folder; links that lead out of it (to ``/etc/passwd``, say) are skipped
    with the reason, unless ``follow_links``.  Paths given by name are
    followed whatever they are.

    >>> [type(x).__name__ for x in iter_inputs(["/nonexistent/x.txt"])]
    ['Skipped']
    """
    for p in paths:
        path = Path(p)
        reason = _missing_reason(path)
        if reason is not None:
            yield Skipped(str(p), reason)
        elif not path.is_dir():
            yield path
        else:
            yield from _walk(path, follow_links)


def _walk(top: Path, follow_links: bool) -> Iterator[Path | Skipped]:
    """The article files in the folder ``top``, then what was skipped while listing it."""
    real_top = os.path.realpath(top)
    found = False
    errors: list[Skipped] = []
    seen: set[tuple[int, int]] = set()

    def on_error(e: OSError) -> None:
        errors.append(Skipped(str(e.filename or top), f"cannot list folder: {e.strerror or e}"))

    for root, dirs, files in os.walk(top, followlinks=True, onerror=on_error):
        try:
            st = os.stat(root)
        except OSError as e:
            on_error(e)
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            yield Skipped(root, "symbolic link loop; not followed")
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        kept = []
        for d in sorted(d for d in dirs if not d.startswith(".")):
            leaves = _leaves(Path(root) / d, real_top, follow_links)
            if leaves is None:
                kept.append(d)
            else:
                yield leaves
        dirs[:] = kept
        for f in sorted(files):
            fp = Path(root) / f
            if f.startswith(".") or fp.suffix.lower() not in SUFFIXES:
                continue
            leaves = _leaves(fp, real_top, follow_links)
            found = found or leaves is None
            yield fp if leaves is None else leaves
    yield from errors
    if not found:
        yield Skipped(str(top), "folder holds no .txt, .md, .html or .htm files")


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, at most :data:`MAX_BYTES`; raises :class:`ReadError`."""
    try:
        st = path.stat()
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ReadError(path, "symbolic link loop; not followed") from None
        if path.is_symlink():
            raise ReadError(path, "broken symbolic link (its target does not exist)") from None
        raise ReadError(path, f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(path, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(path, "not a regular file (a pipe, socket or device); not read")
    if st.st_size > MAX_BYTES:
        raise ReadError(path, f"file too large ({st.st_size / _MB:.0f} MB; the limit is "
                              f"{MAX_BYTES // _MB} MB per article): split it into articles")
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise ReadError(path, f"cannot read: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:  # grew while we looked
        raise ReadError(path, f"file too large (over the {MAX_BYTES // _MB} MB limit per article)")
    return data
