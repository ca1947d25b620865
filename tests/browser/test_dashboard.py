"""The dashboard in a real browser (Chromium through Playwright): every tab in both languages loads, its
main action gives a visible result, no console errors, a screenshot in out/screenshots/; a scenario
comparison end to end; downloaded CSVs hold the API's numbers. Small sample counts keep it short."""
from __future__ import annotations

import csv
import io
import re
import time

import httpx
import pytest

try:                      # without Playwright the `browser` fixture skips (or, where required, fails) each test
    from playwright.sync_api import expect
except ImportError:
    expect = None

LANGS = ["en", "zh"]
HAN = re.compile(r"[\u4e00-\u9fff]")
TAB_TITLES = {"evidence": ("Evidence", "证据"), "theories": ("Theories", "理论"), "games": ("Games", "博弈"),
              "scenarios": ("Scenarios", "情景"), "claims": ("Claims", "论断"),
              "results": ("Results store", "结果库")}


def _opened(dashboard, tab: str, lang: str):
    dashboard.open(tab, lang)
    page = dashboard.page
    expect(page.locator("nav button.active")).to_have_text(TAB_TITLES[tab][LANGS.index(lang)])
    expect(page.locator(f"section#{tab}")).to_be_visible()
    return page


def _visible_svg(page, selector: str):
    svg = page.locator(f"{selector} svg").first
    svg.wait_for(state="visible")
    box = svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 50
    return svg


def _download_csv(page, button) -> list[dict]:
    with page.expect_download() as info:
        button.click()
    text = open(info.value.path(), encoding="utf-8").read()
    return list(csv.DictReader(io.StringIO(text)))


def _job(base: str, path: str, body: dict) -> dict:
    """The API's result of a job, polled to the end (the page's own route, asked directly)."""
    with httpx.Client(base_url=base, timeout=120) as client:
        job = client.post(path, json=body)
        assert job.status_code == 202, job.text
        record = job.json()
        while record["state"] in ("queued", "running", "cancelling"):
            time.sleep(0.2)
            record = client.get(f"/api/jobs/{record['id']}").json()
        assert record["state"] == "done", record
        return record["result"]


