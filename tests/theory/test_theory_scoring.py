"""The theory engine: seed 004's four cases, extra case directories scored by the same rules, open
cases' forecasts, user theories in YAML, and declaration errors as PATH:LINE lines.

Expected strategies come from seed 004's Table 1 (hand-applied), not from the engine's output."""
from __future__ import annotations

import json
import textwrap

import pytest

from tests.support import umbrella

from umbrella.errors import InputError
from umbrella.evidence import load
from umbrella.theory import compare_theories, load_theories, test_theory, typology_table

QUOTE = "这四种情况如表1所示。"            # verbatim in seed 004 (any valid source will do for a probe)
SEED_CASES = {"spain-1988": "concede", "new-zealand-1986": "concede_punish",
              "netherlands-1985": "persuade", "japan-okinawa-1969": "pressure"}


@pytest.fixture(scope="module")
def ev():
    return load()


@pytest.fixture(scope="module")
def theories(ev):
    return load_theories(bib=ev.bib)


def case_yaml(cid, structure, alliance, alt, preferred, final, actions, host="FJI", extra=""):
    alts = f"  - {{kind: geographic, detail: probe, available: {str(alt).lower()}, sources: []}}\n"
    acts = "".join(f"  - {{kind: {k}, year: 2001, detail: probe}}\n" for k in actions) or "  []\n"
    final_line = f"final_intensity: {final}\n" if final else ""
    return (f"id: {cid}\ntitle: {{en: probe, zh: 探针}}\npatron: USA\nhost: {host}\n"
            f"period: {{start: 2000, end: 2002}}\nalliance: {alliance}\nstructure: {structure}\n"
            f"us_preferred_intensity: {preferred}\nhost_position: none\n{final_line}"
            f"alternatives:\n{alts}us_actions:\n{acts}confidence: low\n{extra}"
            f"sources:\n  - seed: 004_a9c63d3a1281ba4d.txt\n    quote: \"{QUOTE}\"\n")


@pytest.fixture
def extra_dir(tmp_path):
    d = tmp_path / "disputes"
    d.mkdir()
    # one probe per cell of Table 1, coded so that 004's rule and the observed strategy agree, plus
    # one mismatch, one open case, and one outside the premise
    (d / "probe-a.yaml").write_text(case_yaml("probe-a", "multilateral", "nato", True, "fixed", "non_fixed", ["concede"]))
    (d / "probe-b.yaml").write_text(case_yaml("probe-b", "bilateral", "us-japan", True, "fixed", "none", ["concede", "punish"]))
    (d / "probe-c.yaml").write_text(case_yaml("probe-c", "multilateral", "nato", False, "fixed", "fixed", ["persuade"]))
    (d / "probe-d.yaml").write_text(case_yaml("probe-d", "bilateral", "us-rok", False, "fixed", "fixed", ["pressure"]))
    (d / "probe-e.yaml").write_text(case_yaml("probe-e", "bilateral", "us-rok", False, "fixed", "none", ["concede"]))
    (d / "probe-open.yaml").write_text(case_yaml("probe-open", "bilateral", "us-japan", True, "fixed", None, []))
    (d / "probe-out.yaml").write_text(case_yaml(
        "probe-out", "multilateral", "nato", True, "fixed", "fixed", ["persuade"],
        extra="conditions:\n  ally_opposed_deployment: false\n  ally_resolve: true\n"))
    return tmp_path


def by_id(result):
    return {c["id"]: c for c in result["cases"]}


def test_seed_cases_match_004(ev, theories):
    cases = by_id(test_theory(theories["deployment-typology"], ev.disputes))
    table1 = {(True, True): "concede", (True, False): "concede_punish", (False, True): "persuade", (False, False): "pressure"}
    for cid, strategy in SEED_CASES.items():
        c = cases[cid]
        assert c["observed"] == strategy and c["predicted"] == strategy and c["match"] is True
        assert table1[(c["conditions"]["alt"], c["conditions"]["multilateral"])] == strategy
        assert c["evidence"]["multilateral"] == [ev.disputes[cid].alliance]
        assert all("seed" in s or "bib" in s for s in c["evidence"]["alt"])


