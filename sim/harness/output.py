"""Writing results so that they appear only when complete.

Each experiment is written into a hidden temporary folder beside its final one
and swapped into place with renames; files are written to a temporary name and
renamed. One lock per output folder keeps two runs from writing into it at the
same time; leftovers of a killed run (``.tmp-*``, ``.old-*``) are swept by the
next run that holds the lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sim.errors import SimError
from sim.harness.comparison import COMPARISON_COLUMNS
from sim.harness.registry import Experiment, ExperimentResult, check_result
from sim.io import write_csv

LOCK_NAME = ".sim-reproduce.lock"
ROWS_FILE = "comparison.csv"
NOTES_FILE = "notes.md"
RUN_FILE = "run.json"


class OutputLocked(SimError):
    """Another run holds the output folder."""


def remove(path: Path) -> None:
    """Delete a file or directory tree if it exists."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


def chmod_default(path: Path, *, directory: bool) -> None:
    """Give a temporary file or folder the permissions a plain ``open``/``mkdir``
    would (0666/0777 less the umask), since it becomes a user-visible result."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, (0o777 if directory else 0o666) & ~umask)


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` via a temporary file in the same folder, then rename."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".tmp-{path.name}-", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    chmod_default(tmp, directory=False)  # mkstemp makes 0600
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        remove(tmp)


def _cannot_write(folder: Path, exc: OSError) -> SimError:
    reason = exc.strerror or str(exc)
    return SimError(f"cannot write into output folder {folder}: {reason}")


class OutputLock:
    """Exclusive lock on an output folder (``fcntl.flock`` on a hidden file).

    Raises:
        OutputLocked: If another process holds it.
        SimError: If the folder cannot be created or written.
    """

    def __init__(self, folder: Path, command: str = "sim reproduce") -> None:
        self.folder = folder
        self.command = command
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _cannot_write(self.folder, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise OutputLocked(
                f"output folder {self.folder} is in use by another `{self.command}` "
                f"(pid {holder}); wait until it ends or choose another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        sweep_leftovers(self.folder)
        return self

    def __exit__(self, *exc_info: Any) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def sweep_leftovers(folder: Path) -> list[Path]:
    """Remove temporary folders and files a killed run left (call with the lock)."""
    swept = [p for p in folder.glob(".tmp-*")] + [p for p in folder.glob(".old-*")]
    for path in swept:
        remove(path)
    return swept


def new_temporary_folder(folder: Path, name: str) -> Path:
    """A hidden temporary folder for experiment ``name`` inside ``folder``."""
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=folder))
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    chmod_default(tmp, directory=True)  # mkdtemp makes 0700; results are shared
    return tmp


def write_experiment(
    tmp: Path, exp: Experiment, result: ExperimentResult, seconds: float
) -> list[dict[str, str]]:
    """Write one experiment's curves, figures, tables, comparison rows, notes
    and run record into ``tmp``; return its comparison rows."""
    check_result(exp.name, result)
    reserved = {ROWS_FILE, NOTES_FILE, RUN_FILE}.intersection(
        [*result.figures, *result.tables]
    )
    if reserved:
        raise ValueError(f"experiment {exp.name!r}: {sorted(reserved)} are reserved")
    write_csv(tmp / "curves.csv", result.curves)
    for file_name, fig in result.figures.items():
        fig.savefig(tmp / file_name, dpi=150)
    for file_name, columns in result.tables.items():
        write_csv(tmp / file_name, columns)
    rows = []
    for comparison in result.comparisons:
        row = comparison.as_row()
        row["experiment"] = exp.name
        rows.append(row)
    columns = {col: [r[col] for r in rows] for col in COMPARISON_COLUMNS}
    write_csv(tmp / ROWS_FILE, columns)
    (tmp / NOTES_FILE).write_text(result.notes.strip() + "\n", encoding="utf-8")
    record = {"experiment": exp.name, "title": exp.title, "seconds": seconds}
    (tmp / RUN_FILE).write_text(json.dumps(record, indent=1), encoding="utf-8")
    return rows


def install(tmp: Path, folder: Path, name: str) -> None:
    """Swap the finished temporary folder into ``folder/name``."""
    final = folder / name
    old = None
    if final.exists() or final.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".old-{name}-", dir=folder))
        os.replace(final, old / name)
    os.replace(tmp, final)
    if old is not None:
        remove(old)


def close_figures(figures: Mapping[str, Any]) -> None:
    """Close matplotlib figures to free their memory."""
    import matplotlib.pyplot as plt

    for fig in figures.values():
        plt.close(fig)
