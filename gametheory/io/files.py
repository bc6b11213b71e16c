"""Writing files whole or not at all.

Every file the package writes for a user (exports, saved results, dumped game files) goes
through :func:`write_text_atomic`: the text is written to a temporary file in the target's
directory, flushed to disk, then renamed over the target in one step. A failure part-way
(a full disk, an interrupted process, an unencodable character) leaves the earlier file as
it was; an existing file is replaced only when the caller says so.

Examples
--------
>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> p = write_text_atomic(os.path.join(d, "g.nfg"), "NFG 1 R ...\\n")
>>> open(p).read()
'NFG 1 R ...\\n'
>>> write_text_atomic(p, "other")
Traceback (most recent call last):
...
gametheory.errors.OutputError: .../g.nfg: the file exists; pass --force (force=True) to replace it
>>> _ = write_text_atomic(p, "other", force=True); open(p).read()
'other'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import OutputError

__all__ = ["write_text_atomic"]


def write_text_atomic(path: str | os.PathLike[str], text: str, *, force: bool = False,
                      encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (temporary file, then rename); return the path.

    Parameters
    ----------
    path : str or path
        The file to write. Its directory must exist.
    text : str
        The whole content.
    force : bool, default False
        Replace an existing file. Without it an existing file is refused and left untouched.

    Raises
    ------
    OutputError
        The file exists (and ``force`` is false), the path is a directory or not writable, or
        the text cannot be encoded. The existing file, if any, is unchanged.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory; give a file name")
    if target.exists() and not force:
        raise OutputError(f"{target}: the file exists; pass --force (force=True) to replace it")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{target}: the directory {directory} does not exist")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as err:
        raise OutputError(f"{target}: the text cannot be written as {encoding}: {err.reason}") from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise OutputError(f"{target}: cannot write in {directory}: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():  # keep the permissions of the file we replace
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as err:
        raise OutputError(f"{target}: cannot write the file: {err.strerror or err}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