@pytest.mark.parametrize("lang", LANGS)
def test_evidence(dashboard, server, lang):
    page = _opened(dashboard, "evidence", lang)
    rows = page.locator("#ev-records-out tr[data-i]")
    rows.first.wait_for()
    everything = rows.count()
    page.fill("#ev-text", "spain")                       # a filter narrows the table
    page.wait_for_function(f"document.querySelectorAll('#ev-records-out tr[data-i]').length < {everything}")
    assert 0 < rows.count() < everything
    rows.filter(has_text="spain-1988").click()          # the record view with every source
    page.locator("#ev-record .source").first.wait_for()
    with httpx.Client(base_url=server, timeout=60) as client:
        sources = client.get("/api/data/record/spain-1988/sources").json()
    assert page.locator("#ev-record .source").count() == len(sources["sources"])
    assert "cooley2010base" in page.locator("#ev-record").inner_text()          # a BibTeX entry
    if sources["seeds_present"]:                                                # the seed's verbatim quote
        assert sources["sources"][0]["quote"] in page.locator("#ev-record .quote").first.inner_text()
    dashboard.shot(f"evidence-records-{lang}")
    page.click('#evidence-views button[data-view="timeline"]')
    _visible_svg(page, "#tl-chart")
    page.click('#evidence-views button[data-view="world"]')
    page.locator("#world-out table").first.wait_for()
    page.click('#evidence-views button[data-view="table1"]')
    page.locator("#table1-out .chip[data-id]").first.wait_for()
    assert page.locator("#table1-out .chip[data-id]").count() >= 15
    dashboard.shot(f"evidence-table1-{lang}")
    if lang == "zh":
        assert HAN.search(page.locator("#evidence-views").inner_text())
    assert dashboard.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_theories(dashboard, lang):
    page = _opened(dashboard, "theories", lang)
    _visible_svg(page, "#rank-chart")
    assert page.input_value("#theory-pick") == "deployment-typology"          # 004's typology first
    assert page.locator("#rank-table tr[data-i]").count() >= 2
    assert page.locator("#theories-cases tr").count() > 10                    # predictions vs observed
    page.click("#qca-go")
    page.locator("#qca-solutions").wait_for()
    assert page.locator("#qca-out").inner_text().strip()
    dashboard.shot(f"theories-{lang}")
    assert dashboard.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_games(dashboard, server, lang):
    page = _opened(dashboard, "games", lang)
    summary = page.locator("#games-out .summary")
    summary.wait_for()                                   # solved at the defaults on load
    _visible_svg(page, "#game-tree")
    assert page.locator("#game-tree svg path[stroke='#b3261e']").count() >= 1    # the equilibrium path
    at_defaults = summary.inner_text()
    with httpx.Client(base_url=server, timeout=60) as client:   # d = 0 changes the outcome (the API says so)
        outcomes = [client.post("/api/games/deployment-bargaining/solve", json={"set": {"d": d}}).json()
                    ["equilibrium"]["outcome"] for d in (7, 0)]
    assert outcomes[0] != outcomes[1]
    page.fill("#p-d", "0")                               # a change re-solves
    page.wait_for_function("t => { const s = document.querySelector('#games-out .summary'); return s && s.innerText !== t; }",
                           arg=at_defaults)
    page.fill("#p-d", "abc")                             # bad input: translated error beside it, result cleared
    page.locator("#game-params .field-error").wait_for()
    assert page.locator("#games-out").inner_text().strip() == ""
    page.select_option("#case-pick", index=1)            # a documented case as preset
    summary.wait_for()
    page.fill("#map-n", "9")
    page.click("#map-go")
    _visible_svg(page, "#map-out")
    if lang == "zh":
        assert HAN.search(summary.inner_text())
    dashboard.shot(f"games-{lang}")
    assert dashboard.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_scenarios(dashboard, server, lang):
    """The fan chart on load; bad samples shown beside the input with the stale chart gone; the fan
    chart's CSV equals /api/run's numbers."""
    page = _opened(dashboard, "scenarios", lang)
    _visible_svg(page, "#sc-fan")
    page.fill("#sc-samples", "2.5")
    page.click("#sc-go")
    page.locator("#scenarios .field-error").wait_for()
    assert page.locator("#sc-fan").count() == 0
    page.fill("#sc-samples", "30")
    page.fill("#sc-seed", "3")
    page.click("#sc-go")
    fan = _visible_svg(page, "#sc-fan")
    assert "30" in page.locator("#sc-out p.muted").first.inner_text()
    variable, actor = page.input_value("#sc-variable"), page.input_value("#sc-actor")
    rows = _download_csv(page, page.locator('#sc-fan [data-act="csv"]'))
    with httpx.Client(base_url=server, timeout=120) as client:
        run = client.post("/api/run", json={"scenario": "baseline", "samples": 30, "seed": 3}).json()
    bands = run["variables"][variable][actor]
    assert [int(r["year"]) for r in rows] == run["years"]
    for key in ("mean", "q05", "q50", "q95"):
        assert [float(r[key]) for r in rows] == bands[key]
    with page.expect_download() as svg:
        fan.locator("xpath=ancestor::figure").locator('[data-act="svg"]').click()
    assert open(svg.value.path(), encoding="utf-8").read().lstrip().startswith("<?xml")
    dashboard.shot(f"scenarios-{lang}")
    assert dashboard.errors == []


@pytest.fixture(scope="module")
def store_server(tmp_path_factory):
    """A server of a small results store with two runs, written as `umbrella run --out-format store` does."""
    from tests.browser.conftest import serving
    from umbrella.api import create_app
    from umbrella.lab import Lab, StoreRunRequest
    store = tmp_path_factory.mktemp("results") / "store"
    lab = Lab()
    for scenario, variables in STORED.items():
        lab.run_to_store(StoreRunRequest(scenario=scenario, samples=300, seed=2, store=store, variables=variables))
    with serving(create_app(store=store, claims_cache=tmp_path_factory.mktemp("claims-cache"))) as base:
        yield base