def test_extra_case_directory_scored_by_the_same_rules(extra_dir):
    rc, out, err = umbrella("theory", "test", "--theory", "deployment-typology", "--data", extra_dir, "--format", "json")
    assert rc == 0, err
    res = json.loads(out)
    cases = by_id(res)
    want = {"probe-a": ("concede", "concede"), "probe-b": ("concede_punish", "concede_punish"),
            "probe-c": ("persuade", "persuade"), "probe-d": ("pressure", "pressure"),
            "probe-e": ("pressure", "concede")}
    for cid, (predicted, observed) in want.items():
        assert (cases[cid]["predicted"], cases[cid]["observed"]) == (predicted, observed)
        assert cases[cid]["match"] is (predicted == observed)
        assert cases[cid]["binary"]["observed"] is (observed in ("concede", "concede_punish"))
    assert cases["probe-open"]["match"] is None and cases["probe-open"]["observed"] is None
    not_scored = {x["id"]: x["reason"] for x in res["summary"]["not_scored"]}
    assert "open" in not_scored["probe-open"] and "premise" in not_scored["probe-out"]
    assert res["summary"]["confusion"]["concede"]["pressure"] >= 1       # probe-e
    n = res["summary"]["n_scored"]
    assert res["summary"]["accuracy"] == pytest.approx(res["summary"]["n_match"] / n)
    assert sum(sum(row.values()) for row in res["summary"]["confusion"].values()) == n


def test_open_case_forecast_names_the_codings_that_flip_it(extra_dir):
    ev = load(extra_dirs=[extra_dir])
    res = test_theory(load_theories()["deployment-typology"], ev.disputes)
    fc = {f["id"]: f for f in res["summary"]["forecasts"]}["probe-open"]
    assert fc["predicted"] == "concede_punish" and fc["drivers"] == ["alt", "multilateral"]
    # Table 1: without an alternative a bilateral ally is pressured; in a multilateral alliance the US concedes
    assert {(f["condition"], f["predicted"]) for f in fc["flips"]} == {("alt", "pressure"), ("multilateral", "concede")}


def test_rival_theory_binary_and_missing_codings(extra_dir):
    ev = load(extra_dirs=[extra_dir])
    th = load_theories()
    res = by_id(test_theory(th["ally-resolve"], ev.disputes))
    assert res["probe-a"]["conditions"] == {"ally_resolve": None}
    assert res["probe-a"]["reason"] == "no coding for ally_resolve" and res["probe-a"]["match"] is None
    assert "premise" in res["probe-out"]["reason"]
    assert res["probe-open"]["if_coded"] == [{"condition": "ally_resolve", "if_true": True, "if_false": False}]


def test_compare_ranks_every_theory(ev, theories):
    res = compare_theories(theories, ev.disputes)
    assert [r["rank"] for r in res["theories"]] == list(range(1, len(theories) + 1))
    assert {r["theory"] for r in res["theories"]} == set(theories) and len(theories) == 7
    lows = [r["accuracy_lower95"] if r["accuracy_lower95"] is not None else -1 for r in res["theories"]]
    assert lows == sorted(lows, reverse=True)
    # Wilson bounds by hand: 13 of 14 -> 0.6853; 2 of 2 -> (1 / (1 + z²/2), 1) = (0.3424, 1)
    from umbrella.theory.scoring import wilson_interval
    assert wilson_interval(13, 14)[0] == pytest.approx(0.68531, abs=1e-4)
    assert wilson_interval(2, 2) == pytest.approx((0.34237, 1.0), abs=1e-4)
    assert wilson_interval(0, 0) is None


