"""The reproduction report as one HTML page (``index.html``) people open in a
browser.

The page is built from the same :class:`~sim.harness.report.Report` as
``comparison.md``: the summary line, then per experiment its title and source,
its figures, its comparison rows (coloured by pass/fail, the basis shown) and
its notes folded below. Every link is relative to the output folder, so the
folder can be zipped and shared; the page has no scripts and loads nothing from
the network.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sim.harness.comparison import BASES, COMPARISON_COLUMNS
from sim.harness.registry import Experiment

if TYPE_CHECKING:  # report.py writes the page: no import cycle at run time
    from sim.harness.report import Report

INDEX_FILE = "index.html"

# the table's columns: the experiment is the section heading
_TABLE_COLUMNS = tuple(c for c in COMPARISON_COLUMNS if c != "experiment")

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 75em;
       padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left;
         vertical-align: top; }
th { background: #eee; }
tr.pass td { background: #e6f4e6; }
tr.fail td { background: #fbe3e3; }
.summary { font-size: 1.1em; font-weight: bold; }
.failed { color: #a00; }
figure { display: inline-block; margin: 0.5em 1em 0.5em 0; }
figure img { max-width: 36em; width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 0.85em; color: #555; }
details { margin: 0.5em 0 1em 0; }
.notes { white-space: pre-wrap; font-size: 0.9em; background: #f7f7f7;
         padding: 0.6em; }
nav ul { columns: 2; font-size: 0.9em; }
"""


def _e(text: object) -> str:
    """HTML-escaped text."""
    return html.escape(str(text), quote=True)


def _href(path: Path, out_dir: Path) -> str:
    """A relative link to ``path`` from ``out_dir``, in URL form."""
    return "/".join(_e(part) for part in path.relative_to(out_dir).parts)


def _figures(folder: Path, out_dir: Path) -> list[str]:
    """``<figure>`` elements for the PNG files of an experiment folder."""
    parts = []
    for png in sorted(folder.glob("*.png")):
        href = _href(png, out_dir)
        parts.append(
            f'<figure><a href="{href}"><img src="{href}" alt="{_e(png.stem)}" '
            f'loading="lazy"></a><figcaption>{_e(png.name)}</figcaption></figure>'
        )
    return parts


def _table(rows: Sequence[dict[str, str]]) -> list[str]:
    """The comparison rows of one experiment as an HTML table."""
    head = "".join(
        f'<th title="{_e(BASES.get(c, ""))}">{_e(c)}</th>'
        if c == "basis"
        else f"<th>{_e(c)}</th>"
        for c in _TABLE_COLUMNS
    )
    lines = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for row in rows:
        css = "pass" if row["pass"] == "yes" else "fail"
        cells = "".join(
            f'<td title="{_e(BASES.get(row[c], ""))}">{_e(row[c])}</td>'
            if c == "basis"
            else f"<td>{_e(row[c])}</td>"
            for c in _TABLE_COLUMNS
        )
        lines.append(f'<tr class="{css}">{cells}</tr>')
    lines += ["</tbody>", "</table>"]
    return lines


def _data_links(folder: Path, out_dir: Path) -> str:
    """Links to the CSV and JSON files of an experiment folder."""
    files = sorted(p for p in folder.iterdir() if p.suffix in (".csv", ".json"))
    links = [f'<a href="{_href(p, out_dir)}">{_e(p.name)}</a>' for p in files]
    return "Data: " + ", ".join(links) if links else ""


def render(report: Report, experiments: Sequence[Experiment], out_dir: Path) -> str:
    """The HTML page of ``report`` for the output folder ``out_dir``."""
    out_dir = Path(out_dir)
    present = [e for e in experiments if e.name in report.present]
    body = [
        "<h1>Reproduction report</h1>",
        "<p>Reported values from the papers next to simulated ones, written by "
        "<code>sim reproduce</code>. Green rows are within tolerance, red rows "
        "are not; hover over a basis to see what it means.</p>",
        f'<p class="summary">{_e(report.summary)}.</p>',
        '<p>The whole table: <a href="comparison.csv">comparison.csv</a>, '
        '<a href="comparison.md">comparison.md</a>.</p>',
    ]
    if report.failed:
        body.append('<p class="failed">Experiments whose last run failed:</p><ul>')
        body += [
            f'<li class="failed"><code>{_e(n)}</code>: {_e(r)}</li>'
            for n, r in report.failed.items()
        ]
        body.append("</ul>")
    missing = [e.name for e in experiments if e.name not in report.present]
    if missing:
        listed = ", ".join(f"<code>{_e(n)}</code>" for n in missing)
        body.append(f"<p>Experiments with no results in this folder: {listed}.</p>")
    body.append("<nav><ul>")
    body += [f'<li><a href="#{_e(e.name)}">{_e(e.title)}</a></li>' for e in present]
    body.append("</ul></nav>")
    for exp in present:
        folder = out_dir / exp.name
        rows = [r for r in report.rows if r["experiment"] == exp.name]
        n_pass = sum(r["pass"] == "yes" for r in rows)
        body += [
            f'<section id="{_e(exp.name)}">',
            f"<h2>{_e(exp.title)} (<code>{_e(exp.name)}</code>)</h2>",
            f"<p>Source: {_e(exp.source)}. {n_pass} of {len(rows)} rows within "
            "tolerance.</p>",
        ]
        if exp.name in report.failed:
            body.append(
                '<p class="failed">The last run of this experiment failed '
                f"({_e(report.failed[exp.name])}); the rows and files shown are "
                "from its previous successful run.</p>"
            )
        body += _figures(folder, out_dir)
        body += _table(rows) if rows else ["<p>No reported values to compare.</p>"]
        links = _data_links(folder, out_dir)
        if links:
            body.append(f"<p>{links}</p>")
        notes = report.notes.get(exp.name, "").strip()
        if notes:
            body.append(
                f'<details><summary>Notes</summary><div class="notes">{_e(notes)}'
                "</div></details>"
            )
        body.append("</section>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Reproduction report</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
