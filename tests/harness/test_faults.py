"""Fault injection: failing experiments, interrupts, unwritable or busy output
folders. Each case names the problem it guards against (issue 13)."""

import csv
import errno
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import matplotlib.figure
import pytest
from fake_experiments import forget, make_package

from sim import cli, harness
from sim.harness import output, runner


@pytest.fixture
def fake_exps(monkeypatch, tmp_path):
    """The fake experiments package, discovered instead of sim.experiments."""
    root = tmp_path / "pkg"
    package = make_package(root)
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(harness.registry, "_REGISTRY", {})
    real = harness.discover
    monkeypatch.setattr(harness, "discover", lambda package_name=None: real(package))
    yield root
    forget(package)


def _rows(path):
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def test_solver_failure_midway_is_one_error_line_and_others_are_written(
    fake_exps, tmp_path, capsys
):
    out = tmp_path / "out"
    args = ["reproduce", "--out", str(out), "--jobs", "2", "--only"]
    assert cli.main([*args, "fake", "solver_fails"]) == 1
    err = capsys.readouterr().err
    assert (
        "error: [solver_fails] failed: the solver failed: IDA_CONV_FAIL: "
        "convergence test failed at t=1.2" in err
    )
    assert "Traceback" not in err
    assert (out / "fake" / "curves.csv").exists()
    assert not (out / "solver_fails").exists()
    # the report matches the folders on disk and names the failure
    assert {r["experiment"] for r in _rows(out / "comparison.csv")} == {"fake"}
    report = (out / "comparison.md").read_text()
    assert "`solver_fails`: the solver failed" in report
    assert not list(out.glob(".tmp-*"))


def test_only_updates_its_rows_and_keeps_the_others(fake_exps, tmp_path):
    out = tmp_path / "out"
    registry = harness.registered()
    harness.discover()
    harness.run(["fake"], out, stream=io.StringIO())
    before = _rows(out / "comparison.csv")
    harness.run(["broken"], out, stream=io.StringIO())
    assert _rows(out / "comparison.csv") == before  # fake's rows kept
    assert "`broken`: bad protocol" in (out / "comparison.md").read_text()
    harness.run(["fake"], out, stream=io.StringIO())
    assert "`broken`" in (out / "comparison.md").read_text()  # still failed
    assert registry is not None


def test_empty_out_is_refused(fake_exps, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["reproduce", "--out", "", "--only", "fake"]) == 2
    assert "error: --out is empty" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]


def test_read_only_output_folder_is_one_error_line(
    fake_exps, tmp_path, capsys, monkeypatch
):
    out = tmp_path / "ro"
    out.mkdir()

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(output.os, "open", read_only)
    assert cli.main(["reproduce", "--out", str(out), "--only", "fake"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"error: cannot write into output folder {out}: " + (
        "Read-only file system"
    )
    assert list(out.iterdir()) == []


def test_full_disk_fails_that_experiment_and_leaves_nothing_partial(
    fake_exps, tmp_path, monkeypatch
):
    def no_space(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", no_space)
    harness.discover()
    out = tmp_path / "out"
    outcome = harness.run(["fake"], out, stream=io.StringIO())
    assert outcome.failed == {
        "fake": "cannot write its output: No space left on device"
    }
    assert not (out / "fake").exists()
    assert not list(out.glob(".tmp-*"))


def test_a_second_run_into_the_same_folder_is_refused(fake_exps, tmp_path, capsys):
    out = tmp_path / "out"
    with output.OutputLock(out):
        assert cli.main(["reproduce", "--out", str(out), "--only", "fake"]) == 2
    err = capsys.readouterr().err
    assert f"error: output folder {out} is in use by another `sim reproduce`" in err
    assert not (out / "fake").exists()


def test_leftovers_of_a_killed_run_are_swept(fake_exps, tmp_path):
    out = tmp_path / "out"
    (out / ".tmp-fake-abc123").mkdir(parents=True)
    (out / ".tmp-fake-abc123" / "curves.csv").write_text("half")
    harness.discover()
    harness.run(["fake"], out, stream=io.StringIO())
    assert not list(out.glob(".tmp-*"))


def test_silent_experiments_get_heartbeat_lines(monkeypatch, tmp_path):
    monkeypatch.setattr(runner, "HEARTBEAT_S", 0.2)
    reg = {}

    @harness.register("quiet", title="Quiet", source="S", registry=reg)
    def quiet(progress):
        progress(0.5, "solving the long step")
        time.sleep(1.6)
        raise RuntimeError("stop here")

    stream = io.StringIO()
    harness.run(None, tmp_path, stream=stream, registry=reg)
    log = stream.getvalue()
    assert "[quiet]  50% solving the long step (" in log
    assert "about" in log.split("solving the long step", 1)[1]  # time left
    assert "still running: solving the long step (50% after" in log


def _driver(root: Path) -> Path:
    script = root / "driver.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(root)!r})\n"
        "from sim import cli, harness\n"
        "real = harness.discover\n"
        "harness.discover = lambda package=None: real('fake_exps')\n"
        "if __name__ == '__main__':\n"
        "    sys.exit(cli.main(sys.argv[1:]))\n"
    )
    return script


@pytest.mark.parametrize(
    ("signum", "code"),
    [
        (signal.SIGINT, 130),
        pytest.param(signal.SIGTERM, 143, marks=pytest.mark.slow),  # same path
    ],
)
def test_interrupt_stops_cleanly_and_leaves_nothing_partial(
    fake_exps, tmp_path, signum, code
):
    out = tmp_path / "out"
    mark = tmp_path / "slow-started"
    env = {**os.environ, "FAKE_SLOW_MARK": str(mark)}
    proc = subprocess.Popen(
        [sys.executable, str(_driver(fake_exps)), "reproduce", "--out", str(out)]
        + ["--jobs", "2", "--only", "fake", "slow"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not ((out / "fake").exists() and mark.exists()):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the experiments never started"
        time.sleep(0.05)
    sent = time.monotonic()
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 10
    assert proc.returncode == code, err
    assert "Traceback" not in err
    name = signal.Signals(signum).name
    assert f"interrupted by {name}: stopped cleanly; experiments completed: fake" in err
    assert not (out / "slow").exists()
    assert not list(out.glob(".tmp-*"))
    assert {r["experiment"] for r in _rows(out / "comparison.csv")} == {"fake"}
