"""Design studies: vary parameters of a model, run a protocol at every point,
record named metrics (``sim sweep STUDY.toml``).

Modules, one idea each:

* :mod:`sim.studies.axes`: one varied parameter (list, range or distribution);
* :mod:`sim.studies.metrics`: named numbers read off a :class:`sim.result.Result`;
* :mod:`sim.studies.sensitivity`: Sobol indices (SALib) of each metric;
* :mod:`sim.studies.report`: ``summary.md`` and the plots chosen from the
  study's shape.
"""
