"""What an uncertain parameter does in its model: its `role`, and for a mechanism the `neutral` value.

Every parameter of every model (the regional model, the games) declares one role:

* `effect` — a mechanism's coefficient or payoff term; `neutral` is the value that switches the
  mechanism off (usually 0: the term vanishes; 1 for a multiplicative discount or ratio whose
  absence is 1). The claims ledger sets a claim's own seed's effects to their neutral values to
  see whether the claim still holds without them (docs/model/claims.md, basis).
* `intercept` — a level or scale without which the model is not defined (a baseline logit, a
  stake, a ceiling); never switched off.
* `rate` — a speed of adjustment or growth.
* `initial` — the state the model starts from: an initial value, a prior belief, or a condition
  a check fixes (whether an alternative deployment exists).

Only `effect` parameters carry a neutral value.
"""
from __future__ import annotations

from typing import Optional

ROLES: tuple[str, ...] = ("effect", "intercept", "rate", "initial")


def role_problem(role: object, neutral: object) -> Optional[str]:
    """None if (role, neutral) is a valid declaration, else a one-line reason."""
    if role not in ROLES:
        return f"role {role!r} is not one of {', '.join(ROLES)}"
    if role == "effect":
        if isinstance(neutral, bool) or not isinstance(neutral, (int, float)):
            return f"an effect needs a numeric neutral value (got {neutral!r})"
    elif neutral is not None:
        return f"only an effect has a neutral value (role {role!r}, neutral {neutral!r})"
    return None
