"""Fuzzy calibration of raw data, direct method (Ragin 2008, ch. 5; R QCA `calibrate`).

Thresholds (exclusion e, crossover c, inclusion i) map to memberships 1 − idm, 0.5 and idm
through a logistic function of the deviation from the crossover; R QCA's default idm is 0.95.
With e > i the set is decreasing in the raw value.
"""
from __future__ import annotations

import numpy as np

from umbrella.errors import REQUEST, InputError, Problem


def calibrate_direct(raw, exclusion: float, crossover: float, inclusion: float, idm: float = 0.95) -> np.ndarray:
    x = np.asarray(raw, dtype=float)
    increasing = exclusion < crossover < inclusion
    decreasing = exclusion > crossover > inclusion
    if not (increasing or decreasing):
        raise InputError([Problem(REQUEST, 0, "thresholds",
                                  "the crossover must lie strictly between exclusion and inclusion")])
    if not 0.5 < idm < 1:
        raise InputError([Problem(REQUEST, 0, "idm", f"{idm} must lie in (0.5, 1)")])
    log_odds = np.log(idm / (1 - idm))
    sign = 1.0 if increasing else -1.0
    dev = sign * (x - crossover)
    above = dev >= 0
    scale = np.where(above, log_odds / abs(inclusion - crossover), log_odds / abs(crossover - exclusion))
    return 1.0 / (1.0 + np.exp(-dev * scale))