STORED = {"baseline": ["public_nuclear_support", "threat"], "nfu-multilateral": ["proliferation_probability"]}


@pytest.mark.parametrize("lang", LANGS)
def test_results_store(browser, store_server, lang):
    """The store's runs listed as /api/results gives them; a chosen run's fan chart and table hold the
    numbers of /api/results/{scenario}, for any stored variable and actor chosen in the page."""
    from tests.browser.conftest import dashboard_on
    with httpx.Client(base_url=store_server, timeout=120) as client:
        listing = client.get("/api/results").json()
        runs = {s: client.get(f"/api/results/{s}").json() for s in STORED}
    with dashboard_on(browser, store_server) as dashboard:
        page = _opened(dashboard, "results", lang)
        rows = page.locator("#rs-table tr[data-i]")
        expect(rows).to_have_count(len(STORED))
        for row, run in zip(rows.all(), listing["runs"]):
            cells = [c.inner_text() for c in row.locator("td").all()]
            assert cells[:3] == [run["scenario"], "300", f"{run['blocks_finished']}/{run['blocks']}"] == [run["scenario"], "300", "1/1"]
            assert cells[3] == ("yes", "是")[LANGS.index(lang)] and cells[4] == "2"
            assert cells[-1] == run["git_commit"][:10]
        _visible_svg(page, "#rs-fan")
        assert page.input_value("#rs-run") == "baseline"
        for scenario, variable, actor in (("baseline", "public_nuclear_support", "JPN"), ("nfu-multilateral", "proliferation_probability", "KOR")):
            page.select_option("#rs-run", scenario)
            expect(page.locator("#rs-out p.muted")).to_contain_text(scenario)
            assert sorted(o.get_attribute("value") for o in page.locator("#rs-variable option").all()) == sorted(STORED[scenario])
            page.select_option("#rs-variable", variable)
            page.select_option("#rs-actor", actor)
            _visible_svg(page, "#rs-fan")
            run = runs[scenario]
            bands = run["variables"][variable][actor]
            csv_rows = _download_csv(page, page.locator('#rs-fan [data-act="csv"]'))
            assert [int(r["year"]) for r in csv_rows] == run["years"]
            for key in ("mean", "q05", "q50", "q95"):
                assert [float(r[key]) for r in csv_rows] == bands[key]
            shown = [[c.inner_text() for c in r.locator("td").all()] for r in page.locator("#rs-bands tr[data-i]").all()]
            assert [int(r[0]) for r in shown] == run["years"]
            assert [float(r[1]) for r in shown] == pytest.approx(bands["mean"], rel=1e-3)
        caption = page.locator("#rs-out p.muted").inner_text()
        assert str(runs["nfu-multilateral"]["distinct_draws"]) in caption
        if lang == "zh":
            assert HAN.search(caption) and HAN.search(page.locator("#rs-table th").first.inner_text())
        dashboard.shot(f"results-{lang}")


def test_results_tab_without_a_store(dashboard, server):
    """Without --store the tab says how to open one, and asks nothing that fails."""
    with httpx.Client(base_url=server, timeout=60) as client:
        assert client.get("/api/server").json() == {"results_store": False}
    for lang in LANGS:
        page = _opened(dashboard, "results", lang)
        expect(page.locator("#rs-open")).to_have_text("umbrella serve --store DIR")
        assert page.locator("#rs-table").count() == 0 and page.locator("#rs-controls").is_hidden()
    assert HAN.search(page.locator("#rs-runs").inner_text())


def test_sensitivity_and_discovery(dashboard):
    """RBD-FAST over the posterior and a PRIM box for the chosen output, both as jobs."""
    page = _opened(dashboard, "scenarios", "en")
    _visible_svg(page, "#sc-fan")
    page.click("#analysis-box summary")
    page.fill("#an-samples", "64")
    page.click("#an-go")
    _visible_svg(page, "#an-chart")
    assert "posterior" in page.locator("#an-out p.muted").first.inner_text()
    assert page.locator("#an-table tr[data-i]").count() > 5
    page.fill("#dc-samples", "200")
    page.fill("#dc-threshold", "0.72")
    page.click("#dc-go")
    page.locator("#dc-out .summary").wait_for()
    dashboard.shot("scenarios-analysis-en")
    assert dashboard.errors == []


