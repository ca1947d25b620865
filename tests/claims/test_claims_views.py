"""The claims section of the report: every claim, both languages, statuses tallied per seed."""
from __future__ import annotations

from umbrella.claims import summary
from umbrella.lab import ClaimsResult
from umbrella.views.claims_views import claims_section, headline


def result_of(rows: list[dict]) -> ClaimsResult:
    tally = summary(rows)
    return ClaimsResult(claims=rows, summary=tally, samples=100, seed=1,
                        headline={lang: headline(tally["table"], lang) for lang in ("en", "zh")})


def test_claims_section_lists_every_claim_in_both_languages():
    rows = [{"id": "S004-05", "seed": "004_x.txt", "status": "conditional", "share_holds": 0.6,
             "fails_when": {"c_alt": [3.0, 9.9]}, "reason": "game <b>", "check": "game", "type": None,
             "claim_en": "a", "n_points": 100},
            {"id": "S000-31", "seed": "000_x.txt", "status": "not_modelled", "share_holds": None,
             "fails_when": None, "reason": "no Chinese actor", "check": None, "type": None, "claim_en": "b"}]
    section = claims_section(result_of(rows))
    assert section.key == "claims" and set(section.body) == {"en", "zh"}
    for lang in ("en", "zh"):
        html = section.body[lang]
        assert "S004-05" in html and "S000-31" in html
        assert "c_alt ∈ [3, 9.9]" in html
        assert "game &lt;b&gt;" in html                    # reasons are escaped
    assert "有条件成立" in section.body["zh"] and "conditional" in section.body["en"]
    assert "已建模 50%" in section.body["zh"]


def test_report_leads_with_found_and_given_and_links_what_carries_each_claim():
    rows = [{"id": "S004-05", "seed": "004_x.txt", "status": "holds", "share_holds": 1.0, "fails_when": None,
             "reason": "game", "check": "game", "type": None, "claim_en": "a", "basis": "assumed", "share_holds_without_own_seed": 0.0,
             "carried_by": {"records": [], "parameters": [{"parameter": "demo_hub", "model": "deployment-bargaining",
                                                           "description": "demonstration", "share_without": 0.0,
                                                           "share_reduced": 1.0, "flips": True}]}},
            {"id": "S004-96", "seed": "004_x.txt", "status": "holds", "share_holds": 1.0, "fails_when": None,
             "reason": "1 record", "check": "evidence", "type": None, "claim_en": "b", "basis": "corroborated", "share_holds_without_own_seed": None,
             "carried_by": {"records": [{"id": "spain-1988", "kind": "disputes", "independent": True,
                                         "sources": ["seed:004", "bib:cooley2010base"]}], "parameters": []}},
            {"id": "S000-02", "seed": "000_x.txt", "status": "holds", "share_holds": 1.0, "fails_when": None,
             "reason": "1 record", "check": "evidence", "type": None, "claim_en": "c", "basis": "recorded", "share_holds_without_own_seed": None,
             "carried_by": {"records": [{"id": "yoon-2023", "kind": "events", "independent": False,
                                         "sources": ["seed:000"]}], "parameters": []}}]
    tally = summary(rows)
    assert headline(tally["table"], "en").startswith(
        "Of the 3 claims of the seeds that hold, the laboratory derived or corroborated 1 (derived 0, corroborated 1) "
        "and took 2 as given (recorded 1, assumed 1)")
    assert "实验室推导得出或独立佐证了 1 条" in headline(tally["table"], "zh")
    section = claims_section(result_of(rows))
    html = section.body["en"]
    assert html.index("derived or corroborated") < html.index("S004-05")          # the sentence comes first
    assert 'href="#en-rec-spain-1988">spain-1988</a> †' in html and 'id="en-rec-spain-1988"' in html
    assert 'href="#en-par-deployment-bargaining_demo_hub">demo_hub</a>!' in html
    assert 'id="en-par-deployment-bargaining_demo_hub"' in html and "bib:cooley2010base" in html
    # each language's copy links within itself: no id is on the page twice
    assert 'href="#zh-rec-spain-1988"' in section.body["zh"] and 'id="zh-rec-spain-1988"' in section.body["zh"]
    assert "en-rec" not in section.body["zh"]


def test_docs_list_the_effects_each_seed_ablation_switches_off():
    import pathlib
    from umbrella.views.claims_views import effects_markdown
    doc = (pathlib.Path(__file__).resolve().parents[2] / "docs" / "model" / "claims.md").read_text(encoding="utf-8")
    assert effects_markdown() in doc
