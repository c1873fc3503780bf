"""Peak resident memory of one experiment.

On Linux the kernel keeps a process's resident high-water mark ("VmHWM" in
``/proc/self/status``) and resets it when "5" is written to
``/proc/self/clear_refs``; a worker resets it before each experiment, so the
peak it reads afterwards is that experiment's own (imports included, since they
stay resident). Elsewhere the process's lifetime peak (``ru_maxrss``) is the
best available: an upper bound, reported as such.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def reset_peak() -> bool:
    """Reset this process's peak resident memory; False where it cannot be."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def peak_gb() -> float:
    """Peak resident memory of this process since the last reset [GB]."""
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024**2  # kB
    except (OSError, ValueError, IndexError):
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024**3 if sys.platform == "darwin" else rss / 1024**2
