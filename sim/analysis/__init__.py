"""Analysis of curves given as plain arrays: works on simulated and measured data.

One module reads a parameter set instead of curves: ``composite_electrolyte``
gives the model's own state of a composite polymer electrolyte (filler
fractions, crystallinity, the amorphous VTF law), the truth a measurement is
compared with.
"""