def test_variant_built_in_the_page(dashboard, server):
    """A variant of the baseline: checked by the scenario rules (a bad value named beside its input),
    downloadable as YAML (the API's own), then compared with its base."""
    import yaml
    page = _opened(dashboard, "scenarios", "zh")
    _visible_svg(page, "#sc-fan")
    page.click("#variant-box summary")
    page.click("#vb-start")
    ok = page.locator("#vb-status .ok-line")
    ok.wait_for()
    page.click("#vb-add-lever")
    row = page.locator("#vb-levers .vrow").last
    numeric = page.evaluate("state.vocab.levers.find(l => !l.options).name")
    row.locator('select[data-f="lever"]').select_option(numeric)
    row.locator('input[data-f="value"]').fill("abc")
    page.click("#vb-check")
    expect(row.locator(".field-error")).to_have_text("必须是数字")       # in the page's language
    assert page.locator("#vb-yaml").is_disabled()
    row.locator('[data-act="remove"]').click()
    ok.wait_for()
    with page.expect_download() as info:
        page.click("#vb-yaml")
    document = yaml.safe_load(open(info.value.path(), encoding="utf-8").read())
    assert document["id"] == "baseline-variant"
    with httpx.Client(base_url=server, timeout=60) as client:
        check = client.post("/api/scenarios/check", json={"scenario": document})
    assert check.status_code == 200 and yaml.safe_load(check.json()["yaml"]) == document
    page.click("#vb-use")
    assert page.input_value("#sc-b") == "__variant__"
    page.fill("#sc-samples", "20")
    page.click("#sc-go")
    _visible_svg(page, "#sc-diff")
    dashboard.shot("scenarios-variant-zh")
    assert dashboard.errors == []


def test_busy_server_and_job_progress(dashboard):
    """A full queue (429 with Retry-After) is waited out and retried; a queued job says it waits."""
    page = _opened(dashboard, "scenarios", "en")
    _visible_svg(page, "#sc-fan")
    refused, queued = [], []

    def full_once(route):
        if not refused:
            refused.append(route.request.url)
            return route.fulfill(status=429, headers={"Retry-After": "1"}, content_type="application/json",
                                 body='{"errors": ["<server>:0: -: the queue of computations is full"]}')
        return route.continue_()

    def queued_once(route):
        if route.request.method == "GET" and not queued:
            response = route.fetch()
            record = response.json()
            queued.append(record["state"])
            return route.fulfill(response=response, json={**record, "state": "queued", "result": None})
        return route.continue_()

    page.route("**/api/jobs/run", full_once)
    page.route(re.compile(r"/api/jobs/run-\d+$"), queued_once)
    page.evaluate("""() => { window.seen = []; new MutationObserver(() => window.seen.push($("sc-status").innerText))
                                .observe($("sc-status"), {childList: true, subtree: true, characterData: true}); }""")
    page.fill("#sc-samples", "20")
    page.click("#sc-go")
    _visible_svg(page, "#sc-fan")
    expect(page.locator("#sc-status")).to_contain_text("done")
    assert refused and queued
    seen = page.evaluate("window.seen")
    assert any("trying again in 1 s" in s for s in seen) and any("waiting for the server" in s for s in seen), seen
    # Chromium logs the refused request itself; nothing else may be in the console
    assert [e for e in dashboard.errors if "status of 429" not in e] == []
    dashboard.errors.clear()


