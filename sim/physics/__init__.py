"""Reusable physics: one module per idea (site kinetics, electrode composition, OCP
construction, equilibrium initial states). Functions accept floats/numpy arrays or
PyBaMM symbols wherever that makes sense, so the same expression serves a model and
a hand calculation in a test."""
