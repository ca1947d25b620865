"""Independent random parameter draws inside a game's declared ranges (seeded, reproducible)."""
from __future__ import annotations

import numpy as np


def draws(game, n: int, seed: int):
    """`n` parameter points drawn independently and uniformly inside the declared box."""
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    for _ in range(n):
        point = {}
        for p in game.parameters:
            if p.values is not None:
                point[p.name] = float(rng.choice(p.values))
            else:
                point[p.name] = float(rng.uniform(p.low, p.high))
        yield point
