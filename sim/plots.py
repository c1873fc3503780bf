"""Figure code shared by the experiments: plots of analysed data (matplotlib
axes in, axes out). Kept out of :mod:`sim.analysis`, which computes numbers only
and needs no plotting library."""

from __future__ import annotations

import numpy as np

from sim.errors import DataError


def shaded_capacitive_plot(
    ax,
    grid_cathodic,
    i_total_cathodic,
    i_cap_cathodic,
    grid_anodic,
    i_total_anodic,
    i_cap_anodic,
    *,
    current_unit: str = "mA",
    current_scale: float = 1e3,
    potential_label: str = "Potential vs Na+/Na [V]",
    capacitive_fraction: float | None = None,
    color: str = "k",
    fill_color: str = "tab:blue",
    title: str | None = None,
):
    """Total CV as a line, its capacitive part as a shaded loop (Fig. 5d-like).

    Currents are given in A and multiplied by ``current_scale`` for display in
    ``current_unit`` (default mA). ``capacitive_fraction``, if given, is shown
    in the legend. Returns ``ax``.
    """
    pairs = {
        "cathodic": (grid_cathodic, i_total_cathodic, i_cap_cathodic),
        "anodic": (grid_anodic, i_total_anodic, i_cap_anodic),
    }
    loop = {}
    for name, (g, it, ic) in pairs.items():
        g, it, ic = (np.asarray(a, dtype=float) for a in (g, it, ic))
        if g.ndim != 1 or it.shape != g.shape or ic.shape != g.shape:
            raise DataError(
                f"the {name} grid, total and capacitive currents must be 1-D "
                f"arrays of equal length, got shapes {g.shape}, {it.shape}, "
                f"{ic.shape}"
            )
        # cathodic drawn from high to low potential, anodic back up: one loop
        order = np.argsort(-g if name == "cathodic" else g, kind="stable")
        loop[name] = (g[order], it[order] * current_scale, ic[order] * current_scale)
    V = np.concatenate([loop["cathodic"][0], loop["anodic"][0]])
    I_total = np.concatenate([loop["cathodic"][1], loop["anodic"][1]])
    I_cap = np.concatenate([loop["cathodic"][2], loop["anodic"][2]])
    label = "Capacitive"
    if capacitive_fraction is not None:
        label += f" ({100 * capacitive_fraction:.0f} %)"
    ax.fill(V, I_cap, color=fill_color, alpha=0.4, lw=0, label=label)
    ax.plot(np.r_[V, V[:1]], np.r_[I_total, I_total[:1]], color=color, label="Total")
    ax.axhline(0.0, color="0.6", lw=0.5)
    ax.set_xlabel(potential_label)
    ax.set_ylabel(f"Current [{current_unit}]")
    if title:
        ax.set_title(title)
    ax.legend(frameon=False)
    return ax
