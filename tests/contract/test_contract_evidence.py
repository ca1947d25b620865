"""Contract audit, evidence and theories (SYSTEM.md §3.0, §3.3, §3.4) on dispute cases the project
has never seen: new hosts (any ISO code, an organisation id), a new alliance and bib file, open
cases, equal years, empty/absent lists, conditions plain and as {value, sources}; then bad input of
every kind → exit 2, one `PATH:LINE: FIELD: message` line per problem, never a traceback.

References are independent of the code: the §3.3 derivation rules and seed 004's 2×2 table
(alt, multilateral) → concede / concede_punish / persuade / pressure, written out here."""
from __future__ import annotations

import pathlib

import pytest

from tests.support import SEED_004, assert_input_error, umbrella, umbrella_json

INTENSITY = {"none": 0, "non_fixed": 1, "fixed": 2}
TABLE_004 = {(True, True): "concede", (True, False): "concede_punish",
             (False, True): "persuade", (False, False): "pressure"}
QUOTE = "西班牙在1982年正式加入北约,成为美国和西方阵营的重要盟友。"   # verbatim in seed 004
BIB = "[{bib: probe2020book}]"

CASES = {
    # id: (yaml body, expected alt, conceded, observed_strategy)
    "probe-bra-1999": ("""patron: USA
host: BRA
period: {start: 1995, end: 1999}
alliance: probe-pact
structure: bilateral
us_preferred_intensity: fixed
host_position: none
final_intensity: none
alternatives:
  - {kind: geographic, detail: "elsewhere", available: false, sources: %(b)s}
  - {kind: technological, detail: "SLBMs", available: true, sources: %(b)s}
us_actions:
  - {kind: concede, year: 1999, detail: "withdrew", sources: %(b)s}
  - {kind: punish, year: 1999, detail: "cut ties", sources: %(b)s}
confidence: low
conditions:
  ally_resolve: {value: true, sources: %(b)s}
  us_fiscal_strain: 0.4
notes: "probe"
""", True, True, "concede_punish"),
    "probe-mlt-open": ("""patron: USA
host: MLT
period: {start: 2030, end: 2030}
alliance: nato
structure: multilateral
us_preferred_intensity: non_fixed
host_position: none
confidence: medium
""", False, None, None),
    "probe-isl-pressure": ("""patron: USA
host: ISL
period: {start: 1970, end: 1970}
alliance: nato
structure: bilateral
us_preferred_intensity: fixed
host_position: non_fixed
final_intensity: fixed
alternatives: []
us_actions:
  - {kind: persuade, year: 1970, detail: "talk", sources: %(b)s}
  - {kind: pressure, year: 1970, detail: "threaten", sources: %(b)s}
observed_strategy: pressure
confidence: high
conditions: {ally_resolve: false, host_democratic_transition: true}
""", False, False, "pressure"),
    "probe-org-host": ("""patron: USA
host: probe-org
period: {start: 1980, end: 1981}
alliance: nato
structure: multilateral
us_preferred_intensity: fixed
host_position: none
final_intensity: non_fixed
alternatives: [{kind: geographic, detail: "x", available: true, sources: %(b)s}]
us_actions: []
confidence: high
conditions: {}
""", True, True, "concede"),
    "probe-nor-persuade": ("""patron: USA
host: NOR
period: {start: 1960, end: 1962}
alliance: nato
structure: multilateral
us_preferred_intensity: non_fixed
host_position: none
final_intensity: non_fixed
us_actions:
  - {kind: persuade, year: 1961, detail: "talk", sources: [{seed: %(seed)s, quote: "%(q)s"}]}
confidence: high
""", False, False, "persuade"),
}


