"""PyBaMM entries shared by the tests that hold a project half cell against
PyBaMM's own DFN half cell (``working electrode: positive``): a metal counter
electrode with no thickness and no resistance of its own, the same temperature,
the same effective voltage limits and no contact resistance."""


def metal_counter_and_limits(values, exchange_current):
    """The entries for a project set's PyBaMM ``values`` (its temperature and
    cut-offs) and the counter electrode's ``exchange_current`` function."""
    return {
        "Exchange-current density for lithium metal electrode [A.m-2]": (
            exchange_current
        ),
        "Lithium counter electrode thickness [m]": 1e-12,
        "Lithium metal partial molar volume [m3.mol-1]": 1.3e-5,
        "Lithium counter electrode conductivity [S.m-1]": 1e12,
        "Ambient temperature [K]": values["Ambient temperature [K]"],
        "Initial temperature [K]": values["Ambient temperature [K]"],
        # the project's safety events sit 5 mV outside its cut-offs (protocols
        # terminate exactly); give PyBaMM the same effective limits
        "Lower voltage cut-off [V]": values["Lower voltage cut-off [V]"] - 5e-3,
        "Upper voltage cut-off [V]": values["Upper voltage cut-off [V]"] + 5e-3,
        "Contact resistance [Ohm]": 0.0,
        "Number of electrodes connected in parallel to make a cell": 1.0,
    }
