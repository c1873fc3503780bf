"""The Sb/C composite electrode against sodium metal (Qiu2021): see :mod:`.model`."""

from sim.models.sb_carbon.model import *  # noqa: F401,F403
from sim.models.sb_carbon.model import (  # noqa: F401
    _check_sb_steps,
    _not_input,
)
