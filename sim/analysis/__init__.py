"""Analysis of curves given as plain arrays: works on simulated and measured data."""
