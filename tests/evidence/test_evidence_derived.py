"""The derived fields of a dispute follow SYSTEM.md §3.3's coding rules, for any coding."""
from __future__ import annotations

from hypothesis import given, strategies as st

from umbrella.evidence.schema import Dispute

LEVELS = ["none", "non_fixed", "fixed"]
SRC = [{"bib": "k"}]


def expected(preferred: str, final: str | None, kinds: list[str], available: list[bool]):
    """The rule, restated independently from the text of §3.3."""
    alt = any(available)
    if final is None:
        return alt, None, None
    conceded = LEVELS.index(final) < LEVELS.index(preferred)
    if conceded:
        return alt, True, "concede_punish" if "punish" in kinds else "concede"
    if "pressure" in kinds:
        return alt, False, "pressure"
    return alt, False, "persuade" if "persuade" in kinds else "undetermined"


@given(preferred=st.sampled_from(LEVELS), final=st.one_of(st.none(), st.sampled_from(LEVELS)),
       kinds=st.lists(st.sampled_from(["concede", "punish", "persuade", "pressure"]), max_size=4),
       available=st.lists(st.booleans(), max_size=3), structure=st.sampled_from(["multilateral", "bilateral"]))
def test_derived_fields_follow_the_rules(preferred, final, kinds, available, structure):
    data = {
        "id": "case", "title": {"en": "c", "zh": "案"}, "patron": "USA", "host": "ESP",
        "period": {"start": 1970, "end": 1970}, "alliance": "nato", "structure": structure,
        "us_preferred_intensity": preferred, "host_position": "none", "confidence": "low", "sources": SRC,
        "alternatives": [{"kind": "geographic", "detail": "d", "available": a} for a in available],
        "us_actions": [{"kind": k, "year": 1970, "detail": "d"} for k in kinds],
    }
    if final is not None:
        data["final_intensity"] = final
    d = Dispute.model_validate(data)
    assert (d.alt, d.conceded, d.derived_strategy) == expected(preferred, final, kinds, available)
    assert d.multilateral == (structure == "multilateral")
    assert d.is_open == (final is None)


def test_absent_lists_are_empty():
    d = Dispute.model_validate({
        "id": "case", "title": {"en": "c", "zh": "案"}, "patron": "USA", "host": "NZL",
        "period": {"start": 1984, "end": 1987}, "alliance": "anzus", "structure": "bilateral",
        "us_preferred_intensity": "non_fixed", "host_position": "none", "final_intensity": "none",
        "alternatives": None, "confidence": "high", "sources": SRC})
    assert d.alternatives == [] and d.us_actions == [] and d.alt is False
    assert d.derived_strategy == "concede"