def test_fair_scoring_equals_a_hand_count(tmp_path):
    """Seven probe cases, the typology and ally-resolve scored on conceded-or-not, by hand:

    case  alt  final (pref. fixed)  conceded  typology predicts  ally_resolve  typology  rival
    p1    T    non_fixed            T         T                  T             right     right
    p2    T    none                 T         T                  F             right     wrong
    p3    F    fixed                F         F                  F             right     right
    p4    F    fixed                F         F                  T             right     wrong
    p5    F    none                 T         F                  T             wrong     right
    p6    T    fixed                F         T                  (not coded)   wrong     -
    p7    T    non_fixed            T         T                  F             right     wrong

    typology 5 of 7; rival 3 of 6; paired on p1-p5, p7: typology 5, rival 3, discordant 3 : 1,
    exact McNemar p = P(X <= 1 or X >= 3 | n = 4, 1/2) = (1 + 4 + 4 + 1) / 16 = 0.625.
    Wilson 95% of 5 of 7: (0.3589, 0.9178); of 3 of 6: (0.1876, 0.8124)."""
    d = tmp_path / "disputes"
    d.mkdir()
    rows = [("p1", True, "non_fixed", "true"), ("p2", True, "none", "false"), ("p3", False, "fixed", "false"),
            ("p4", False, "fixed", "true"), ("p5", False, "none", "true"), ("p6", True, "fixed", None),
            ("p7", True, "non_fixed", "false")]
    for cid, alt, final, resolve in rows:
        extra = f"conditions:\n  ally_resolve: {resolve}\n" if resolve else ""
        actions = ["concede"] if final != "fixed" else ["persuade"]
        (d / f"probe-{cid}.yaml").write_text(case_yaml(f"probe-{cid}", "bilateral", "us-japan", alt, "fixed", final,
                                                       actions, extra=extra))
    ev = load(extra_dirs=[tmp_path])
    probes = {k: v for k, v in ev.disputes.items() if k.startswith("probe-")}
    th = load_theories()
    res = compare_theories({k: th[k] for k in ("deployment-typology", "ally-resolve")}, probes)
    rows_by = {r["theory"]: r for r in res["theories"]}
    typ, rival = rows_by["deployment-typology"], rows_by["ally-resolve"]
    assert (typ["n_match"], typ["n_scored"], rival["n_match"], rival["n_scored"]) == (5, 7, 3, 6)
    assert (typ["accuracy_lower95"], typ["accuracy_upper95"]) == pytest.approx((0.3589, 0.9178), abs=1e-3)
    assert (rival["accuracy_lower95"], rival["accuracy_upper95"]) == pytest.approx((0.1876, 0.8124), abs=1e-3)
    pair = rival["versus_typology"]
    assert pair["cases"] == ["probe-p1", "probe-p2", "probe-p3", "probe-p4", "probe-p5", "probe-p7"]
    assert (pair["hits"], pair["versus_hits"], pair["only_theory"], pair["only_versus"]) == (5, 3, 3, 1)
    assert pair["p_value"] == pytest.approx(0.625)
    assert typ["versus_typology"] is None


def test_exact_mcnemar_by_hand():
    from umbrella.theory.scoring import mcnemar_exact
    assert mcnemar_exact(5, 0) == pytest.approx(2 / 32)            # 2 * (1/2)^5
    assert mcnemar_exact(6, 1) == pytest.approx(16 / 128)          # 2 * (1 + 7) / 2^7
    assert mcnemar_exact(1, 6) == pytest.approx(16 / 128)
    assert mcnemar_exact(0, 0) == 1.0


def test_typology_table_places_seed_cases_in_their_cells(ev, theories):
    th = theories["deployment-typology"]
    table = typology_table(th, test_theory(th, ev.disputes))
    cell_of = {c["id"]: cell["predicted"] for cell in table["cells"] for c in cell["cases"]}
    for cid, strategy in SEED_CASES.items():
        assert cell_of[cid] == strategy
    assert table["cells"][0]["label"]["zh"] == "退让"


def test_user_theory_in_yaml(tmp_path, extra_dir):
    (tmp_path / "th").mkdir()
    (tmp_path / "th" / "resolve.yaml").write_text(textwrap.dedent(f"""\
        id: host-refuses-all
        name: {{en: Host refuses all, zh: 东道国全面拒绝}}
        description: {{en: probe, zh: 探针}}
        outcome: conceded
        conditions:
          - name: host_refuses_all
            label: {{en: host accepts no deployment, zh: 东道国不接受任何部署}}
            coding: {{field: host_position, equals: none}}
            sources: [{{seed: 004_a9c63d3a1281ba4d.txt, quote: "{QUOTE}"}}]
        predictions:
          - {{when: {{host_refuses_all: true}}, predict: true}}
          - {{when: {{host_refuses_all: false}}, predict: false}}
        sources: [{{seed: 004_a9c63d3a1281ba4d.txt, quote: "{QUOTE}"}}]
        """))
    th = load_theories([tmp_path / "th"])
    ev = load(extra_dirs=[extra_dir])
    res = by_id(test_theory(th["host-refuses-all"], ev.disputes))
    assert res["probe-b"]["conditions"]["host_refuses_all"] is True and res["probe-b"]["predicted"] is True
    assert res["probe-c"]["observed"] is False and res["probe-c"]["match"] is False


