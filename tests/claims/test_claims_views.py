"""The claims section of the report: every claim, both languages, statuses tallied per seed."""
from __future__ import annotations

from umbrella.claims import summary
from umbrella.lab import ClaimsResult
from umbrella.views.claims_views import claims_section


def test_claims_section_lists_every_claim_in_both_languages():
    rows = [{"id": "S004-05", "seed": "004_x.txt", "status": "conditional", "share_holds": 0.6,
             "fails_when": {"c_alt": [3.0, 9.9]}, "reason": "game <b>", "check": "game", "type": None,
             "claim_en": "a", "n_points": 100},
            {"id": "S000-31", "seed": "000_x.txt", "status": "not_modelled", "share_holds": None,
             "fails_when": None, "reason": "no Chinese actor", "check": None, "type": None, "claim_en": "b"}]
    section = claims_section(ClaimsResult(claims=rows, summary=summary(rows), samples=100, seed=1))
    assert section.key == "claims" and set(section.body) == {"en", "zh"}
    for lang in ("en", "zh"):
        html = section.body[lang]
        assert "S004-05" in html and "S000-31" in html
        assert "c_alt ∈ [3, 9.9]" in html
        assert "game &lt;b&gt;" in html                    # reasons are escaped
    assert "有条件成立" in section.body["zh"] and "conditional" in section.body["en"]
    assert "已建模 50%" in section.body["zh"]