def test_scenario_comparison(dashboard, server):
    """Two scenarios on the same draws: overlay, difference band, P(B > A); the downloaded difference is
    the API's comparison; the chart fits an 800 px window."""
    page = _opened(dashboard, "scenarios", "en")
    _visible_svg(page, "#sc-fan")
    page.set_viewport_size({"width": 800, "height": 900})
    page.fill("#sc-samples", "24")
    page.fill("#sc-seed", "5")
    page.select_option("#sc-b", "tactical-redeployment")
    page.click("#sc-go")
    _visible_svg(page, "#sc-diff")
    _visible_svg(page, "#sc-p")
    assert "P(B > A)" in page.locator("#sc-summary").inner_text()
    assert page.locator("#sc-fan svg polyline").count() == 2           # A and B overlaid
    width = page.locator("#sc-diff svg").bounding_box()["width"]
    assert width <= 800
    body = {"a": "baseline", "b": "tactical-redeployment", "variable": page.input_value("#sc-variable"),
            "actor": page.input_value("#sc-actor"), "samples": 24, "seed": 5}
    rows = _download_csv(page, page.locator('#sc-diff [data-act="csv"]'))
    api = _job(server, "/api/jobs/compare", body)
    diff, p = api["diff"][body["variable"]][body["actor"]], api["p_b_greater"][body["variable"]][body["actor"]]
    assert [int(r["year"]) for r in rows] == api["years"]
    assert [float(r["mean"]) for r in rows] == diff["mean"] and [float(r["q95"]) for r in rows] == diff["q95"]
    assert [float(r["p_b_greater"]) for r in rows] == p
    dashboard.shot("scenarios-compare-800px-en")
    page.set_viewport_size({"width": 1400, "height": 900})                 # charts follow the window
    page.wait_for_function("w => document.querySelector('#sc-diff svg').getBoundingClientRect().width > w + 300",
                           arg=width)
    assert dashboard.errors == []


def test_claims(dashboard):
    """A fresh ledger is a job with progress; then the table filters; in 中文 the claims show their
    Chinese quotes; reopened, the tab shows the last finished ledger at once."""
    page = _opened(dashboard, "claims", "en")
    page.locator("#cl-summary p.muted").wait_for()       # no ledger has finished on this server yet
    page.fill("#cl-samples", "4")
    page.click("#cl-go")
    rows = page.locator("#cl-out tr[data-i]")
    rows.first.wait_for(timeout=600_000)
    _visible_svg(page, "#cl-by-status")
    page.select_option("#cl-f-status", "holds")
    badges = page.locator("#cl-out td .badge")
    assert badges.count() > 0 and set(badges.all_inner_texts()) == {"holds"}
    rows.first.click()
    page.locator("#cl-detail .card").wait_for()
    dashboard.shot("claims-en")
    page.select_option("#lang", "zh")
    assert HAN.search(page.locator("#cl-out .quote").first.inner_text())
    expect(page.locator("nav button.active")).to_have_text("论断")
    dashboard.shot("claims-zh-filtered")
    _opened(dashboard, "claims", "zh")                   # reopened: the cached ledger, no run
    page.locator("#cl-out tr[data-i]").first.wait_for(timeout=20_000)
    assert page.input_value("#cl-samples") == "4"
    dashboard.shot("claims-zh")
    assert dashboard.errors == []


def test_claims_basis_when_the_ledger_gives_it(dashboard):
    """Once the ledger carries `basis` (issue 10), the tab shows it: a column, a summary per seed and
    basis, a filter. The ledger is the page's own answer with a basis added to each row."""
    page = dashboard.page
    bases = ["corroborated", "recorded", "derived"]

    def with_basis(route):
        ledger = dashboard.page.request.get(route.request.url.replace("/latest", "/ledger")).json()
        ids = [e["id"] for e in ledger][:6]
        rows = [{"id": i, "status": "holds", "share_holds": 1.0, "fails_when": None, "reason": "by hand",
                 "seed": next(e["seed"] for e in ledger if e["id"] == i), "type": None, "check": "evidence",
                 "claim_en": f"claim {i}", "n_points": 1, "basis": bases[k % 3]} for k, i in enumerate(ids)]
        route.fulfill(json={"claims": rows, "summary": {}, "samples": 8, "seed": 1})

    page.route("**/api/claims/latest", with_basis)
    _opened(dashboard, "claims", "en")
    page.locator("#cl-out tr[data-i]").first.wait_for()
    _visible_svg(page, "#cl-by-basis")
    assert "Basis" in page.locator("#cl-out th").all_inner_texts()
    page.select_option("#cl-f-basis", "derived")
    assert page.locator("#cl-out tr[data-i]").count() == 2
    assert dashboard.errors == []
