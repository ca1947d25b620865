// ---- Results store: the runs of the store the server was started with (`umbrella serve --store DIR`,
// read-only) and a chosen run's bands by year as a fan chart, drawn by the Scenarios tab's chart. The
// numbers are the API's (the store's summary, computed by DuckDB on the server) ----
const OPEN_STORE = "umbrella serve --store DIR";

async function loadResults() {
  if (!state.store) {
    const ok = await busy($("rs-status"), null, async () => {
      const [server, vars] = await Promise.all([api("/api/server"), state.variables ? {data: state.variables} : api("/api/variables")]);
      state.variables = vars.data;
      state.store = server.data.results_store ? (await api("/api/results")).data : {runs: null};
      state.storeRuns = {};
    });
    if (!ok) return;
    const first = (state.store.runs || []).find(r => r.blocks_finished > 0);
    renderResults();
    if (first) await showStoredRun(first.scenario);
  } else renderResults();
}
const variableLabel = name => { const v = state.variables.find(x => x.name === name); return v ? L(v.label) : name; };
function renderResults() {
  const store = state.store;
  if (!store.runs) {          // no store served: say how to open one
    $("rs-status").textContent = "";
    $("rs-runs").innerHTML = "<p>" + esc(t("rs.no_store")) + '</p><pre class="yaml" id="rs-open">' + esc(OPEN_STORE) + "</pre><p class=\"muted\">" + esc(t("rs.how")) + "</p>";
    return;
  }
  $("rs-runs").innerHTML = '<p class="muted">' + esc(t("rs.store", {1: store.store, 2: store.runs.length})) + '</p><div id="rs-table"></div>';
  renderTable($("rs-table"), {
    name: "umbrella-store-runs",
    columns: [col("scenario", "rs.scenario"), col("samples", "samples"),
      col("blocks", "rs.blocks", r => r.blocks_finished + "/" + r.blocks),
      col("complete", "rs.complete", r => r.complete, {html: r => esc(word(r.complete))}),
      col("seed", "seed"), col("sampler", "rs.sampler"),
      col("parameters_from", "rs.parameters_from", r => r.parameters_from, {html: r => esc(word(r.parameters_from))}),
      col("variables", "rs.variables", r => (r.variables || []).join(" "), {html: r => esc(r.variables ? r.variables.map(variableLabel).join(", ") : t("rs.all"))}),
      col("git_commit", "rs.commit", r => r.git_commit, {html: r => r.git_commit ? "<code>" + esc(r.git_commit.slice(0, 10)) + "</code>" : "—"})],
    rows: store.runs,
    onRow: r => { if (r.blocks_finished > 0) showStoredRun(r.scenario); },
    selected: r => r.scenario === state.storeRun,
  });
  const shown = store.runs.filter(r => r.blocks_finished > 0);
  $("rs-controls").hidden = !shown.length;
  fillSelect($("rs-run"), shown.map(r => [r.scenario, r.scenario]), true);
  if (state.storeRun) { $("rs-run").value = state.storeRun; fillStoredOutputs(); }
  renderStoredRun();
}
async function showStoredRun(scenario) {
  state.storeRun = scenario;
  if (!(scenario in state.storeRuns)) {
    $("rs-out").innerHTML = "";
    const ok = await busy($("rs-run-status"), null, async () => {
      state.storeRuns[scenario] = (await api("/api/results/" + encodeURIComponent(scenario))).data;
    });
    if (!ok) return;
  }
  renderResults();
}
// The variables and actors the chosen run stored (a run may store only some variables).
function fillStoredOutputs() {
  const run = state.storeRuns[state.storeRun]; if (!run) return;
  fillSelect($("rs-variable"), Object.keys(run.variables).map(v => [v, variableLabel(v)]), true);
  fillSelect($("rs-actor"), Object.keys(run.variables[$("rs-variable").value] || {}).map(a => [a, a === "region" ? t("v.region") : actorName(a)]), true);
}
function renderStoredRun() {
  const out = $("rs-out"), run = state.storeRuns[state.storeRun];
  if (!run) { out.innerHTML = ""; return; }
  const vname = $("rs-variable").value, actor = $("rs-actor").value;
  const b = run.variables[vname] && run.variables[vname][actor];
  if (!b) { out.innerHTML = ""; return; }
  const meta = state.variables.find(v => v.name === vname) || {label: vname, unit: ""};
  const unit = unitLabel(meta.unit), who = actor === "region" ? t("v.region") : actorName(actor);
  out.innerHTML = '<p class="muted">' + esc(t("rs.caption", {1: run.scenario, 2: run.samples, 3: run.distinct_draws, 4: run.seed, 5: word(run.parameters_from)})) +
    (run.complete ? "" : " " + esc(t("rs.incomplete"))) + '</p><div id="rs-fan"></div><div id="rs-bands"></div>';
  const name = fileName("umbrella-store", run.scenario, vname, actor);
  const rows = run.years.map((y, i) => ({year: y, mean: b.mean[i], q05: b.q05 ? b.q05[i] : null, q50: b.q50 ? b.q50[i] : null, q95: b.q95 ? b.q95[i] : null}));
  chart($("rs-fan"), {
    name, caption: t(b.q05 ? "rs.fan_caption" : "rs.fan_caption_mean"),
    draw: lineChart({title: L(meta.label) + " — " + who + " (" + unit + ")", x: run.years, yLabel: unit, unit01: UNIT01(meta.unit),
      series: [{label: run.scenario, color: PALETTE[0], mean: b.mean, lo: b.q05, hi: b.q95}]}),
    csv: () => [["scenario", "year", "mean", "q05", "q50", "q95"], rows.map(r => [run.scenario, r.year, r.mean, r.q05, r.q50, r.q95])],
  });
  const value = key => col(key, "rs." + key, r => r[key], {html: r => esc(num(r[key], 4)), cls: "num"});
  renderTable($("rs-bands"), {name: name + "-bands", columns: [col("year", "rs.year"), value("mean"), value("q05"), value("q50"), value("q95")], rows});
}
