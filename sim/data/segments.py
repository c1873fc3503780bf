"""What a measured run did: its segments (rests, constant-current steps,
constant-voltage holds, voltage sweeps, impedance spectra) and the protocols
they make up (CV sweeps, GITT pulses, CC-CV charges, EIS spectra).

Segments. The rows are split at every change of the cycler's step (``"Step
number"``) and wherever impedance rows start or stop (a one-row piece, a
cycler's transition step, joins the piece before it); each piece is then
classified from its current *I* and voltage *V* (a piece that is none of the
kinds but ``other`` is split once more where its current starts or stops, for
cyclers that give a step and its rest one number):

- ``rest``: |I| below :data:`REST_FRACTION` of the run's largest current (and
  at least below 1e-12 A) on 90 % of the rows;
- ``constant current``: the central 90 % of the currents within
  :data:`CC_TOLERANCE` of their median;
- ``constant voltage``: the central 90 % of the voltages within
  :data:`CV_TOLERANCE_V` and a current that decays (its mean magnitude over
  the last quarter at most that over the first): a potentiostatic hold, e.g.
  the CV part of CC-CV;
- ``sweep``: otherwise split at the voltage's turning points (a turn by more
  than :data:`VERTEX_V` or 2 % of the piece's range), and each monotonic part
  whose V(t) is a straight line (R^2 >= :data:`SWEEP_R2`) over at least
  :data:`VERTEX_V` is a sweep, its slope the scan rate;
- ``impedance``: rows with a frequency; one spectrum per monotonic frequency
  scan;
- ``other``: anything else (a drive cycle, a pulse train within one step).

A file without step numbers is first tried as one voltage sweep program (CV:
at least two sweeps, none at a constant current); if it is not one, it is split where the current changes sign, starts or stops,
or jumps by more than :data:`CC_TOLERANCE` x 2.

Protocols (:func:`detect_protocol`):

- CV: sweeps, with the scan rate [V/s] (median of |dV/dt| over the sweeps) and
  the vertex potentials (lowest and highest sweep end);
- GITT: at least :data:`MIN_GITT_PULSES` consecutive pulses -- a
  constant-current segment followed by a rest, with the same current (within
  :data:`CC_TOLERANCE`) and the same pulse duration (within 10 %) -- with a
  table of the pulses (the voltage before the pulse, at its end and after the
  rest: what a GITT analysis needs, Weppner & Huggins 1977);
- CC-CV: a constant-current segment followed by a constant-voltage hold at its
  end voltage (within 20 mV) with a current of the same sign;
- EIS: the impedance spectra.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

REST_FRACTION = 1e-3
"""A current below this fraction of the run's largest |I| is a rest."""

CC_TOLERANCE = 0.05
"""Relative spread of the current allowed in a constant-current segment."""

CV_TOLERANCE_V = 0.005
"""V: spread of the voltage allowed in a constant-voltage hold."""

VERTEX_V = 0.01
"""V: smallest voltage turn taken as a sweep vertex, and smallest sweep."""

SWEEP_R2 = 0.995
"""Smallest R^2 of a straight line V(t) for a sweep."""

MIN_GITT_PULSES = 3
"""Fewest consecutive equal pulses (each followed by a rest) taken as a GITT."""

KINDS = ("rest", "constant current", "constant voltage", "sweep", "impedance", "other")


@dataclass(frozen=True)
class Segment:
    """Rows ``start`` to ``stop - 1`` of a run, of one ``kind`` (see
    :data:`KINDS`). Currents in A (PyBaMM's sign: discharge > 0), voltages in
    V, times in s, the scan rate in V/s (signed; NaN unless a sweep)."""

    kind: str
    start: int
    stop: int
    start_time: float
    end_time: float
    current: float
    v_start: float
    v_end: float
    scan_rate: float = float("nan")

    @property
    def duration(self):
        """s."""
        return self.end_time - self.start_time


def _central(x):
    lo, hi = np.nanpercentile(x, [5, 95])
    return lo, hi


def _turning_points(v, threshold):
    """Indices of the extremes where the voltage turns back by more than
    ``threshold`` (a zigzag filter)."""
    turns = []
    direction, ext, lo, hi = 0, 0, 0, 0
    for k in range(1, len(v)):
        x = v[k]
        if direction == 0:
            lo = k if x < v[lo] else lo
            hi = k if x > v[hi] else hi
            if v[hi] - v[lo] > threshold:
                direction = 1 if hi > lo else -1
                ext = hi if direction == 1 else lo
                first = lo if direction == 1 else hi
                if first > 0 and abs(v[0] - v[first]) > threshold:
                    turns.append(first)
        elif direction * (x - v[ext]) > 0:
            ext = k
        elif direction * (v[ext] - x) > threshold:
            turns.append(ext)
            direction, ext = -direction, k
    return turns


