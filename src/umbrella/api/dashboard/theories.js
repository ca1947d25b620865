// ---- Theories: 004's typology first; every theory ranked with its interval; per-case predictions against
// the observed strategy, with what flips each open case; QCA on the coded cases ----
async function loadTheories() {
  if (!state.theories) {
    const ok = await busy($("theories-status"), null, async () => {
      state.theories = (await api("/api/theories")).data;
      state.ranking = (await api("/api/theories/compare")).data;
    });
    if (!ok) return;
    fillSelect($("theory-pick"), state.theories.map(th => [th.id, L(th.name)]));
    $("theory-pick").value = state.theories.some(th => th.id === "deployment-typology") ? "deployment-typology" : state.theories[0].id;
    await testTheory();
    await loadQca();
  } else renderTheories();
}
async function testTheory() {
  const id = $("theory-pick").value;
  state.test = null;
  await busy($("theories-status"), null, async () => { state.test = (await api("/api/theory/" + encodeURIComponent(id) + "/test")).data; });
  renderTheories();
}
function renderTheories() {
  if (state.theories) for (const o of $("theory-pick").options) o.textContent = L(state.theories.find(x => x.id === o.value).name);
  renderRanking();
  const res = state.test;
  if (!res) { $("theories-summary").innerHTML = ""; $("theories-cases").innerHTML = ""; return; }
  const s = res.summary || {};
  $("theories-summary").innerHTML = '<div class="summary"><div>' + esc(t("th.scored")) + ": " + s.n_scored + " / " + s.n_cases + "</div><div>" +
    esc(t("th.accuracy")) + ": " + pct(s.accuracy) + "</div>" + (s.binary ? "<div>" + esc(t("th.binary")) + ": " + pct(s.binary.accuracy) + "</div>" : "") + "</div>";
  const flips = c => (c.flips || []).map(f => t("th.flip", {1: f.condition, 2: word(f.to), 3: word(f.predicted)})).join("; ");
  renderTable($("theories-cases"), {rows: res.cases, name: fileName("umbrella-theory", res.theory), columns: [
    col("id", "col.id"), col("title", "col.title", c => c.title.en, {html: c => esc(L(c.title))}),
    col("conditions", "col.conditions", c => c.conditions, {html: c => esc(Object.entries(c.conditions).map(([k, v]) => k + "=" + word(v)).join(", "))}),
    col("predicted", "col.predicted", c => c.predicted, {html: c => esc(word(c.predicted)), cls: "nowrap"}),
    col("observed", "col.observed", c => c.observed, {html: c => esc(word(c.observed)), cls: "nowrap"}),
    col("match", "col.match", c => c.match, {html: c => c.match == null ? '<span class="muted">' + esc(t("v.open")) + "</span>" : '<span class="' + (c.match ? "yes" : "no") + '">' + esc(word(c.match)) + "</span>"}),
    col("flips", "th.flips", c => c.match == null ? c.flips : null, {html: c => c.match == null ? esc(flips(c)) : ""}),
    col("reason", "col.reason", c => c.reason, {html: c => esc(c.reason ? translateMessage(c.reason) : "")}),
  ]});
}
function renderRanking() {
  const r = state.ranking; if (!r) return;
  const selected = $("theory-pick").value, name = id => L((state.theories.find(x => x.id === id) || {}).name) || id;
  const el = $("theories-ranking");
  el.innerHTML = '<div id="rank-chart"></div><p class="muted">' + esc(t("th.ranking_note")) + '</p><div id="rank-table"></div>';
  chart($("rank-chart"), {
    name: "umbrella-theory-ranking", caption: t("th.ranking_caption"),
    draw: barChart({title: t("th.ranking_title"), domain: [0, 1], xLabel: t("th.binary"),
      rows: r.theories.map(th => ({label: th.rank + ". " + name(th.theory), value: th.accuracy, lo: th.accuracy_lower95,
        hi: th.accuracy_upper95 != null ? th.accuracy_upper95 : null, highlight: th.theory === selected, note: th.n_match + "/" + th.n_scored}))}),
    csv: () => [["rank", "theory", "n_scored", "n_match", "accuracy", "accuracy_lower95", "accuracy_upper95"], r.theories.map(th => [th.rank, th.theory, th.n_scored, th.n_match, th.accuracy, th.accuracy_lower95, th.accuracy_upper95])],
  });
  renderTable($("rank-table"), {rows: r.theories, name: "umbrella-theory-compare", onRow: th => { $("theory-pick").value = th.theory; testTheory(); }, selected: th => th.theory === selected, columns: [
    col("rank", "col.rank", th => th.rank, {cls: "num"}), col("theory", "theory", th => th.theory, {html: th => esc(name(th.theory))}),
    col("n_scored", "th.n_scored", th => th.n_scored, {cls: "num"}), col("n_match", "th.n_match", th => th.n_match, {cls: "num"}),
    col("accuracy", "th.binary", th => th.accuracy, {cls: "num", html: th => pct(th.accuracy)}),
    col("accuracy_lower95", "th.lower95", th => th.accuracy_lower95, {cls: "num", html: th => pct(th.accuracy_lower95)}),
    col("accuracy_upper95", "th.upper95", th => th.accuracy_upper95, {cls: "num", html: th => pct(th.accuracy_upper95)}),
    col("accuracy_common", "th.common", th => th.accuracy_common, {cls: "num", html: th => pct(th.accuracy_common)}),
    col("mcnemar_p", "th.mcnemar", th => th.versus_typology ? th.versus_typology.p_value : null, {cls: "num", html: th => th.versus_typology ? num(th.versus_typology.p_value) : "—"}),
  ]});
}

