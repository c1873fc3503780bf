"""Checks every reader makes before it parses a file, and the optional extras.

Measured-data files are parsed as data only (no pickle, no eval, no macros).
A file larger than :data:`MAX_FILE_BYTES` is refused before it is opened, and a
zip container (.xlsx, .ndax) whose members would unpack to more than
:data:`MAX_UNPACKED_BYTES` is refused before it is unpacked, so a truncated or
hostile file gives a :class:`~sim.errors.DataError` within bounded memory.
Within a file the record counts are held to what the bytes can hold: a .mpt
must have the header lines it declares and full rows (the data array has at
most one row per line); galvani reads an .mpr's records from the bytes there
are and checks their number against the count the file declares (a mismatch
is an error, caught here); NewareNDA and access-parser read fixed-size
records and pages from the file itself. Errors
of a third-party parser become one DataError line (:func:`parse_error`).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import warnings
import zipfile
from pathlib import Path

from sim.errors import DataError

MAX_FILE_BYTES = 256 * 2**20
"""bytes: largest measured-data file read (256 MiB: a few million rows; text
files are parsed in memory)."""

MAX_UNPACKED_BYTES = 1 * 2**30
"""bytes: largest total unpacked size of a zip container (.xlsx, .ndax)."""

EXTRA_HINT = 'pip install -e ".[data]"'
"""How to install the optional readers (the ``data`` extra)."""


def checked_path(path) -> Path:
    """The path of an existing, non-empty regular file of at most
    :data:`MAX_FILE_BYTES`, or a DataError saying which of these it is not."""
    path = Path(path)
    if not path.exists():
        raise DataError(f"cannot read {path}: file does not exist")
    if not path.is_file():
        raise DataError(f"cannot read {path}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise DataError(f"cannot read {path}: file is empty")
    if size > MAX_FILE_BYTES:
        raise DataError(
            f"cannot read {path}: {size / 2**20:.0f} MiB is more than the "
            f"{MAX_FILE_BYTES / 2**20:.0f} MiB allowed for a measured-data file"
        )
    return path


def checked_zip(path: Path, what: str) -> None:
    """Refuse a zip container that is not one or that unpacks too large."""
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DataError(
            f"cannot read {path} as {what}: not a valid zip container ({exc})"
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise DataError(
            f"cannot read {path} as {what}: it unpacks to "
            f"{unpacked / 2**20:.0f} MiB, more than the "
            f"{MAX_UNPACKED_BYTES / 2**20:.0f} MiB allowed"
        )


@contextlib.contextmanager
def gunzipped(path: Path):
    """A gzip-compressed file (``NAME.EXT.gz``) unpacked into a temporary
    folder as ``NAME.EXT`` for the duration of the block (its path yielded),
    refused once it unpacks to more than :data:`MAX_FILE_BYTES` (the limit of
    the file it holds) or if it is not valid gzip."""
    import gzip
    import tempfile

    with tempfile.TemporaryDirectory(prefix="sim-data-") as folder:
        out = Path(folder) / path.name.removesuffix(".gz")
        written = 0
        try:
            with gzip.open(path, "rb") as src, out.open("wb") as dst:
                while chunk := src.read(2**20):
                    written += len(chunk)
                    if written > MAX_FILE_BYTES:
                        raise DataError(
                            f"cannot read {path}: it unpacks to more than the "
                            f"{MAX_FILE_BYTES / 2**20:.0f} MiB allowed for a "
                            "measured-data file"
                        )
                    dst.write(chunk)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise DataError(
                f"cannot read {path} as a gzip-compressed file: {exc}"
            ) from None
        yield out


def optional(module: str, what: str):
    """Import an optional reader, or one DataError naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise DataError(
            f"reading {what} needs the optional package {module!r} of the 'data' "
            f"extra: {EXTRA_HINT}"
        ) from None


def parse_error(path: Path, what: str, exc: BaseException) -> DataError:
    """A DataError for a file a third-party parser could not read."""
    text = str(exc).strip().splitlines()
    detail = f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
    return DataError(
        f"cannot read {path} as {what}: the file is truncated, corrupt or not "
        f"of this kind ({detail[:200]})"
    )


@contextlib.contextmanager
def quiet():
    """Silence a third-party parser: its prints, log records and warnings (about
    its own use of pandas, say) would break the one-line error of the command
    line (the error is raised, not logged)."""
    sink = io.StringIO()
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with (
            contextlib.redirect_stdout(sink),
            contextlib.redirect_stderr(sink),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous)