def write_case_dir(root: pathlib.Path) -> pathlib.Path:
    (root / "disputes").mkdir(parents=True)
    (root / "sources.bib").write_text("@book{probe2020book,\n  author = {Doe, Jane},\n  title = {A Probe},\n"
                                      "  year = {2020},\n  publisher = {Nowhere Press}\n}\n", encoding="utf-8")
    (root / "alliances.yaml").write_text(
        "- id: probe-pact\n  name: {en: Probe pact, zh: 探针条约}\n  patron: USA\n  members: [USA, BRA]\n"
        "  structure: bilateral\n  founded: 1990\n  sources: [{bib: probe2020book, pages: \"1-2\"}]\n", encoding="utf-8")
    (root / "actors.yaml").write_text(
        "- id: probe-org\n  name: {en: Probe organisation, zh: 探针组织}\n  kind: organisation\n  role: other\n"
        "  sources: [{bib: probe2020book}]\n", encoding="utf-8")
    for cid, (body, *_rest) in CASES.items():
        text = f'id: {cid}\ntitle: {{en: "{cid}", zh: "探针"}}\n' + body % {"b": BIB, "seed": SEED_004, "q": QUOTE}
        text += f"sources: {BIB}\n"
        (root / "disputes" / f"{cid}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory):
    return write_case_dir(tmp_path_factory.mktemp("cases"))


def derived(d):
    """§3.3, written out independently."""
    alt = any(a.get("available") for a in d.get("alternatives") or [])
    if not d.get("final_intensity"):
        return alt, None, None
    conceded = INTENSITY[d["final_intensity"]] < INTENSITY[d["us_preferred_intensity"]]
    kinds = {a["kind"] for a in d.get("us_actions") or []}
    if conceded:
        return alt, True, "concede_punish" if "punish" in kinds else "concede"
    if "pressure" in kinds:
        return alt, False, "pressure"
    return alt, False, "persuade" if "persuade" in kinds else "undetermined"


def test_new_case_dir_is_valid(case_dir):
    rc, out, err = umbrella("data", "check", "--data", case_dir)
    assert rc == 0, err
    assert "Traceback" not in out + err


def test_list_disputes_derives_fields_by_the_rules(case_dir):
    recs = {r["id"]: r for r in umbrella_json("data", "list", "disputes", "--data", case_dir)}
    for cid, (_body, alt, conceded, strategy) in CASES.items():
        r = recs[cid]
        assert (r["alt"], r["conceded"], r["observed_strategy"]) == (alt, conceded, strategy), cid
        assert (r["alt"], r["conceded"], r["observed_strategy"]) == derived(r), cid
    for cid, r in recs.items():   # the bundled cases follow the same rules
        assert (r["alt"], r["conceded"], r["observed_strategy"]) == derived(r), cid


def test_typology_codes_predicts_and_scores_new_cases(case_dir):
    res = umbrella_json("theory", "test", "--theory", "deployment-typology", "--data", case_dir)
    assert res["theory"] == "deployment-typology"
    recs = {r["id"]: r for r in umbrella_json("data", "list", "disputes", "--data", case_dir)}
    cases = {c["id"]: c for c in res["cases"]}
    for cid, (_body, alt, conceded, strategy) in CASES.items():
        c = cases[cid]
        multilateral = recs[cid]["structure"] == "multilateral"
        assert c["conditions"]["alt"] is alt and c["conditions"]["multilateral"] is multilateral, cid
        assert c["predicted"] == TABLE_004[(alt, multilateral)], cid
        assert c["observed"] == strategy, cid
        assert c["match"] == (None if strategy is None else c["predicted"] == strategy), cid


def test_rival_theory_codes_plain_and_sourced_conditions(case_dir):
    res = umbrella_json("theory", "test", "--theory", "ally-resolve", "--data", case_dir)
    cases = {c["id"]: c for c in res["cases"]}
    assert cases["probe-bra-1999"]["conditions"]["ally_resolve"] is True         # {value, sources}
    assert cases["probe-isl-pressure"]["conditions"]["ally_resolve"] is False    # plain value
    assert cases["probe-nor-persuade"]["conditions"]["ally_resolve"] is None     # not coded
    assert cases["probe-mlt-open"]["match"] is None


def test_compare_scores_every_theory_on_new_cases(case_dir):
    rc, out, err = umbrella("theory", "compare", "--data", case_dir, "--format", "json")
    assert rc == 0 and "probe-bra-1999" in out, err


GOOD = """id: {id}
title: {{en: "Probe", zh: "探针"}}
patron: USA
host: ISL
period: {{start: 1970, end: 1971}}
alliance: nato
structure: multilateral
us_preferred_intensity: fixed
host_position: none
final_intensity: non_fixed
alternatives: []
us_actions: []
confidence: high
sources: [{{bib: norris1999where}}]
"""


def _g(cid, old=None, new=None, extra=""):
    text = GOOD.format(id=cid)
    if old is not None:
        assert old in text
        text = text.replace(old, new)
    return text + extra


BAD = {
    # name: (file text or bytes, fields that must be named)
    "malformed": ("id: [unclosed\ntitle: x\n", ()),
    "tabs": (_g("tabs", 'title: {en: "Probe", zh: "探针"}', "title:\n\ten: Probe\n\tzh: 探针"), ()),
    "empty": ("", ()),
    "listtop": ("- a\n- b\n", ()),
    "unknownfield": (_g("unknownfield", extra="colour: red\n"), ("colour",)),
    "wrongtypes": (_g("wrongtypes", "start: 1970", "start: nineteen"), ("period.start",)),
    "badenum": (_g("badenum", "structure: multilateral", "structure: trilateral"), ("structure",)),
    "finalbad": (_g("finalbad", "final_intensity: non_fixed", "final_intensity: sometimes"), ("final_intensity",)),
    "floatyear": (_g("floatyear", "start: 1970", "start: 1970.5"), ("period.start",)),
    "dateyear": (_g("dateyear", "start: 1970", "start: 1970-01-01"), ("period.start",)),
    "startgtend": (_g("startgtend", "end: 1971", "end: 1960"), ("period",)),
    "danglingalliance": (_g("danglingalliance", "alliance: nato", "alliance: no-such-alliance"), ("alliance",)),
    "danglingbib": (_g("danglingbib", "norris1999where", "no-such-key-anywhere"), ("bib",)),
    "badquote": (_g("badquote", "{bib: norris1999where}", f'{{seed: {SEED_004}, quote: "not in the seed at all"}}'), ("quote",)),
    "nonutf8": (_g("nonutf8", "Probe", "PROBE_X").encode("utf-8").replace(b"PROBE_X", b"Pr\xff\xfeobe"), ()),
    "hostuser": (_g("hostuser", "host: ISL", "host: XXA"), ("host",)),
    "hostlower": (_g("hostlower", "host: ISL", "host: isl"), ("host",)),
    "obsmismatch": (_g("obsmismatch", extra="observed_strategy: pressure\n"), ("observed_strategy",)),
    "emptysources": (_g("emptysources", "sources: [{bib: norris1999where}]", "sources: []"), ("sources",)),
    "altnoavail": (_g("altnoavail", "alternatives: []",
                      "alternatives: [{kind: geographic, detail: x, sources: [{bib: norris1999where}]}]"), ("available",)),
    "actionbad": (_g("actionbad", "us_actions: []",
                     "us_actions: [{kind: bomb, year: 1970, detail: x, sources: [{bib: norris1999where}]}]"), ("kind",)),
    "condstr": (_g("condstr", extra='conditions: {ally_resolve: "yes"}\n'), ("conditions.ally_resolve",)),
    "dupkey": (_g("dupkey", extra="host: NOR\n"), ("host",)),
    "noend": (_g("noend", "period: {start: 1970, end: 1971}", "period: {start: 1970}"), ("end",)),
    "titlemissingzh": (_g("titlemissingzh", 'title: {en: "Probe", zh: "探针"}', 'title: {en: "Probe"}'), ("zh",)),
    "openwithobserved": (_g("openwithobserved", "final_intensity: non_fixed\n", "", "observed_strategy: concede\n"),
                         ("observed_strategy",)),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_dispute_file(tmp_path, name):
    content, fields = BAD[name]
    (tmp_path / "disputes").mkdir()
    path = tmp_path / "disputes" / f"{name}.yaml"
    (path.write_bytes if isinstance(content, bytes) else lambda t: path.write_text(t, encoding="utf-8"))(content)
    rc, out, err = umbrella("data", "check", "--data", tmp_path)
    assert_input_error(rc, out, err, file=f"{name}.yaml", fields=fields)


def test_every_problem_of_every_file_in_one_run(tmp_path):
    dirs = []
    for i, name in enumerate(("badenum", "danglingalliance", "malformed")):
        d = tmp_path / f"d{i}" / "disputes"
        d.mkdir(parents=True)
        (d / f"{name}.yaml").write_text(BAD[name][0], encoding="utf-8")
        dirs += ["--data", d.parent]
    rc, out, err = umbrella("data", "check", *dirs)
    lines = assert_input_error(rc, out, err)
    for name in ("badenum", "danglingalliance", "malformed"):
        assert any(f"{name}.yaml" in l for l in lines), name


def test_duplicate_ids_across_data_dirs(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d / "disputes").mkdir(parents=True)
        (tmp_path / d / "disputes" / "twin-case.yaml").write_text(_g("twin-case"), encoding="utf-8")
    rc, out, err = umbrella("data", "check", "--data", tmp_path / "a", "--data", tmp_path / "b")
    assert_input_error(rc, out, err, fields=("id",))
    (tmp_path / "c" / "disputes").mkdir(parents=True)   # the same id as a bundled case
    (tmp_path / "c" / "disputes" / "spain-1988.yaml").write_text(_g("spain-1988"), encoding="utf-8")
    rc, out, err = umbrella("data", "check", "--data", tmp_path / "c")
    assert_input_error(rc, out, err, file="spain-1988.yaml", fields=("id",))


def test_duplicate_bib_key(tmp_path):
    (tmp_path / "sources.bib").write_text("@book{norris1999where,\n title={X},\n year={2000}\n}\n", encoding="utf-8")
    rc, out, err = umbrella("data", "check", "--data", tmp_path)
    assert_input_error(rc, out, err, file="sources.bib")


def test_data_path_that_is_a_file_or_missing(tmp_path):
    f = tmp_path / "file.yaml"
    f.write_text("x: 1\n", encoding="utf-8")
    for bad in (f, tmp_path / "missing"):
        for cmd in (("data", "check"), ("theory", "test"), ("data", "list", "disputes")):
            rc, out, err = umbrella(*cmd, "--data", bad)
            assert_input_error(rc, out, err)


def test_bad_data_dir_fails_every_command_that_reads_it(tmp_path):
    (tmp_path / "disputes").mkdir()
    (tmp_path / "disputes" / "badenum.yaml").write_text(BAD["badenum"][0], encoding="utf-8")
    for cmd in (("data", "list", "disputes", "--format", "json"), ("theory", "test", "--format", "json"),
                ("theory", "compare", "--format", "json")):
        rc, out, err = umbrella(*cmd, "--data", tmp_path)
        assert_input_error(rc, out, err, file="badenum.yaml", fields=("structure",))
        assert out == ""


def test_files_outside_the_layout_only_warn(tmp_path):
    (tmp_path / "disputes").mkdir()
    (tmp_path / "disputes" / "fine-case.yaml").write_text(_g("fine-case"), encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "expected.json").write_text("{}", encoding="utf-8")
    rc, out, err = umbrella("data", "list", "disputes", "--data", tmp_path, "--format", "json")
    assert rc == 0, err
    assert "README.md" in err and "expected.json" in err          # a warning on stderr ...
    assert "README" not in out and any(r["id"] == "fine-case" for r in __import__("json").loads(out))  # ... only


def test_malformed_bib_is_an_error(tmp_path):
    """Was bug B4 (fixed): an unbalanced brace in sources.bib was accepted."""
    (tmp_path / "sources.bib").write_text("@book{broken,\n title={X\n", encoding="utf-8")
    rc, out, err = umbrella("data", "check", "--data", tmp_path)
    assert_input_error(rc, out, err, file="sources.bib")


def test_conditions_may_not_retype_derived_fields(tmp_path):
    """Was bug B5 (fixed): conditions could retype the derived alt/multilateral."""
    (tmp_path / "disputes").mkdir()
    text = _g("retyped", "alternatives: []",
              "alternatives: [{kind: geographic, detail: x, available: true, sources: [{bib: norris1999where}]}]",
              "conditions: {alt: false}\n")
    (tmp_path / "disputes" / "retyped.yaml").write_text(text, encoding="utf-8")
    rc, out, err = umbrella("data", "check", "--data", tmp_path)
    assert_input_error(rc, out, err, file="retyped.yaml", fields=("alt",))


def test_export_parquet_with_numeric_condition(tmp_path):
    """Was bug B7 (fixed): parquet export crashed on a condition mixing true/false and numbers."""
    data = tmp_path / "data"
    (data / "disputes").mkdir(parents=True)
    (data / "disputes" / "numeric-strain.yaml").write_text(
        _g("numeric-strain", extra="conditions: {us_fiscal_strain: 0.4}\n"), encoding="utf-8")
    out = tmp_path / "out"
    rc, _o, err = umbrella("data", "export", "--format", "parquet", "--out", out, "--data", data)
    assert rc == 0, err
    pd = pytest.importorskip("pandas")
    disputes = pd.read_parquet(out / "disputes.parquet")
    assert "numeric-strain" in set(disputes["id"])


def test_quotes_match_ignoring_whitespace(tmp_path):
    # seed 004 breaks this sentence across lines ("...侵犯其\n\n势力范围..."); §3.1 ignores whitespace
    (tmp_path / "disputes").mkdir()
    text = _g("ws-case", "{bib: norris1999where}",
              f'{{seed: {SEED_004}, quote: "慑止对手侵犯其 势力范围的意图。  二是 发挥核武器"}}')
    (tmp_path / "disputes" / "ws-case.yaml").write_text(text, encoding="utf-8")
    rc, out, err = umbrella("data", "check", "--data", tmp_path)
    assert rc == 0, err
