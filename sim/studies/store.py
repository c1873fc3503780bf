"""The result folder of a study: rows stream to Parquet as points finish.

Layout of ``OUT/``:

- ``study.toml``: the study as run (a copy of its data);
- ``study.json``: the study's hash, mode, number of points and its columns;
- ``points/part-*.parquet``: one file per finished batch, one row per point
  (point id, the parameters' values, one column per metric, status, reason,
  seconds, worker);
- ``curves/part-*.parquet`` (if the study stores curves): long format, a
  ``point`` column and the curve columns;
- ``summary.md``, ``metric-*.png``, ``sensitivity.csv`` ... at the end.

Every file is written to a temporary name and renamed, so a killed study leaves
only complete parts; ``--resume`` reads them, computes the points that are
missing and never repeats one (a point found twice, which only a crash between
two renames could cause, is read once). A folder holding another study (another
hash) is refused. Parquet files are data: they are read with pyarrow, nothing
is unpickled.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from sim.errors import SimError
from sim.harness.output import OutputLock, write_atomic
from sim.studies.axes import StudyError

STUDY_FILE = "study.json"


class StudyStore:
    """The result folder of one study (hold it with ``with``: one run at a time).

    Args:
        folder: The output folder.
        study: The :class:`sim.studies.spec.Study`.
        mode: ``"points"`` (the study's own sampling) or ``"sobol"`` (a
            sensitivity sample): part of the identity of the folder.
        n_points: Number of points of the run.
        resume: Continue the folder's earlier run of the same study.
    """

    def __init__(self, folder, study, *, mode, n_points, resume=False):
        self.folder = Path(folder)
        self.study = study
        self.meta = {
            "study": study.name,
            "hash": study.digest(),
            "mode": mode,
            "points": int(n_points),
        }
        self.resume = resume
        self._lock = OutputLock(self.folder, command="sim sweep")

    def __enter__(self):
        self._lock.__enter__()
        try:
            self._open()
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        self._lock.__exit__(*exc)

    def _open(self):
        meta_path = self.folder / STUDY_FILE
        parts = list((self.folder / "points").glob("part-*.parquet"))
        if meta_path.exists():
            try:
                old = json.loads(meta_path.read_text())
            except (OSError, ValueError) as exc:
                raise StudyError(f"{meta_path} is unreadable: {exc}") from None
            same = all(old.get(k) == self.meta[k] for k in ("hash", "mode", "points"))
            if not same:
                raise StudyError(
                    f"{self.folder} holds the results of another study "
                    f"({old.get('study')!r}, {old.get('mode')}, "
                    f"{old.get('points')} points): choose another --out"
                )
            if parts and not self.resume:
                raise StudyError(
                    f"{self.folder} already holds {len(parts)} result part(s) of "
                    "this study: add --resume to compute only the missing points, "
                    "or choose another --out"
                )
        elif parts:
            raise StudyError(f"{self.folder} holds result parts but no {STUDY_FILE}")
        for sub in ("points", "curves") if self.study.curves else ("points",):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
            for tmp in (self.folder / sub).glob(".tmp-*"):
                tmp.unlink(missing_ok=True)
        self._write_text(meta_path, json.dumps(self.meta, indent=2) + "\n")
        self._write_toml()

    def _write_text(self, path, text):
        write_atomic(Path(path), lambda p: p.write_text(text, encoding="utf-8"))

    def _write_toml(self):
        lines = [
            "# the study as run (written by sim sweep); rerun with",
            "# sim sweep study.toml --out <folder>",
            "",
            _to_toml(self.study.to_dict()),
        ]
        self._write_text(self.folder / "study.toml", "\n".join(lines))

    def done(self) -> set[int]:
        """Ids of the points already in the folder."""
        table = self.table(columns=["point"])
        return set() if table is None else {int(p) for p in table["point"]}

    def append(self, rows, curves=()):
        """Write one batch of finished rows (and their curves) as new parts."""
        if rows:
            self._write_part("points", _table_of(rows))
        if curves:
            import pyarrow as pa

            tables = [pa.table({k: list(v) for k, v in c.items()}) for c in curves]
            self._write_part(
                "curves", pa.concat_tables(tables, promote_options="default")
            )

    def _write_part(self, sub, table):
        import pyarrow.parquet as pq

        name = f"part-{uuid.uuid4().hex}.parquet"
        write_atomic(self.folder / sub / name, lambda p: pq.write_table(table, p))

    def table(self, columns=None, sub="points"):
        """All rows as a pandas DataFrame sorted by point (None if no rows)."""
        return read_parts(self.folder / sub, columns)

    def write_text(self, name, text):
        """Write a text file of the report atomically."""
        self._write_text(self.folder / name, text)


def read_parts(folder, columns=None):
    """The parts of ``folder`` as one pandas DataFrame sorted by point, each
    point once (None if there are none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = sorted(Path(folder).glob("part-*.parquet"), key=os.path.getmtime)
    if not parts:
        return None
    try:
        tables = [pq.read_table(p, columns=columns) for p in parts]
    except (OSError, pa.ArrowException) as exc:
        raise SimError(f"cannot read the study's results in {folder}: {exc}") from None
    tables = [
        t.append_column("_part", pa.array([k] * t.num_rows, pa.int64()))
        for k, t in enumerate(tables)
    ]
    frame = pa.concat_tables(tables, promote_options="default").to_pandas()
    if "point" in frame:  # each point from one part only
        first = frame.groupby("point")["_part"].transform("min")
        frame = frame[frame["_part"] == first]
        if Path(folder).name == "points":
            frame = frame.drop_duplicates("point", keep="first")
    frame = frame.drop(columns="_part")
    return frame.sort_values("point", kind="stable").reset_index(drop=True)


def _table_of(rows):
    import pyarrow as pa

    names = list(rows[0])
    for r in rows[1:]:
        names += [k for k in r if k not in names]
    return pa.table({n: [r.get(n) for r in rows] for n in names})


def _to_toml(data, prefix=""):
    """A small TOML writer for the study's plain data (tables, arrays of
    tables, strings, numbers, booleans, lists)."""
    lines, tables, arrays = [], [], []
    for key, value in data.items():
        if isinstance(value, dict) and prefix == "":
            tables.append((key, value))
        elif (
            isinstance(value, list)
            and value
            and all(isinstance(v, dict) for v in value)
        ):
            arrays.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    out = "\n".join(lines)
    for key, value in tables:
        out += f"\n\n[{_key(key)}]\n" + _to_toml(value, prefix=key)
    for key, items in arrays:
        for item in items:
            out += f"\n\n[[{_key(key)}]]\n" + _to_toml(item, prefix=key)
    return out.strip() + "\n"


def _key(k):
    return k if k.replace("_", "").replace("-", "").isalnum() else json.dumps(k)


def _value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}"
    raise StudyError(f"cannot write {v!r} to TOML")
