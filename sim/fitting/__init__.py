"""Fitting model parameters to measured data, on PyBOP (``sim fit``).

Modules, one idea each:

* :mod:`sim.fitting.simulator`: a PyBOP simulator that runs a project protocol
  (``sim.protocols.simulate``) on any PyBaMM model and returns its output at the
  measured times;
* :mod:`sim.fitting.fit`: ``fit(model, parameter_values, datasets, parameters,
  ...) -> FitResult``, several datasets at once (PyBOP ``MetaProblem``), shared
  and per-cell parameters, a bounded global-then-local optimiser;
* :mod:`sim.fitting.uncertainty`: standard deviations, correlations and
  identifiability from the residuals' Jacobian at the optimum.
"""
