"""The README's Python example runs as written (the PyBaMM-native road)."""

import runpy
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_example_runs(tmp_path, capsys):
    text = README.read_text(encoding="utf-8")
    section = text.split("## Python example", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert 'pybamm.ParameterValues("SbQD@C")' in code
    assert "experiment_steps(" in code and "simulate(" in code
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    runpy.run_path(str(script), run_name="__main__")
    lines = capsys.readouterr().out.splitlines()
    capacity = float(lines[0])
    assert 300 < capacity < 700  # mAh/g delivered by the first sodiation
    assert len(lines) == 5  # capacity, then the peaks of four sweeps