def test_bad_theory_declarations_give_one_line_each(tmp_path):
    d = tmp_path / "th"
    d.mkdir()
    (d / "bad.yaml").write_text(textwrap.dedent("""\
        id: bad-theory
        name: {en: Bad, zh: 坏}
        description: {en: probe, zh: 探针}
        outcome: strategy
        conditions:
          - name: alt
            label: {en: alt, zh: 替代}
            coding: {rule: alt}
            sources: [{seed: 004_a9c63d3a1281ba4d.txt, quote: "this is not in the seed"}]
        predictions:
          - {when: {alt: true, nope: false}, predict: concede}
          - {when: {alt: false}, predict: surrender}
        sources: [{bib: no-such-key-anywhere}]
        """))
    with pytest.raises(InputError) as exc:
        load_theories([d], bib=load().bib)
    got = {(p.line, p.field.split(".")[-1] if "." in p.field else p.field) for p in exc.value.problems}
    assert (11, "nope") in got and (12, "predict") in got and (13, "bib") in got
    from umbrella.evidence import seeds_dir
    assert (9, "quote") in got or seeds_dir() is None      # quotes are checked where the seeds are
    rc, out, err = umbrella("theory", "list", "--theories", d)
    assert rc == 2 and "Traceback" not in err
    assert all(line.startswith(str(d / "bad.yaml")) or "bad.yaml:" in line for line in err.strip().splitlines())


def test_builtin_theories_cover_models_md(theories):
    rivals = {"us-fiscal-constraint": "us_fiscal_strain", "executive-legislative": "legislative_constraint",
              "host-elite-consensus": "weak_host_elite_consensus", "host-democratic-transition": "host_democratic_transition",
              "ally-bargaining-power": "ally_bargaining_power", "ally-resolve": "ally_resolve"}
    for tid, key in rivals.items():
        assert theories[tid].outcome == "conceded"
        assert [c.coding.condition for c in theories[tid].conditions] == [key]
    assert sorted({r.predict for r in theories["deployment-typology"].predictions}) == \
        ["concede", "concede_punish", "persuade", "pressure"]


def test_theory_report_is_plain_json(lab):
    data = lab.theory_report().model_dump(mode="json")
    json.dumps(data, allow_nan=False)
    assert set(data) >= {"typology", "table", "compare"}


def test_views_write_bilingual_plots(tmp_path, ev, theories):
    from umbrella.views import theory_views as views
    th = theories["deployment-typology"]
    views.plot_typology(typology_table(th, test_theory(th, ev.disputes)), tmp_path / "t.svg", "zh")
    views.plot_compare(compare_theories(theories, ev.disputes), tmp_path / "c.png", "en")
    assert (tmp_path / "t.svg").read_text().count("退让") >= 1       # zh text kept as text in SVG
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    rc, out, err = umbrella("theory", "compare", "--plot", tmp_path / "c.txt")    # refused before any work
    assert rc == 2 and err.startswith("<command line>:0: --plot: ") and not (tmp_path / "c.txt").exists()


def test_forecasts_and_frame(extra_dir):
    from umbrella.theory import cases_frame, forecasts
    ev = load(extra_dirs=[extra_dir])
    th = load_theories()
    res = forecasts(th, ev.disputes)
    assert "probe-open" in res["open_cases"]
    mine = [f for f in res["forecasts"] if f["id"] == "probe-open"]
    assert {f["theory"] for f in mine} == set(th)
    frame = cases_frame(test_theory(th["deployment-typology"], ev.disputes))
    assert frame.loc["probe-e", "predicted"] == "pressure" and bool(frame.loc["probe-e", "match"]) is False


def test_report_section_renders_both_languages(lab):
    from umbrella.views.theory_views import report_section
    sec = report_section(lab.theory_report())
    for lang in ("en", "zh"):
        assert all(cid in sec.body[lang] for cid in SEED_CASES) and "<img" in sec.body[lang]
    assert "让步并惩罚" in sec.body["zh"] and "concede and punish" in sec.body["en"]
