"""Tests of the command-line interface, in-process and as ``python -m sim``."""

import re
import subprocess
import sys

import pytest
from fake_experiments import forget, make_package

from sim import cli, harness

SUBCOMMANDS = [[], ["reproduce"], ["list"], ["params"], ["data"]]


def run_module(*args, cwd):
    """Run ``python -m sim ARGS`` and return the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "sim", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help_in_process(command, capsys):
    assert cli.main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: sim")
    assert " ".join(["sim", *command]) in out.splitlines()[0]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help_subprocess(command, tmp_path):
    proc = run_module(*command, "--help", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: sim")
    assert proc.stderr == ""


def test_help_texts_describe_options(capsys):
    cli.main(["reproduce", "--help"])
    out = capsys.readouterr().out
    assert "--out DIR" in out
    assert "--only NAME" in out
    assert "comparison.csv" in out
    cli.main(["params", "--help"])
    assert "NAME" in capsys.readouterr().out


def test_no_command_prints_help_and_fails(capsys):
    assert cli.main([]) == 2
    assert "usage: sim" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys):
    assert cli.main(["reproduce", "--bogus"]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_params_unknown_set_in_process(capsys):
    assert cli.main(["params", "nosuchset"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: unknown parameter set 'nosuchset'")
    assert "SbQD@C" in lines[0]
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_params_unknown_set_subprocess(tmp_path):
    proc = run_module("params", "nosuchset", cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error:")
    assert "Traceback" not in proc.stderr


def test_params_without_name_lists_sets(capsys):
    assert cli.main(["params"]) == 0
    out = capsys.readouterr().out
    assert "  SbQD@C" in out.splitlines()
    assert "sim params NAME" in out


def test_reproduce_unknown_experiment_in_process(tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["reproduce", "--only", "nosuch", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("error: unknown experiment 'nosuch'")
    assert "Traceback" not in captured.err
    assert list(tmp_path.iterdir()) == []


def test_reproduce_unknown_experiment_subprocess(tmp_path):
    proc = run_module("reproduce", "--only", "nosuch", "--out", "tmp", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: unknown experiment 'nosuch'")
    assert "qiu2021_fig5a" in proc.stderr  # names what is allowed
    assert "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def fake_registry(monkeypatch, tmp_path):
    """Replace the experiments by a package of fake ones (see fake_experiments)."""
    package = make_package(tmp_path / "pkg")
    monkeypatch.syspath_prepend(str(tmp_path / "pkg"))
    monkeypatch.setattr(harness.registry, "_REGISTRY", {})
    real = harness.discover
    monkeypatch.setattr(
        harness, "discover", lambda package_name="sim.experiments": real(package)
    )
    yield
    forget(package)


def test_reproduce_runs_and_reports(fake_registry, tmp_path, capsys):
    out = tmp_path / "res"
    assert cli.main(["reproduce", "--only", "fake", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == (
        "report: 1 of 2 reported numbers reproduced within tolerance "
        "(1 of 2 predictions)"
    )
    assert lines[1].startswith("1 comparison(s) outside tolerance")
    assert re.fullmatch(
        r"largest peak memory of one experiment: [0-9.]+ GB \(fake\)", lines[2]
    )
    assert lines[3] == (
        f"report: {out / 'comparison.md'} (as a web page: {out / 'index.html'})"
    )
    assert re.fullmatch(
        r"ran 1 experiment\(s\) in [0-9.]+ s with \d+ worker process\(es\); "
        r"total wall time [0-9.]+ s \(imports and start-up included\)",
        lines[4],
    )
    assert (out / "comparison.md").exists() and (out / "index.html").exists()
    assert (out / "fake" / "curves.csv").exists()


def test_reproduce_error_from_experiment(fake_registry, tmp_path, capsys):
    out = tmp_path / "res"
    assert cli.main(["reproduce", "--only", "broken", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error: [broken] failed: bad protocol; step 2 has no end condition\n" in err
    assert "Traceback" not in err
    assert not (out / "broken").exists()


def test_list_shows_experiments(fake_registry, capsys):
    assert cli.main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["fake", "Fake,", "Fig.", "1", "[Fake2024]"]
    assert lines[1].startswith("broken")


def test_keyboard_interrupt_exits_130(monkeypatch, capsys):
    def interrupt(package="sim.experiments"):
        raise KeyboardInterrupt

    monkeypatch.setattr(harness, "discover", interrupt)
    assert cli.main(["list"]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("sbc-sim ")
