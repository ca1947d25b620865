"""A results store: ensemble trajectories as a partitioned Parquet dataset, queried with DuckDB.

Layout of a store folder DIR (docs/decisions/engine.md):

    DIR/manifest.json                                       what was run (one entry per scenario)
    DIR/results/scenario=<id>/block=<i>/data.parquet        long: sample, year, variable, actor, value
    DIR/draws/scenario=<id>/block=<i>/data.parquet          wide: sample, one column per parameter

One partition per scenario and block (blocks of sampling.BLOCK samples). A block writes its draws,
then its results, each atomically (`umbrella.outputs`: a temporary file, then a rename), so a block
is finished exactly when its results file exists; a crash leaves no partial file under a name the
store reads (temporary files are named `.umbrella-tmp-…`, and the store reads only `data.parquet`).
A re-run with the same settings skips finished blocks (resume); a re-run with other settings is
refused. DuckDB reads the files lazily: `results` and `draws` are views over the Parquet files, so
queries over 10^7 rows (percentiles by year and scenario) stream rather than load.
"""
from __future__ import annotations

import hashlib
import json
import os
import pathlib
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np

from umbrella.errors import InputError, Problem

FORMAT = "umbrella-results/1"
MANIFEST = "manifest.json"
DATA = "data.parquet"


def _bad(path: Any, field: str, message: str) -> InputError:
    return InputError([Problem(str(path), 0, field, message)])


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def scenario_hash(scenario: Any) -> str:
    """Hash of the scenario file's bytes (of its parsed form when it has no file)."""
    path = getattr(scenario, "path", None)
    if path and pathlib.Path(path).is_file():
        return _digest(pathlib.Path(path).read_bytes())
    return _digest(repr(scenario).encode("utf-8"))


def inputs_hash(inputs: Any) -> str:
    """Hash of the lever and shock series a run simulates (scenario and evidence history together)."""
    h = hashlib.sha256()
    h.update(np.asarray(inputs.years).tobytes())
    for group in (inputs.levers, inputs.shocks):
        for name in sorted(group):
            h.update(name.encode())
            h.update(np.ascontiguousarray(group[name]).tobytes())
    h.update(str(inputs.report_from).encode())
    return h.hexdigest()[:16]


def draws_fingerprint(draws: Optional[dict]) -> Optional[str]:
    """Hash of posterior draws (None without a posterior)."""
    if not draws:
        return None
    h = hashlib.sha256()
    for name in sorted(draws):
        h.update(name.encode())
        h.update(np.ascontiguousarray(draws[name], dtype=np.float64).tobytes())
    return h.hexdigest()[:16]


def git_commit() -> Optional[str]:
    """The commit of the source tree umbrella runs from, if it is a git checkout."""
    root = pathlib.Path(__file__).resolve().parents[3]
    try:
        r = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout.strip() or None if r.returncode == 0 else None


# ---- writing ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ToStore:
    """What a block does with its trajectories: write them into the store; send back a receipt."""
    path: str
    scenario: str
    variables: Optional[tuple[str, ...]] = None

    def __call__(self, params: dict, out: dict, lo: int, work: Any) -> dict:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from umbrella.dynamics.vocabulary import VARIABLE_BY_NAME
        from umbrella.outputs import atomic_path
        block = work.index
        m = len(next(iter(params.values())))
        samples = np.arange(lo, lo + m, dtype=np.int64)
        draws = pa.table({"sample": samples, **{k: np.asarray(v) for k, v in params.items()}})
        with atomic_path(partition(self.path, "draws", self.scenario, block), "store") as tmp:
            pq.write_table(draws, tmp)
        years = np.asarray(work.years, dtype=np.int16)
        names = [v for v in (self.variables or tuple(out))]
        columns: dict[str, list] = {"sample": [], "year": [], "variable": [], "actor": [], "value": []}
        for name in names:
            actors = VARIABLE_BY_NAME[name].actors
            values = out[name]                               # (m, W, A)
            for a, actor in enumerate(actors):
                block_values = values[:, :, a].T             # (W, m): year-major, samples contiguous
                columns["sample"].append(np.tile(samples, len(years)))
                columns["year"].append(np.repeat(years, m))
                columns["value"].append(block_values.reshape(-1))
                columns["variable"].append((name, block_values.size))
                columns["actor"].append((actor, block_values.size))
        table = pa.table({
            "sample": np.concatenate(columns["sample"]), "year": np.concatenate(columns["year"]),
            "variable": _dictionary(columns["variable"]), "actor": _dictionary(columns["actor"]),
            "value": np.concatenate(columns["value"])})
        with atomic_path(partition(self.path, "results", self.scenario, block), "store") as tmp:
            pq.write_table(table, tmp, row_group_size=1 << 20)
        return {"block": block, "samples": m, "rows": table.num_rows}


