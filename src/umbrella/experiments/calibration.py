"""Calibration of the regional model to survey data (placeholder until the capability lands)."""
from __future__ import annotations


def load_posterior():
    """The calibrated parameter draws scenarios use by default, or None while uncalibrated."""
    return None
