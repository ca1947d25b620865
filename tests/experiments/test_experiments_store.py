"""The results store: partitions and manifest, resume, a block killed mid-write, SQL percentiles equal
to the in-memory ensemble's, refusing a different run, and the `results` commands."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from tests.support import umbrella as run_cli
from umbrella.dynamics.scenario import load_scenario
from umbrella.errors import InputError
from umbrella.experiments import store
from umbrella.experiments.ensemble import run_ensemble, run_to_store, summarise

N = 5000          # two blocks


def test_layout_manifest_and_resume(tmp_path):
    out = tmp_path / "store"
    first = run_to_store(load_scenario("baseline"), out, samples=N, seed=2, history=[])
    assert first == {"scenario": "baseline", "blocks": 2, "skipped": 0, "written": 2}
    for table in ("results", "draws"):
        assert sorted(p.parent.name for p in (out / table / "scenario=baseline").glob("block=*/data.parquet")) == \
            ["block=000000", "block=000001"]
    entry = json.loads((out / "manifest.json").read_text())["runs"]["baseline"]
    for key in ("scenario_hash", "inputs_hash", "model_version", "seed", "sampler", "posterior", "git_commit"):
        assert key in entry
    assert entry["samples"] == N and entry["seed"] == 2 and entry["sampler"] == "lhs"
    again = run_to_store(load_scenario("baseline"), out, samples=N, seed=2, history=[])
    assert again["skipped"] == 2 and again["written"] == 0
    with pytest.raises(InputError) as info:
        run_to_store(load_scenario("baseline"), out, samples=N, seed=3, history=[])       # another run of the same scenario
    assert "seed" in str(info.value.problems[0])


def test_percentiles_from_the_store_equal_the_in_memory_ensemble(tmp_path):
    out = tmp_path / "store"
    for sid in ("baseline", "nfu-multilateral"):
        run_to_store(load_scenario(sid), out, samples=N, seed=1, history=[])
    got = store.percentiles(out, "public_nuclear_support", "KOR", (0.05, 0.5, 0.95))
    for sid in ("baseline", "nfu-multilateral"):
        ds = run_ensemble(load_scenario(sid), samples=N, seed=1, history=[])
        values = ds["public_nuclear_support"].sel(actor="KOR").values
        want = np.quantile(values, [0.05, 0.5, 0.95], axis=0).T
        years = [int(y) for y in ds["year"].values]
        np.testing.assert_allclose([got[sid][y] for y in years], want, rtol=1e-12, atol=0)
        # the run summary from the store: the same means and bands as in memory
        from_store, in_memory = store.summary(out, sid), summarise(ds)
        assert from_store["years"] == in_memory["years"]
        for var, actors in in_memory["variables"].items():
            for actor, bands in actors.items():
                for key, series in bands.items():
                    np.testing.assert_allclose(from_store["variables"][var][actor][key], series, rtol=1e-12,
                                               atol=1e-15, err_msg=f"{var}/{actor}/{key}")
    count = store.query(out, "SELECT count(*) FROM results WHERE scenario = 'baseline'")["rows"][0][0]
    assert count == N * len(in_memory["years"]) * sum(len(a) for a in in_memory["variables"].values())
    assert store.query(out, "SELECT count(*) FROM draws")["rows"] == [[2 * N]]


KILLER = textwrap.dedent("""
    import os, sys
    import pyarrow.parquet as pq
    from umbrella.dynamics.scenario import load_scenario
    from umbrella.experiments.ensemble import run_to_store
    real, large = pq.write_table, []
    def dying(table, where, **kwargs):
        # the second results file (block 1): half a file under its temporary name, then the process dies
        if table.num_rows > 100000:
            large.append(where)
            if len(large) == 2:
                with open(where, "wb") as fh:
                    fh.write(b"PAR1 half a file")
                os._exit(9)
        return real(table, where, **kwargs)
    pq.write_table = dying
    run_to_store(load_scenario("baseline"), sys.argv[1], samples=5000, seed=8, history=[])
