"""The report as a web page: ``results/index.html``."""

import io
import os
import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import unquote

import matplotlib.pyplot as plt
import pytest

from sim.harness import Comparison, ExperimentResult, register, run

plt.switch_backend("Agg")

# elements that have no end tag in HTML
VOID = {"meta", "img", "br", "hr", "link", "input", "source", "wbr"}


class _Checker(HTMLParser):
    """Collects links, row classes and nesting errors of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.links, self.rows = [], [], [], []
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if key in attrs:
                self.links.append(attrs[key])
        if tag == "tr" and "class" in attrs:
            self.rows.append(attrs["class"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1:]}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _checked(page):
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.stack == [], (checker.errors, checker.stack)
    return checker


@pytest.fixture
def results(tmp_path):
    """An output folder with one experiment that passes one row and fails one,
    whose notes and quantity hold characters HTML must escape."""
    reg = {}

    @register("fake", title="Fake paper, Fig. 1 <b>", source="Fake2024", registry=reg)
    def fake(progress):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [1, 0])
        fig2, ax2 = plt.subplots()
        ax2.plot([0, 1], [0, 1])
        return ExperimentResult(
            curves={"Time [h]": [0.0, 1.0], "Voltage [V]": [1.0, 0.0]},
            figures={"figure.png": fig, "figure b & c.png": fig2},
            comparisons=[
                Comparison("end voltage < 0.1", 0.0, 0.01, "V", 0.05, "Fig. 1"),
                Comparison("start voltage", 1.0, 1.5, "V", "10%", "Fig. 1"),
            ],
            notes="A <script>alert(1)</script> note & more.",
        )

    @register("other", title="Other paper", source="Other2024", registry=reg)
    def other(progress):
        raise RuntimeError("not run")

    out = tmp_path / "results"
    run(["fake"], out, stream=io.StringIO(), registry=reg)
    return out


def test_index_is_well_formed_and_every_link_exists(results):
    page = (results / "index.html").read_text("utf-8")
    checker = _checked(page)
    assert page.startswith("<!DOCTYPE html>")
    local = [link for link in checker.links if not link.startswith("#")]
    assert "fake/figure.png" in local and "comparison.csv" in local
    assert any("figure b" in unquote(link) for link in local)
    for link in local:
        assert "://" not in link and not link.startswith("/"), link  # relative
        assert (results / unquote(link)).is_file(), link
    anchors = [link[1:] for link in checker.links if link.startswith("#")]
    assert anchors == ["fake"] and 'id="fake"' in page


def test_index_colours_rows_by_pass_and_shows_basis_and_summary(results):
    page = (results / "index.html").read_text("utf-8")
    checker = _checked(page)
    assert checker.rows == ["pass", "fail"]
    text = "".join(checker.text)
    assert "1 of 2 reported numbers reproduced within tolerance" in text
    assert "predicted" in text  # the basis column
    assert "Experiments with no results in this folder: other" in text
    # notes are folded, and text from experiments is escaped, never markup
    assert "<details><summary>Notes</summary>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Fake paper, Fig. 1 &lt;b&gt;" in page


def test_index_is_rebuilt_with_the_other_report_files(results):
    md = (results / "comparison.md").stat().st_mtime
    assert (results / "index.html").stat().st_mtime >= md - 1.0


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.skipif(
    _chromium() is None and os.environ.get("CI") != "true",
    reason="no Chromium here (CI installs Debian's chromium package)",
)
def test_chromium_renders_the_index_without_console_errors(results, tmp_path):
    browser = _chromium()
    assert browser, "CI must have Chromium: .ci/run installs Debian's chromium"
    shot = tmp_path / "index.png"
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1200,1600",
        f"--screenshot={shot}",
        (results / "index.html").as_uri(),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # a rendered page, not a blank one
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console
    assert "ERR_FILE_NOT_FOUND" not in done.stderr