def _line(t, v):
    """Slope and R^2 of a straight-line fit of v(t)."""
    if len(t) < 3 or np.ptp(t) <= 0:
        return np.nan, 0.0
    slope, intercept = np.polyfit(t - t[0], v, 1)
    residual = v - (slope * (t - t[0]) + intercept)
    total = np.sum((v - v.mean()) ** 2)
    return slope, (1.0 - np.sum(residual**2) / total) if total > 0 else 0.0


class _Run:
    def __init__(self, result):
        n = result.n_rows
        self.t = result["Time [s]"]
        # no current column: NaN, so that nothing is taken for a rest
        self.i = (
            np.nan_to_num(result["Current [A]"])
            if "Current [A]" in result
            else np.full(n, np.nan)
        )
        self.v = (
            result["Voltage [V]"] if "Voltage [V]" in result else np.full(n, np.nan)
        )
        self.f = (
            result["Frequency [Hz]"]
            if "Frequency [Hz]" in result
            else np.full(n, np.nan)
        )
        known = np.abs(self.i[np.isfinite(self.i)])
        scale = np.percentile(known, 99) if len(known) else 0.0
        self.rest_tol = max(REST_FRACTION * scale, 1e-12)

    def segment(self, kind, a, b, scan_rate=float("nan")):
        i = self.i[a:b]
        return Segment(
            kind=kind,
            start=int(a),
            stop=int(b),
            start_time=float(self.t[a]),
            end_time=float(self.t[b - 1]),
            current=float(np.mean(i)) if len(i) else 0.0,
            v_start=float(self.v[a]),
            v_end=float(self.v[b - 1]),
            scan_rate=float(scan_rate),
        )

    def sweeps(self, a, b):
        """The piece a..b split at its vertices into sweeps (or None if a part
        is not a straight sweep)."""
        v = self.v[a:b]
        if b - a < 3 or not np.all(np.isfinite(v)):
            return None
        threshold = max(VERTEX_V, 0.02 * np.ptp(v))
        cuts = [a, *(a + k for k in _turning_points(v, threshold)), b - 1]
        out = []
        for lo, hi in zip(cuts[:-1], cuts[1:], strict=True):
            slope, r2 = _line(self.t[lo : hi + 1], self.v[lo : hi + 1])
            if r2 < SWEEP_R2 or abs(self.v[hi] - self.v[lo]) < VERTEX_V:
                return None
            # rows belong to one sweep each: the vertex row ends the sweep
            out.append(self.segment("sweep", lo if lo == a else lo + 1, hi + 1, slope))
        return out

    def constant_current(self, a, b):
        """Whether the rows a..b hold one (non-zero) current."""
        i = self.i[a:b]
        if not np.all(np.isfinite(i)):
            return False
        median = np.median(i)
        lo, hi = _central(i)
        return abs(median) >= self.rest_tol and hi - lo <= CC_TOLERANCE * abs(median)

    def classify(self, a, b):
        i, v = self.i[a:b], self.v[a:b]
        if not np.all(np.isfinite(i)):  # no current recorded
            return self.sweeps(a, b) or [self.segment("other", a, b)]
        if np.mean(np.abs(i) < self.rest_tol) >= 0.9:
            return [self.segment("rest", a, b)]
        if self.constant_current(a, b):
            return [self.segment("constant current", a, b)]
        if np.all(np.isfinite(v)) and b - a >= 3:
            vlo, vhi = _central(v)
            quarter = max(1, (b - a) // 4)
            decays = np.mean(np.abs(i[-quarter:])) <= np.mean(np.abs(i[:quarter]))
            if vhi - vlo <= CV_TOLERANCE_V and decays:
                return [self.segment("constant voltage", a, b)]
        return self.sweeps(a, b) or [self.segment("other", a, b)]


def _boundaries(run, steps, eis):
    change = np.zeros(len(run.t), dtype=bool)
    change[0] = True
    change[1:] |= eis[1:] != eis[:-1]
    if steps is not None:
        change[1:] |= steps[1:] != steps[:-1]
    else:
        cls = np.sign(run.i) * (np.abs(run.i) >= run.rest_tol)
        change[1:] |= cls[1:] != cls[:-1]
        big = np.maximum(np.abs(run.i[1:]), np.abs(run.i[:-1]))
        jump = np.abs(np.diff(run.i)) > 2 * CC_TOLERANCE * big
        change[1:] |= jump & (cls[1:] != 0) & ~eis[1:]
    return np.flatnonzero(change)


def _spectra(run, a, b):
    f = run.f[a:b]
    d = np.diff(np.log(f))
    direction = np.sign(np.median(d)) if len(d) else -1.0
    cuts = [a, *(a + 1 + np.flatnonzero(np.sign(d) == -direction)), b]
    return [
        run.segment("impedance", lo, hi)
        for lo, hi in zip(cuts[:-1], cuts[1:], strict=True)
    ]


def segments(result):
    """The segments of a measured run, in order (a list of :class:`Segment`)."""
    if result.n_rows == 0:
        return []
    run = _Run(result)
    eis = np.isfinite(run.f)
    steps = result["Step number"] if "Step number" in result else None
    if steps is None and not eis.any():
        whole = run.sweeps(0, result.n_rows)
        # a CV, not constant-current steps whose voltage happens to be linear
        if whole and len(whole) >= 2:
            if not any(run.constant_current(s.start, s.stop) for s in whole):
                return whole
    starts = _boundaries(run, steps, eis)
    # a one-row piece (a cycler's transition step) joins the piece before it
    lengths = np.diff(np.r_[starts, result.n_rows])
    keep = np.r_[True, lengths[1:] > 1]
    starts = starts[keep]
    ends = np.r_[starts[1:], result.n_rows]
    out = []
    for a, b in zip(starts, ends, strict=True):
        out += _spectra(run, a, b) if eis[a] else _classified(run, a, b)
    return out


def _classified(run, a, b):
    """The segments of one piece; a piece that is none of the kinds is tried
    once more split where its current starts or stops (a cycler that numbers a
    step and the rest after it alike, as EC-Lab's GCPL technique does), and
    kept whole unless every part then is one of the kinds."""
    whole = run.classify(a, b)
    if [s.kind for s in whole] != ["other"] or not np.all(np.isfinite(run.i[a:b])):
        return whole
    flowing = np.abs(run.i[a:b]) >= run.rest_tol
    cuts = [a, *(a + 1 + np.flatnonzero(flowing[1:] != flowing[:-1])), b]
    if len(cuts) == 2 or min(np.diff(cuts)) < 2:
        return whole
    parts = []
    for lo, hi in zip(cuts[:-1], cuts[1:], strict=True):
        parts += run.classify(lo, hi)
    return whole if any(s.kind == "other" for s in parts) else parts


@dataclass
class Detected:
    """What :func:`detect_protocol` found in a run."""

    segments: list
    sweeps: list = field(default_factory=list)
    scan_rate: float = float("nan")  # V/s, median |dV/dt| of the sweeps
    vertices: tuple = ()  # (low, high) V
    pulses: dict = field(default_factory=dict)  # GITT pulse table
    cccv: list = field(default_factory=list)  # (CC segment, CV segment) pairs
    spectra: list = field(default_factory=list)

    def counts(self):
        """Kind -> number of segments."""
        out = {}
        for seg in self.segments:
            out[seg.kind] = out.get(seg.kind, 0) + 1
        return out


PULSE_COLUMNS = (
    "Pulse",
    "Start time [s]",
    "Current [A]",
    "Pulse time [s]",
    "Rest time [s]",
    "Voltage before pulse [V]",
    "Voltage at pulse end [V]",
    "Voltage after rest [V]",
)


def _same(a, b, tol):
    return abs(a - b) <= tol * max(abs(a), abs(b))


def _gitt(segs):
    pairs = [
        (k, segs[k], segs[k + 1])
        for k in range(len(segs) - 1)
        if segs[k].kind == "constant current" and segs[k + 1].kind == "rest"
    ]
    runs, current = [], []
    for entry in pairs:
        k, pulse, _ = entry
        if current:
            pk, prev, _ = current[-1]
            if (
                k == pk + 2
                and _same(pulse.current, prev.current, CC_TOLERANCE)
                and _same(pulse.duration, prev.duration, 0.1)
            ):
                current.append(entry)
                continue
            runs.append(current)
        current = [entry]
    if current:
        runs.append(current)
    chosen = [p for r in runs if len(r) >= MIN_GITT_PULSES for p in r]
    table = {name: [] for name in PULSE_COLUMNS}
    for number, (k, pulse, rest) in enumerate(chosen, start=1):
        before = segs[k - 1].v_end if k > 0 else pulse.v_start
        table["Pulse"].append(number)
        table["Start time [s]"].append(pulse.start_time)
        table["Current [A]"].append(pulse.current)
        table["Pulse time [s]"].append(rest.start_time - pulse.start_time)
        table["Rest time [s]"].append(rest.duration)
        table["Voltage before pulse [V]"].append(before)
        table["Voltage at pulse end [V]"].append(pulse.v_end)
        table["Voltage after rest [V]"].append(rest.v_end)
    return {n: np.asarray(v) for n, v in table.items()} if chosen else {}


def detect_protocol(result):
    """Segments and the protocols they make up (:class:`Detected`)."""
    segs = segments(result)
    found = Detected(segments=segs)
    found.sweeps = [s for s in segs if s.kind == "sweep"]
    if found.sweeps:
        found.scan_rate = float(np.median([abs(s.scan_rate) for s in found.sweeps]))
        ends = [v for s in found.sweeps for v in (s.v_start, s.v_end)]
        found.vertices = (float(min(ends)), float(max(ends)))
    found.pulses = _gitt(segs)
    found.cccv = [
        (a, b)
        for a, b in zip(segs[:-1], segs[1:], strict=True)
        if a.kind == "constant current"
        and b.kind == "constant voltage"
        and abs(b.v_start - a.v_end) <= 0.02
        and np.sign(b.current) == np.sign(a.current)
    ]
    found.spectra = [s for s in segs if s.kind == "impedance"]
    return found