// ---- QCA on the coded cases ----
async function loadQca() {
  const ok = await busy($("qca-status"), null, async () => { state.qcaColumns = (await api("/api/qca/columns")).data; });
  if (!ok) return;
  renderQcaControls(["alt", "multilateral"], "conceded");
  await runQca();
}
function renderQcaControls(conditions, outcome) {
  const cols = state.qcaColumns; if (!cols) return;
  const label = c => c.name + " (" + t("qca.coded", {1: c.coded}) + ")";
  fillSelect($("qca-outcome"), cols.columns.flatMap(c => [[c.name, label(c)], ["~" + c.name, "~" + label(c)]]), !outcome);
  if (outcome) $("qca-outcome").value = outcome;
  const chosen = conditions || [...document.querySelectorAll("#qca-conditions input:checked")].map(i => i.value);
  $("qca-conditions").innerHTML = '<span class="muted">' + esc(t("qca.conditions")) + ":</span>" + cols.columns.map(c =>
    '<label class="check"><input type="checkbox" value="' + esc(c.name) + '"' + (chosen.includes(c.name) ? " checked" : "") + "> " + esc(label(c)) + "</label>").join("");
}
async function runQca() {
  clearErrors($("theories"));
  const incl = readNumber($("qca-incl"), {min: 0, max: 1});
  const nCut = readNumber($("qca-n"), {integer: true, min: 1, max: 100});
  const conditions = [...document.querySelectorAll("#qca-conditions input:checked")].map(i => i.value);
  state.qca = null; $("qca-out").innerHTML = "";
  if (!conditions.length) { $("qca-status").innerHTML = '<div class="errors">' + esc(t("qca.pick_conditions")) + "</div>"; return; }
  if (incl === null || nCut === null) { $("qca-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  const body = {outcome: $("qca-outcome").value, conditions: conditions.join(","), incl_cut: incl, n_cut: nCut, include: $("qca-remainders").checked ? "?" : ""};
  await busy($("qca-status"), $("qca-go"), async () => { state.qca = (await api("/api/qca/minimize", body)).data; },
    {incl_cut: $("qca-incl"), n_cut: $("qca-n"), outcome: $("qca-outcome")});
  renderQca();
}
function renderQca() {
  const q = state.qca; if (!q) return;
  const out = $("qca-out");
  out.innerHTML = '<h4>' + esc(t("qca.solutions")) + " (" + esc(t("qca.kind." + q.kind)) + ')</h4><div id="qca-solutions"></div><h4>' + esc(t("qca.truth_table")) + '</h4><div id="qca-tt"></div>' +
    (q.dropped.length ? '<p class="muted">' + esc(t("qca.dropped")) + ": " + q.dropped.map(d => esc(d.id) + (d.reason ? " (" + esc(translateMessage(d.reason)) + ")" : "")).join("; ") + "</p>" : "");
  renderTable($("qca-solutions"), {rows: q.solutions.flatMap(s => s.terms.map(term => ({s, term}))), name: "umbrella-qca-solutions", columns: [
    col("solution", "qca.solution", r => r.s.label), col("expression", "qca.expression", r => r.s.expression),
    col("term", "qca.term", r => r.term.term), col("inclS", "qca.inclS", r => r.term.inclS, {cls: "num", html: r => num(r.term.inclS)}),
    col("PRI", "qca.PRI", r => r.term.PRI, {cls: "num", html: r => num(r.term.PRI)}), col("covS", "qca.covS", r => r.term.covS, {cls: "num", html: r => num(r.term.covS)}),
    col("covU", "qca.covU", r => r.term.covU, {cls: "num", html: r => num(r.term.covU)}), col("cases", "qca.cases", r => r.term.cases.join(" "))]});
  if (!q.solutions.length) $("qca-solutions").insertAdjacentHTML("afterbegin", '<p class="muted">' + esc(t("qca.no_solution")) + "</p>");
  renderTable($("qca-tt"), {rows: q.truth_table, name: "umbrella-qca-truth-table", columns: [
    ...q.conditions.map(c => ({key: c, label: c, value: r => r.values ? r.values[c] : r[c], cls: "num"})),
    col("OUT", "qca.out", r => r.OUT, {cls: "num"}), col("n", "qca.n", r => r.n, {cls: "num"}),
    col("incl", "qca.incl", r => r.incl, {cls: "num", html: r => num(r.incl)}), col("PRI", "qca.PRI", r => r.PRI, {cls: "num", html: r => num(r.PRI)}),
    col("cases", "qca.cases", r => (r.cases || []).join(" "))]});
}
function theoriesLanguage() { renderTheories(); if (state.qcaColumns) renderQcaControls(null, $("qca-outcome").value); renderQca(); }
