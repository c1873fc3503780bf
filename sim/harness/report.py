"""The reported-vs-simulated report of an output folder.

The report is a function of what is on disk: every experiment folder holds its
own comparison rows and notes (written with its curves, so they always match
them), and ``failures.json`` records the experiments whose last run failed,
with the reason. ``comparison.csv``, ``comparison.md`` and ``index.html`` (the
same report as a web page, :mod:`sim.harness.html_report`) are rebuilt from
these after every run, so ``sim reproduce --only X`` updates X's rows and keeps
the others.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sim.harness.comparison import COMPARISON_COLUMNS, summary_of_rows
from sim.harness.html_report import INDEX_FILE, render
from sim.harness.output import NOTES_FILE, ROWS_FILE, write_atomic
from sim.harness.registry import Experiment
from sim.io import write_csv

FAILURES_FILE = "failures.json"


@dataclass
class Report:
    """What the report of an output folder contains.

    Attributes:
        rows: Comparison rows of every experiment with results on disk, in
            registry order (strings keyed by :data:`COMPARISON_COLUMNS`).
        notes: Experiment name -> notes.
        present: Experiments with results on disk.
        failed: Experiment name -> reason, for those whose last run failed.
    """

    rows: list[dict[str, str]] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    present: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The summary line over all rows on disk."""
        return summary_of_rows(self.rows)


def _rows_of(folder: Path) -> list[dict[str, str]] | None:
    """The comparison rows stored in an experiment folder, as written (strings);
    None if there are none (not a result folder, or one of an older version)."""
    path = folder / ROWS_FILE
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if not set(COMPARISON_COLUMNS) <= set(reader.fieldnames or ()):
                return None
            return [{c: row[c] or "" for c in COMPARISON_COLUMNS} for row in reader]
    except (OSError, csv.Error, UnicodeDecodeError):
        return None


def read_failures(out_dir: Path) -> dict[str, dict[str, str]]:
    """Experiment -> {"reason", "time"} of the failures recorded in ``out_dir``."""
    path = out_dir / FAILURES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}


def record_failures(
    out_dir: Path, failed: Mapping[str, str], succeeded: Sequence[str]
) -> None:
    """Add this run's failures to ``failures.json`` and clear its successes."""
    failures = read_failures(out_dir)
    for name in succeeded:
        failures.pop(name, None)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    for name, reason in failed.items():
        failures[name] = {"reason": reason, "time": stamp}
    text = json.dumps(failures, indent=1, sort_keys=True)
    write_atomic(out_dir / FAILURES_FILE, lambda p: p.write_text(text, "utf-8"))


def collect(out_dir: Path, experiments: Sequence[Experiment]) -> Report:
    """The report of ``out_dir`` for the registered ``experiments``."""
    report = Report()
    for exp in experiments:
        rows = _rows_of(out_dir / exp.name)
        if rows is None:
            continue
        report.present.append(exp.name)
        report.rows += rows
        notes = out_dir / exp.name / NOTES_FILE
        report.notes[exp.name] = notes.read_text("utf-8") if notes.is_file() else ""
    known = {e.name for e in experiments}
    report.failed = {
        name: f["reason"] for name, f in read_failures(out_dir).items() if name in known
    }
    return report


def _md_cell(text: str) -> str:
    """Escape a string for a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(report: Report, experiments: Sequence[Experiment]) -> str:
    """Render the report as markdown."""
    lines = ["# Reproduction report", ""]
    lines.append(
        "Reported values from the papers next to simulated ones, "
        "written by `sim reproduce`."
    )
    lines += ["", f"**{report.summary}.**", ""]
    missing = [e.name for e in experiments if e.name not in report.present]
    if report.failed:
        lines.append("Experiments whose last run failed:")
        lines += [f"- `{n}`: {_md_cell(r)}" for n, r in report.failed.items()]
        lines.append("")
    if missing:
        listed = ", ".join(f"`{n}`" for n in missing)
        lines += [f"Experiments with no results in this folder: {listed}.", ""]
    header = "| " + " | ".join(COMPARISON_COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COMPARISON_COLUMNS) + "|"
    for exp in experiments:
        if exp.name not in report.present:
            continue
        rows = [r for r in report.rows if r["experiment"] == exp.name]
        lines += [f"## {exp.title} (`{exp.name}`)", "", f"Source: {exp.source}", ""]
        if exp.name in report.failed:
            lines += [
                f"**The last run of this experiment failed** "
                f"({_md_cell(report.failed[exp.name])}); the rows and files shown "
                "are from its previous successful run.",
                "",
            ]
        notes = report.notes.get(exp.name, "").strip()
        if notes:
            lines += [notes, ""]
        if rows:
            lines += [header, rule]
            for row in rows:
                cells = [_md_cell(row[col]) for col in COMPARISON_COLUMNS]
                lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append("No reported values to compare.")
        lines.append("")
    return "\n".join(lines)


def write_report(out_dir: Path, experiments: Sequence[Experiment]) -> Report:
    """Rebuild ``comparison.csv``, ``comparison.md`` and ``index.html`` from the
    folders on disk."""
    report = collect(out_dir, experiments)
    columns = {col: [r[col] for r in report.rows] for col in COMPARISON_COLUMNS}
    write_atomic(out_dir / "comparison.csv", lambda p: write_csv(p, columns))
    text = markdown(report, experiments)
    write_atomic(out_dir / "comparison.md", lambda p: p.write_text(text, "utf-8"))
    page = render(report, experiments, out_dir)
    write_atomic(out_dir / INDEX_FILE, lambda p: p.write_text(page, "utf-8"))
    return report
