"""Find article files in files and folders, and read their bytes within the size limit.

>>> [type(x).__name__ for x in iter_inputs(["/nonexistent/x.txt"])]
['Skipped']
"""

from __future__ import annotations

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


def _missing_reason(path: Path) -> str:
    """Why ``path`` cannot be opened: missing, a broken link or a link loop."""
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == 40:  # ELOOP
            return "symbolic link loop; not followed"
        if path.is_symlink():
            return "broken symbolic link (its target does not exist)"
        return "no such file or folder"
    return "cannot be opened"


def iter_inputs(paths: list[str | os.PathLike]) -> Iterator[Path | Skipped]:
    """Yield article files under ``paths`` in sorted order, or :class:`Skipped` entries.

    Folders are walked recursively (hidden files and folders skipped, symbolic
    links followed once); a file given by name is read whatever its suffix.

    >>> [type(x).__name__ for x in iter_inputs(["/nonexistent/x.txt"])]
    ['Skipped']
    """
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield Skipped(str(p), _missing_reason(path))
            continue
        if not path.is_dir():
            yield path
            continue
        found = False
        errors: list[Skipped] = []
        seen: set[tuple[int, int]] = set()

        def on_error(e: OSError, errors: list[Skipped] = errors, top: str = str(p)) -> None:
            errors.append(Skipped(str(e.filename or top), f"cannot list folder: {e.strerror or e}"))

        for root, dirs, files in os.walk(path, followlinks=True, onerror=on_error):
            st = os.stat(root)
            ident = (st.st_dev, st.st_ino)
            if ident in seen:
                yield Skipped(root, "symbolic link loop; not followed")
                dirs[:] = []
                continue
            seen.add(ident)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                fp = Path(root) / f
                if f.startswith("."):
                    continue
                if fp.suffix.lower() in SUFFIXES:
                    found = True
                    yield fp
        yield from errors
        if not found:
            yield Skipped(str(p), "folder holds no .txt, .md, .html or .htm files")


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, at most :data:`MAX_BYTES`; raises :class:`ReadError`."""
    try:
        st = path.stat()
    except OSError as e:
        if e.errno == 40:
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
