"""The one way the generator replaces a file: readers see the old content or the new, never half.

Used for the analysis cache's entries, the page manifest, the published-build manifest and the
article files `dossier add` writes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write `data` (text as UTF-8) to `path` through a temporary file beside it and a rename.

    The temporary file (`.NAME-xxxxxxxx` in the same folder) is removed when anything fails; the
    folder is made when missing; the file is readable by all (0644), as a plain write makes it.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
