"""Reading a glossary file's bytes, bounded: the one size check every reader shares."""

from __future__ import annotations

from pathlib import Path

from ..errors import GlossaryError
from ..fileio import FileTooLarge, read_regular

#: Files larger than this are refused before reading (E109): a glossary is kilobytes to a few
#: megabytes; anything bigger is a mistake or an attack, and would be read whole into memory.
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_bounded(path: Path) -> bytes:
    """The bytes of ``path``; E109 when it is over :data:`MAX_FILE_BYTES`, E103 when unreadable."""
    path = Path(path)
    try:
        return read_regular(path, limit=MAX_FILE_BYTES)
    except FileTooLarge as exc:
        raise GlossaryError("E109", path=str(path), limit=MAX_FILE_BYTES) from exc
    except OSError as exc:
        raise GlossaryError("E103", path=str(path), detail=exc.strerror or str(exc)) from exc