def _dictionary(runs: list[tuple[str, int]]):
    """A dictionary-encoded string column from (value, repeat) runs."""
    import pyarrow as pa
    labels = list(dict.fromkeys(v for v, _ in runs))
    codes = np.concatenate([np.full(k, labels.index(v), dtype=np.int32) for v, k in runs])
    return pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(labels))


def partition(root: Any, table: str, scenario: str, block: int) -> pathlib.Path:
    return pathlib.Path(root) / table / f"scenario={scenario}" / f"block={block:06d}" / DATA


def manifest_path(root: Any) -> pathlib.Path:
    return pathlib.Path(root) / MANIFEST


def read_manifest(root: Any) -> dict:
    path = manifest_path(root)
    if not path.is_file():
        raise _bad(root, "store", "not a results store (no manifest.json)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _bad(path, "store", f"unreadable manifest ({exc})") from None
    if data.get("format") != FORMAT:
        raise _bad(path, "format", f"{data.get('format')!r} is not {FORMAT}")
    return data


def register_run(root: Any, entry: dict) -> dict:
    """Record a run in the store's manifest, or check that it is the run already recorded (resume).
    A different run of the same scenario is refused: it would mix two designs in one partition."""
    from umbrella.outputs import atomic_write, ensure_dir
    root = ensure_dir(pathlib.Path(root), "out")
    path = manifest_path(root)
    if path.exists():
        data = read_manifest(root)
    elif any(root.iterdir()):
        raise _bad(root, "out", "exists, is not empty and is not a results store")
    else:
        data = {"format": FORMAT, "runs": {}}
    old = data["runs"].get(entry["scenario"])
    if old is not None:
        keep = {k: v for k, v in old.items() if k not in ("git_commit", "written")}
        new = {k: v for k, v in entry.items() if k not in ("git_commit", "written")}
        if keep != new:
            diff = ", ".join(f"{k}: {keep.get(k)!r} → {new.get(k)!r}" for k in sorted(set(keep) | set(new))
                             if keep.get(k) != new.get(k))
            raise _bad(root, "out", f"holds another run of scenario {entry['scenario']} ({diff}); use another folder")
        return data
    data["runs"][entry["scenario"]] = entry
    atomic_write(path, json.dumps(data, indent=1, sort_keys=True) + "\n", "out")
    return data


def finished(root: Any, scenario: str, blocks: int) -> list[int]:
    """The blocks of a scenario whose results are in the store."""
    return [i for i in range(blocks) if partition(root, "results", scenario, i).is_file()]


# ---- reading ----------------------------------------------------------------------------------------

def connect(root: Any, threads: Optional[int] = None):
    """A DuckDB connection with the views `results` and `draws` over the store's Parquet files."""
    import duckdb
    root = pathlib.Path(root)
    read_manifest(root)
    con = duckdb.connect(":memory:")
    spill = pathlib.Path(tempfile.gettempdir()) / f"umbrella-duckdb-{os.getpid()}"
    con.execute(f"SET temp_directory = '{_quote(spill)}'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    for table, columns in (("results", "scenario, sample, year, variable, actor, value"), ("draws", "* EXCLUDE (block)")):
        files = sorted((root / table).glob(f"scenario=*/block=*/{DATA}"))
        if not files:
            raise _bad(root, "store", f"no finished block in {table}/")
        listing = ", ".join(f"'{_quote(f)}'" for f in files)
        con.execute(f"CREATE VIEW {table} AS SELECT {columns} FROM read_parquet([{listing}], hive_partitioning = true, "
                    "hive_types = {'scenario': VARCHAR, 'block': INTEGER})")
    return con


def _quote(path: Any) -> str:
    return str(path).replace("'", "''")


def query(root: Any, sql: str) -> dict:
    """Run SQL over the store: {"columns": [...], "rows": [[...], ...]}; a bad query is an InputError."""
    import duckdb
    con = connect(root)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise _bad("<query>", "SQL", str(exc).splitlines()[0]) from None
    finally:
        con.close()
    return {"columns": columns, "rows": [[_plain(v) for v in row] for row in rows]}


def _plain(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, (np.generic,)):
        return v.item()
    if isinstance(v, float) and not np.isfinite(v):
        return None
    return v


def percentiles(root: Any, variable: str, actor: str, quantiles: Sequence[float] = (0.05, 0.5, 0.95)) -> dict:
    """{scenario: {year: [q...]}} of one variable and actor over all samples, computed by DuckDB."""
    con = connect(root)
    try:
        rows = con.execute("SELECT scenario, year, quantile_cont(value, ?) FROM results WHERE variable = ? AND actor = ? "
                           "GROUP BY scenario, year ORDER BY scenario, year", [list(quantiles), variable, actor]).fetchall()
    finally:
        con.close()
    out: dict = {}
    for scenario, year, qs in rows:
        out.setdefault(scenario, {})[int(year)] = [float(q) for q in qs]
    return out


def summary(root: Any, scenario: str) -> dict:
    """The `umbrella run` JSON (SYSTEM.md §3.7) of a scenario in the store, computed by DuckDB
    (mean; exact quantiles by linear interpolation between order statistics, as NumPy's default).
    One thread, so that the sums are added in one order: the same bits on every call."""
    from umbrella.experiments.ensemble import MIN_BAND_DRAWS, QUANTILES
    entry = read_manifest(root)["runs"].get(scenario)
    if entry is None:
        raise _bad(root, "scenario", f"no run of {scenario!r} in this store")
    done = finished(root, scenario, entry["blocks"])
    if not done:
        raise _bad(root, "scenario", f"no finished block of {scenario!r} in this store")
    size, n = entry["block_size"], entry["samples"]
    stored = sum(min(size, n - i * size) for i in done)      # an unfinished run: the samples written so far
    con = connect(root, threads=1)
    try:
        rows = con.execute("SELECT variable, actor, year, avg(value), quantile_cont(value, ?) FROM results "
                           "WHERE scenario = ? GROUP BY variable, actor, year ORDER BY variable, actor, year",
                           [list(QUANTILES.values()), scenario]).fetchall()
        distinct = con.execute("SELECT count(*) FROM (SELECT DISTINCT * EXCLUDE (scenario, sample) FROM draws "
                               "WHERE scenario = ?)", [scenario]).fetchone()[0]
    finally:
        con.close()
    from umbrella.dynamics.vocabulary import VARIABLES
    bands: dict = {}
    for variable, actor, year, mean, qs in rows:
        band = bands.setdefault(variable, {}).setdefault(actor, {"mean": [], **{k: [] for k in QUANTILES}})
        band["mean"].append(float(mean))
        for k, q in zip(QUANTILES, qs):
            band[k].append(float(q))
    if distinct < MIN_BAND_DRAWS:             # as `ensemble.summarise`: no band from too few distinct draws
        for by_actor in bands.values():
            for band in by_actor.values():
                for k in QUANTILES:
                    del band[k]
    order = [v.name for v in VARIABLES if v.name in bands]
    variables = {v: {a: bands[v][a] for a in next(x.actors for x in VARIABLES if x.name == v) if a in bands[v]}
                 for v in order}
    out = {"scenario": scenario, "samples": stored, "distinct_draws": int(distinct), "seed": entry["seed"],
           "method": entry["sampler"], "parameters_from": entry["parameters_from"],
           "years": list(range(entry["start"], entry["end"] + 1)), "variables": variables, "store": str(root),
           "complete": len(done) == entry["blocks"]}
    if distinct < MIN_BAND_DRAWS:
        out["note"] = f"{distinct} distinct parameter draws: no 5-95 % band (at least {MIN_BAND_DRAWS} are needed)"
    return out


def describe(root: Any) -> dict:
    """`results list`: the manifest's runs with how many of their blocks are finished."""
    data = read_manifest(root)
    runs = []
    for sid, entry in sorted(data["runs"].items()):
        done = len(finished(root, sid, entry["blocks"]))
        runs.append({**entry, "blocks_finished": done, "complete": done == entry["blocks"]})
    return {"store": str(root), "format": data["format"], "runs": runs}


def write_run(root: Any, scenario: Any, inputs: Any, design: Any, origin: str, method: str,
              executor: Any = None, variables: Optional[Sequence[str]] = None, progress: Any = None) -> dict:
    """Run an ensemble into the store: register it (or check it is the run recorded), then run only
    the blocks not yet finished. Returns {"blocks", "skipped", "written"}."""
    from umbrella.dynamics.model import MODEL_VERSION
    from umbrella.experiments import blocks
    from umbrella.experiments.sampling import n_blocks
    from umbrella.progress import Counter
    n = design.samples
    total = n_blocks(n)
    entry = {"scenario": scenario.id, "scenario_hash": scenario_hash(scenario), "inputs_hash": inputs_hash(inputs),
             "model": "northeast-asia", "model_version": MODEL_VERSION, "samples": n,
             "seed": getattr(design, "seed", None), "sampler": method, "parameters_from": origin,
             "posterior": draws_fingerprint(getattr(design, "posterior", None)),
             "overrides": {k: list(v) if isinstance(v, tuple) else v for k, v in getattr(design, "overrides", {}).items()},
             "start": scenario.start, "end": scenario.end, "blocks": total, "block_size": blocks.BLOCK,
             "variables": list(variables) if variables else None, "git_commit": git_commit()}
    register_run(root, entry)
    done = set(finished(root, scenario.id, total))
    items = [w for w in blocks.works(inputs, range(scenario.start, scenario.end + 1), design,
                                     ToStore(str(pathlib.Path(root).resolve()), scenario.id,
                                             tuple(variables) if variables else None))
             if w.index not in done]
    ex = executor if executor is not None else blocks.current()
    counter = Counter(progress, n)
    counter.add(sum(min(blocks.BLOCK, n - i * blocks.BLOCK) for i in done))
    written = sum(1 for _ in ex.map(blocks.run_block, items, lambda w, r: counter.add(r["samples"])))
    return {"blocks": total, "skipped": len(done), "written": written}
