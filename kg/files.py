"""Files: atomic writes, article file stems and one-line error messages.

>>> file_stem("news/000_85f0a25b.txt"), file_stem("README")
('000_85f0a25b', 'README')
>>> first_line(ValueError("bad input\\nat line 3")), first_line(OSError())
('bad input', 'OSError')
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
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