""")


def test_a_block_killed_mid_write_leaves_a_readable_store_and_is_redone(tmp_path):
    out = tmp_path / "store"
    r = subprocess.run([sys.executable, "-c", KILLER, str(out)], capture_output=True, text=True)
    assert r.returncode == 9, r.stderr
    leftovers = list((out / "results").rglob(".umbrella-tmp-*"))
    assert leftovers, "the dying writer should leave its temporary file"
    assert not (out / "results" / "scenario=baseline" / "block=000001" / "data.parquet").exists()
    assert store.finished(out, "baseline", 2) == [0]
    rows = store.query(out, "SELECT count(DISTINCT sample) FROM results")["rows"]
    assert rows == [[4096]]                      # readable: the finished block only
    receipt = run_to_store(load_scenario("baseline"), out, samples=5000, seed=8, history=[])
    assert receipt["skipped"] == 1 and receipt["written"] == 1
    assert not list((out / "results").rglob(".umbrella-tmp-*"))     # the dead writer's file is swept
    clean = tmp_path / "clean"
    run_to_store(load_scenario("baseline"), clean, samples=5000, seed=8, history=[])
    sql = "SELECT sample, year, variable, actor, value FROM results ORDER BY ALL"
    assert store.query(out, sql) == store.query(clean, sql)


def test_results_commands(tmp_path):
    out = tmp_path / "store"
    rc, _, err = run_cli("run", "baseline", "--samples", "300", "--seed", "5", "--out", out, "--out-format", "store",
                         "--format", "json")
    assert rc == 0, err
    rc, listing, err = run_cli("results", "list", "--store", out, "--format", "json")
    assert rc == 0, err
    runs = json.loads(listing)["runs"]
    assert [(r["scenario"], r["samples"], r["complete"]) for r in runs] == [("baseline", 300, True)]
    rc, shown, _ = run_cli("results", "show", "baseline", "--store", out, "--format", "json")
    assert rc == 0 and json.loads(shown)["samples"] == 300
    rc, queried, _ = run_cli("results", "query", "SELECT count(DISTINCT sample) AS n FROM results", "--store", out,
                             "--format", "json")
    assert rc == 0 and json.loads(queried) == {"columns": ["n"], "rows": [[300]]}
    rc, _, err = run_cli("results", "query", "SELECT nope FROM results", "--store", out)
    assert rc == 2 and err.startswith("<query>:0: SQL: ") and len(err.strip().splitlines()) == 1
    rc, _, err = run_cli("results", "list", "--store", tmp_path)
    assert rc == 2 and "not a results store" in err


def test_run_stores_only_the_variables_asked_for(tmp_path):
    out = tmp_path / "store"
    rc, printed, err = run_cli("run", "baseline", "--samples", "300", "--seed", "5", "--out", out, "--out-format", "store",
                               "--variables", "threat, public_nuclear_support", "--format", "json")
    assert rc == 0, err
    assert sorted(json.loads(printed)["variables"]) == ["public_nuclear_support", "threat"]
    assert json.loads((out / "manifest.json").read_text())["runs"]["baseline"]["variables"] == \
        ["threat", "public_nuclear_support"]
    got = store.query(out, "SELECT variable, count(DISTINCT actor), count(DISTINCT sample) FROM results "
                           "GROUP BY variable ORDER BY variable")["rows"]
    from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
    assert got == [["public_nuclear_support", len(VARIABLE_BY_NAME["public_nuclear_support"].actors), 300],
                   ["threat", len(VARIABLE_BY_NAME["threat"].actors), 300]]
    for args, message in ((("--variables", "threat"), "--variables: only with --out DIR --out-format store"),
                          (("--out", tmp_path / "s2", "--out-format", "store", "--variables", "threat,nope"),
                           "--variables: unknown variable(s) nope"),
                          (("--out", tmp_path / "s3", "--out-format", "store", "--variables", " , "), "--variables: ")):
        rc, _, err = run_cli("run", "baseline", "--samples", "300", *args)
        assert rc == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "s2").exists() and not (tmp_path / "s3").exists()


def test_the_report_opens_a_store_and_says_when_a_run_is_not_complete(tmp_path):
    out = tmp_path / "store"
    scenario = load_scenario("baseline")
    run_to_store(scenario, out, samples=N, seed=4, history=[], variables=["public_nuclear_support"])
    ds = run_ensemble(scenario, samples=N, seed=4, history=[])
    kor = ds["public_nuclear_support"].sel(actor="KOR").values[:, -1]           # last year, in memory
    rc, _, err = run_cli("results", "report", "--store", out)
    assert rc == 0, err
    page = (out / "report.html").read_text(encoding="utf-8")
    for text in ("Results store", "结果库", "Run baseline", "运行 baseline", "data:image/png;base64,",
                 f"{kor.mean():.3f} [{np.quantile(kor, 0.05):.3f}, {np.quantile(kor, 0.95):.3f}]"):
        assert text in page, text
    assert "not complete" not in page
    # a run with a block missing: the report and `show` count only the samples written, and say so
    (out / "results" / "scenario=baseline" / "block=000001" / "data.parquet").unlink()
    rc, shown, _ = run_cli("results", "show", "baseline", "--store", out, "--format", "json")
    assert rc == 0 and json.loads(shown)["samples"] == 4096 and json.loads(shown)["complete"] is False
    first = ds["public_nuclear_support"].sel(actor="KOR").values[:4096, -1]
    assert json.loads(shown)["variables"]["public_nuclear_support"]["KOR"]["q50"][-1] == \
        pytest.approx(np.quantile(first, 0.5), rel=1e-12)
    rc, _, err = run_cli("results", "report", "--store", out, "--out", tmp_path / "partial.html")
    assert rc == 0, err
    assert "the run is not complete" in (tmp_path / "partial.html").read_text(encoding="utf-8")
    rc, _, err = run_cli("results", "show", "nfu-multilateral", "--store", out)
    assert rc == 2 and "SCENARIO: unknown run of scenario 'nfu-multilateral'; known: baseline" in err, err


def test_more_samples_than_the_posterior_holds_writes_nothing(tmp_path):
    from umbrella.dynamics.parameters import PARAMETERS
    from umbrella.experiments.sampling import sample
    posterior = sample(PARAMETERS, 30, 11, "mc")
    with pytest.raises(InputError) as info:
        run_to_store(load_scenario("baseline"), tmp_path / "store", samples=31, seed=1, history=[], posterior=posterior)
    assert "holds 30 distinct draws" in str(info.value.problems[0])
    assert not (tmp_path / "store").exists()
