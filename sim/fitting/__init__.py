"""Fitting model parameters to measured data, on PyBOP (``sim fit``).

Modules, one idea each:

* :mod:`sim.fitting.simulator`: a PyBOP simulator that runs a project protocol
  (``sim.protocols.simulate``) on any PyBaMM model and returns its output at the
  measured times;
* :mod:`sim.fitting.fit`: ``fit(model, parameter_values, datasets, parameters,
  ...) -> FitResult``, several datasets at once (PyBOP ``MetaProblem``), shared
  and per-cell parameters, a bounded global stage (PyBOP's XNES, optionally on
  Dask);
* :mod:`sim.fitting.least_squares`: the local stage, a trust-region least
  squares on the weighted residuals;
* :mod:`sim.fitting.uncertainty`: standard deviations, correlations and
  identifiability from the residuals' Jacobian at the optimum.
"""
