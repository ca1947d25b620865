// ---- Scenarios: a workbench. Any variable and actor as a fan chart with the observed series overlaid;
// two scenarios compared on the same draws (overlay, paired difference band, P(B > A)); a variant built in
// the page, checked by the rules of scenario files and downloadable as YAML; sensitivity and discovery ----
const VARIANT = "__variant__";
const UNIT01 = u => /\[0,1\]|^probability/.test(u);

async function loadScenarios() {
  if (!state.scenarios) {
    const ok = await busy($("sc-status"), null, async () => {
      const [sc, vars, vocab] = await Promise.all([api("/api/scenarios"), api("/api/variables"), api("/api/params?vocabulary=true")]);
      state.scenarios = sc.data; state.variables = vars.data; state.vocab = vocab.data;
    });
    if (!ok) return;
    renderScenarioSelects();
    $("sc-a").value = state.scenarios.some(s => s.id === "baseline") ? "baseline" : state.scenarios[0].id;
    $("sc-variable").value = state.variables.some(v => v.name === "public_nuclear_support") ? "public_nuclear_support" : state.variables[0].name;
    fillActors();
    await runScenario();
  } else renderScenarios();
}
function renderScenarioSelects() {
  fillSelect($("sc-a"), state.scenarios.map(s => [s.id, L(s.title)]), true);
  fillSelect($("sc-b"), [["", t("sc.none")], ...state.scenarios.map(s => [s.id, L(s.title)]), ...(state.variant && state.variant.ok ? [[VARIANT, t("sc.variant", {1: state.variant.doc.id})]] : [])], true);
  fillSelect($("sc-variable"), state.variables.map(v => [v.name, L(v.label)]), true);
  for (const o of $("an-method").options) o.textContent = t("an." + o.value);
  for (const o of $("dc-side").options) o.textContent = t("dc." + o.value);
  fillActors();
}
function fillActors() {
  const v = state.variables.find(x => x.name === $("sc-variable").value);
  fillSelect($("sc-actor"), v.actors.map(a => [a, a === "region" ? t("v.region") : actorName(a)]), true);
}
const scTitle = id => { const s = (state.scenarios || []).find(x => x.id === id); return s ? L(s.title) : (state.variant && state.variant.doc.id === id ? L(state.variant.doc.title) : id); };

async function runScenario() {
  clearErrors($("scenarios"));
  const samples = readNumber($("sc-samples"), {integer: true, min: 1, max: 20000});
  const seed = readNumber($("sc-seed"), {integer: true, min: 0});
  state.run = null; $("sc-out").innerHTML = "";
  if (samples === null || seed === null) { $("sc-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  const a = $("sc-a").value, bChoice = $("sc-b").value;
  const fields = f => ({samples: $("sc-samples"), seed: $("sc-seed"), scenario: $("sc-a"), a: $("sc-a"), variable: $("sc-variable"), actor: $("sc-actor")})[f] || (f.startsWith("b") ? (bChoice === VARIANT ? variantField(f.replace(/^b\.?/, "scenario.")) : $("sc-b")) : null);
  if (!bChoice) {
    const run = await job("/api/jobs/run", {scenario: a, samples, seed}, $("sc-status"), $("sc-go"), fields);
    if (run) state.run = {type: "run", run};
  } else {
    const b = bChoice === VARIANT ? state.variant.doc : bChoice;
    const cmp = await job("/api/jobs/compare", {a, b, variable: $("sc-variable").value, actor: $("sc-actor").value, samples, seed}, $("sc-status"), $("sc-go"), fields);
    if (cmp) state.run = {type: "compare", cmp};
  }
  await loadObserved();
  renderRun();
}
async function loadObserved() {
  const key = $("sc-variable").value + "|" + $("sc-actor").value;
  state.observed = state.observed || {};
  if (!(key in state.observed)) {
    const q = new URLSearchParams({variable: $("sc-variable").value, actor: $("sc-actor").value});
    state.observed[key] = (await api("/api/observed?" + q).catch(() => ({data: null}))).data;
  }
}
function renderRun() {
  const r = state.run; if (!r) return;
  const vname = $("sc-variable").value, actor = $("sc-actor").value;
  const meta = state.variables.find(v => v.name === vname);
  const runs = r.type === "run" ? {a: r.run} : r.cmp.runs;
  const obs = (state.observed || {})[vname + "|" + actor];
  const out = $("sc-out");
  const unit = unitLabel(meta.unit), who = actor === "region" ? t("v.region") : actorName(actor);
  out.innerHTML = '<p class="muted">' + esc(t("sc.caption", {1: runs.a.samples, 2: runs.a.seed, 3: runs.a.method, 4: t("v." + runs.a.parameters_from)})) + '</p><div id="sc-fan"></div><div id="sc-diff"></div><div id="sc-p"></div><div id="sc-obs"></div>';
  const bands = run => run.variables[vname] && run.variables[vname][actor];
  const series = [], keys = Object.keys(runs);
  keys.forEach((k, i) => { const b = bands(runs[k]); if (b) series.push({label: scTitle(runs[k].scenario), color: PALETTE[i], mean: b.mean, lo: b.q05, hi: b.q95, years: runs[k].years, dash: i > 0}); });
  const years = [...new Set(keys.flatMap(k => runs[k].years))].sort((x, y) => x - y);
  const onYears = s => ({...s, mean: years.map(y => { const i = s.years.indexOf(y); return i < 0 ? null : s.mean[i]; }),
    lo: years.map(y => { const i = s.years.indexOf(y); return i < 0 ? null : s.lo[i]; }), hi: years.map(y => { const i = s.years.indexOf(y); return i < 0 ? null : s.hi[i]; })});
  const drawn = (obs ? obs.series : []).filter(s => s.factor != null && s.points.length);
  const points = drawn.map((s, i) => ({label: s.producer + " · " + L(s.title), color: PALETTE[(i + 3) % PALETTE.length],
    data: s.points.map(p => ({x: p.year + (p.month ? (p.month - 0.5) / 12 : 0.5) - 0.5, y: p.value == null ? null : p.value * s.factor, lo: p.low == null ? null : p.low * s.factor, hi: p.high == null ? null : p.high * s.factor}))}));
  chart($("sc-fan"), {
    name: fileName("umbrella-run", keys.map(k => runs[k].scenario).join("-vs-"), vname, actor),
    caption: t("sc.fan_caption"),
    draw: lineChart({title: L(meta.label) + " — " + who + " (" + unit + ")", x: years, yLabel: unit, unit01: UNIT01(meta.unit), series: series.map(onYears), points}),
    csv: () => [["scenario", "year", "mean", "q05", "q50", "q95"], keys.flatMap(k => { const b = bands(runs[k]); return runs[k].years.map((y, i) => [runs[k].scenario, y, b.mean[i], b.q05[i], b.q50[i], b.q95[i]]); })],
  });
  if (obs && obs.series.length) $("sc-obs").innerHTML = '<p class="muted">' + esc(t("sc.observed")) + ": " + obs.series.map(s => esc(s.id) + (s.factor == null ? " (" + esc(t("sc.not_on_scale", {1: unitLabel(s.unit)})) + ")" : "")).join("; ") + "</p>";
  if (r.type !== "compare") return;
  const c = r.cmp, d = c.diff[vname] && c.diff[vname][actor], p = c.p_b_greater[vname] && c.p_b_greater[vname][actor];
  if (!d) return;
  const last = c.years.length - 1;
  $("sc-diff").insertAdjacentHTML("beforebegin", '<div class="summary" id="sc-summary"><div>' + esc(t("sc.diff_at", {1: c.years[last]})) + ": " + num(d.mean[last], 4) + " [" + num(d.q05[last], 3) + ", " + num(d.q95[last], 3) + "]</div><div>P(B > A): " + num(p[last], 3) + "</div></div>");
  const diffName = fileName("umbrella-compare", c.a, c.b, vname, actor);
  const diffCsv = () => [["year", "mean", "q05", "q50", "q95", "p_b_greater"], c.years.map((y, i) => [y, d.mean[i], d.q05[i], d.q50[i], d.q95[i], p[i]])];
  chart($("sc-diff"), {name: diffName + "-difference", caption: t("sc.diff_caption"), csv: diffCsv,
    draw: lineChart({title: t("sc.diff_title", {1: scTitle(c.b), 2: scTitle(c.a)}) + " — " + L(meta.label) + ", " + who, x: c.years, yLabel: unit,
      series: [{label: t("sc.diff_mean"), color: PALETTE[4], mean: d.mean, lo: d.q05, hi: d.q95}]})});
  chart($("sc-p"), {name: diffName + "-p", csv: diffCsv,
    draw: lineChart({title: "P(B > A) — " + L(meta.label) + ", " + who, x: c.years, unit01: true, series: [{label: "P(B > A)", color: PALETTE[2], mean: p}]})});
}

// ---- the variant builder ----
function vocabLever(name) { return state.vocab.levers.find(l => l.name === name); }
function leverRow(item, i) {
  const lv = vocabLever(item.lever) || state.vocab.levers[0];
  const value = lv.options ? '<select data-f="value">' + lv.options.map(o => '<option value="' + esc(o) + '"' + (o === item.value ? " selected" : "") + ">" + esc(word(o)) + "</option>").join("") + "</select>"
    : '<input data-f="value" type="text" inputmode="decimal" size="6" value="' + esc(item.value == null ? "" : item.value) + '" placeholder="[' + lv.range.join(", ") + ']">';
  return '<div class="vrow" data-kind="levers" data-i="' + i + '">' +
    '<label>' + esc(t("vb.lever")) + '<select data-f="lever">' + state.vocab.levers.map(l => '<option value="' + l.name + '"' + (l.name === lv.name ? " selected" : "") + ">" + esc(L(l.label)) + "</option>").join("") + "</select></label>" +
    '<label>' + esc(t("vb.ally")) + '<select data-f="ally"' + (lv.per_ally ? "" : " disabled") + '><option value="">' + esc(t("vb.all_allies")) + "</option>" + ["KOR", "JPN", "AUS"].map(a => '<option value="' + a + '"' + (a === item.ally ? " selected" : "") + ">" + esc(actorName(a)) + "</option>").join("") + "</select></label>" +
    '<label>' + esc(t("vb.value")) + value + "</label>" + yearInputs(item) + '<button data-act="remove" title="' + esc(t("vb.remove")) + '">✕</button></div>';
}
function shockRow(item, i) {
  return '<div class="vrow" data-kind="shocks" data-i="' + i + '">' +
    '<label>' + esc(t("vb.shock")) + '<select data-f="shock">' + state.vocab.shocks.map(s => '<option value="' + s.name + '"' + (s.name === item.shock ? " selected" : "") + ">" + esc(L(s.label)) + "</option>").join("") + "</select></label>" +
    '<label>' + esc(t("vb.ally")) + '<select data-f="ally"><option value="">' + esc(t("vb.all_allies")) + "</option>" + ["KOR", "JPN", "AUS"].map(a => '<option value="' + a + '"' + (a === item.ally ? " selected" : "") + ">" + esc(actorName(a)) + "</option>").join("") + "</select></label>" +
    '<label>' + esc(t("vb.intensity")) + '<input data-f="value" type="text" inputmode="decimal" size="5" value="' + esc(item.value == null ? "" : item.value) + '" placeholder="[0, 1]"></label>' + yearInputs(item) + '<button data-act="remove" title="' + esc(t("vb.remove")) + '">✕</button></div>';
}
const yearInputs = item => '<label>' + esc(t("vb.from")) + '<input data-f="from" type="text" inputmode="numeric" size="5" value="' + esc(item.from == null ? "" : item.from) + '"></label>' +
  '<label>' + esc(t("vb.to")) + '<input data-f="to" type="text" inputmode="numeric" size="5" value="' + esc(item.to == null ? "" : item.to) + '"></label>';

async function startVariant() {
  const a = $("sc-a").value;
  const ok = await busy($("vb-status"), $("vb-start"), async () => { state.variantBase = (await api("/api/scenarios/" + encodeURIComponent(a))).data; });
  if (!ok) return;
  const base = state.variantBase;
  $("vb-id").value = base.id + "-variant"; $("vb-title-en").value = base.title.en + " (variant)"; $("vb-title-zh").value = base.title.zh + "(变体)";
  $("vb-startyear").value = base.start; $("vb-endyear").value = base.end;
  state.variantItems = {levers: (base.levers || []).map(x => ({...x})), shocks: (base.shocks || []).map(x => ({...x}))};
  renderVariant();
  checkVariant();
}
function renderVariant() {
  if (!state.variantItems) return;
  $("vb-levers").innerHTML = state.variantItems.levers.map(leverRow).join("") || '<p class="muted">' + esc(t("none")) + "</p>";
  $("vb-shocks").innerHTML = state.variantItems.shocks.map(shockRow).join("") || '<p class="muted">' + esc(t("none")) + "</p>";
  document.querySelectorAll("#variant-box .vrow").forEach(row => {
    const kind = row.dataset.kind, i = +row.dataset.i;
    row.querySelector('[data-act="remove"]').onclick = () => { syncVariant(); state.variantItems[kind].splice(i, 1); renderVariant(); variantChanged(); };
    row.querySelectorAll("[data-f]").forEach(el => el.addEventListener("change", () => {
      syncVariant();
      if (el.dataset.f === "lever") { const item = state.variantItems.levers[i]; const lv = vocabLever(item.lever); item.value = lv.default; if (!lv.per_ally) delete item.ally; renderVariant(); }
      variantChanged();
    }));
  });
}
// The rows as entered (text kept as typed: numbers are checked when the variant is checked).
function syncVariant() {
  document.querySelectorAll("#variant-box .vrow").forEach(row => {
    const item = state.variantItems[row.dataset.kind][+row.dataset.i];
    row.querySelectorAll("[data-f]").forEach(el => { item[el.dataset.f] = el.value === "" ? undefined : el.value; });
    if (row.dataset.kind === "levers") delete item.shock;
  });
}
function variantField(field) {
  const m = /^scenario\.(levers|shocks)\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (m) {
    const row = document.querySelector('#variant-box .vrow[data-kind="' + m[1] + '"][data-i="' + m[2] + '"]');
    if (!row) return null;
    return row.querySelector('[data-f="' + (m[3] || (m[1] === "levers" ? "lever" : "shock")) + '"]') || row.querySelector("[data-f]");
  }
  return ({"scenario.id": $("vb-id"), "scenario.title": $("vb-title-en"), "scenario.start": $("vb-startyear"), "scenario.end": $("vb-endyear")})[field] || null;
}
// The variant as a scenario document, numbers read in the page (null and errors beside the inputs if not).
function variantDocument() {
  clearErrors($("variant-box"));
  syncVariant();
  let ok = true;
  const start = readNumber($("vb-startyear"), {integer: true}), end = readNumber($("vb-endyear"), {integer: true});
  if (start === null || end === null) ok = false;
  const items = {levers: [], shocks: []};
  document.querySelectorAll("#variant-box .vrow").forEach(row => {
    const kind = row.dataset.kind, src = state.variantItems[kind][+row.dataset.i], item = {};
    item[kind === "levers" ? "lever" : "shock"] = src[kind === "levers" ? "lever" : "shock"];
    if (src.ally) item.ally = src.ally;
    const valueEl = row.querySelector('[data-f="value"]');
    if (valueEl.tagName === "SELECT") item.value = valueEl.value;
    else { const v = readNumber(valueEl, {optional: kind === "shocks"}); if (v === null) ok = false; else if (v !== undefined) item.value = v; }
    for (const f of ["from", "to"]) { const v = readNumber(row.querySelector('[data-f="' + f + '"]'), {integer: true, optional: true}); if (v === null) ok = false; else if (v !== undefined) item[f] = v; }
    items[kind].push(item);
  });
  if (!ok) return null;
  const base = state.variantBase || {};
  const doc = {id: $("vb-id").value.trim(), title: {en: $("vb-title-en").value.trim(), zh: $("vb-title-zh").value.trim()}, start, end, levers: items.levers, shocks: items.shocks};
  for (const k of ["description", "parameters", "ensemble", "sources"]) if (base[k] != null) doc[k] = base[k];
  return doc;
}
function variantChanged() {
  if (state.variant) state.variant.ok = false;
  $("vb-yaml").disabled = true; $("vb-use").disabled = true;
  debouncedCheck();
}
async function checkVariant() {
  if (!state.variantItems) return;
  const doc = variantDocument();
  state.variant = null;
  if (!doc) { $("vb-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; renderScenarioSelects(); return; }
  await busy($("vb-status"), $("vb-check"), async () => {
    const check = (await api("/api/scenarios/check", {scenario: doc})).data;
    state.variant = {doc, check, ok: true};
  }, variantField);
  const v = state.variant;
  $("vb-yaml").disabled = !v; $("vb-use").disabled = !v;
  if (v) $("vb-status").innerHTML = '<span class="ok-line">✓ ' + esc(t("vb.valid", {1: v.check.id, 2: v.check.start, 3: v.check.end, 4: v.check.levers, 5: v.check.shocks})) + "</span>";
  renderScenarioSelects();
}
const debouncedCheck = debounce(checkVariant, 600);

// ---- sensitivity and discovery of the chosen output ----
async function runSensitivity() {
  clearErrors($("analysis-box"));
  const method = $("an-method").value;
  const samples = readNumber($("an-samples"), {integer: true, min: 2, max: method === "morris" ? 1000 : 4096});
  const year = readNumber($("an-year"), {integer: true, optional: true});
  state.sensitivity = null; $("an-out").innerHTML = "";
  if (samples !== null && method === "sobol" && (samples & (samples - 1)) !== 0) { markError($("an-samples"), t("err.power_of_two", {1: samples})); }
  if (samples === null || year === null || $("an-samples").classList.contains("invalid")) { $("an-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  const body = {scenario: $("sc-a").value, variable: $("sc-variable").value, actor: $("sc-actor").value, method, samples, seed: 1, prior: method !== "rbd_fast"};
  if (year !== undefined) body.year = year;
  state.sensitivity = await job("/api/jobs/sensitivity", body, $("an-status"), $("an-go"), {samples: $("an-samples"), year: $("an-year"), method: $("an-method")});
  renderSensitivity();
}
function renderSensitivity() {
  const s = state.sensitivity; if (!s) return;
  const sobol = s.method === "sobol", key = {sobol: "ST", morris: "mu_star", rbd_fast: "S1"}[s.method], conf = key + "_conf";
  const rows = Object.entries(s.indices).map(([name, ix]) => ({name, ...ix})).sort((a, b) => (b[key] || 0) - (a[key] || 0));
  $("an-out").innerHTML = '<p class="muted">' + esc(t("an.caption", {1: s.runs, 2: s.samples, 3: s.year, 4: num(s.output_mean), 5: num(s.output_std), 6: t("v." + s.parameters_from)})) + '</p><div id="an-chart"></div><div id="an-table"></div>';
  chart($("an-chart"), {name: fileName("umbrella-sensitivity", s.scenario, s.variable, s.actor, s.method), caption: t("an." + s.method + "_caption"),
    draw: barChart({title: t("an.top", {1: Math.min(15, rows.length), 2: key}), unit01: sobol, domain: sobol ? [0, Math.max(1e-9, Math.min(1, Math.max(...rows.slice(0, 15).map(r => (r[key] || 0) + (r[conf] || 0))) * 1.05))] : null,
      rows: rows.slice(0, 15).map(r => ({label: r.name, value: r[key], lo: r[conf] != null ? r[key] - r[conf] : null, hi: r[conf] != null ? r[key] + r[conf] : null}))}),
    csv: () => { const cols = Object.keys(rows[0] || {}).filter(k => k !== "name"); return [["parameter", ...cols], rows.map(r => [r.name, ...cols.map(c => r[c])])]; }});
  const cols = Object.keys(rows[0] || {}).filter(k => k !== "name");
  renderTable($("an-table"), {rows, name: fileName("umbrella-sensitivity-table", s.scenario, s.variable), limit: 30, columns: [
    {key: "parameter", label: t("col.parameter"), value: r => r.name}, ...cols.map(c => ({key: c, label: c, value: r => r[c], cls: "num", html: r => num(r[c])}))]});
}
async function runDiscovery() {
  clearErrors($("analysis-box"));
  const threshold = readNumber($("dc-threshold"));
  const samples = readNumber($("dc-samples"), {integer: true, min: 20, max: 20000});
  const year = readNumber($("an-year"), {integer: true, optional: true});
  state.discovery = null; $("dc-out").innerHTML = "";
  if (threshold === null || samples === null || year === null) { $("dc-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  const body = {scenario: $("sc-a").value, variable: $("sc-variable").value, actor: $("sc-actor").value, samples};
  body[$("dc-side").value] = threshold;
  if (year !== undefined) body.year = year;
  state.discovery = await job("/api/jobs/discover", body, $("dc-status"), $("dc-go"), {samples: $("dc-samples"), above: $("dc-threshold"), below: $("dc-threshold"), "above/below": $("dc-threshold"), year: $("an-year")});
  renderDiscovery();
}
function renderDiscovery() {
  const d = state.discovery; if (!d) return;
  const box = d.box || {}, limits = Object.entries(box.limits || {});
  const declared = name => (state.vocab.parameters.find(p => p.name === name) || {});
  $("dc-out").innerHTML = '<div class="summary"><div>' + esc(t("dc.q")) + ": " + esc(d.question) + "</div><div>" + esc(t("dc.share_yes")) + ": " + pct(d.share_yes) +
    "</div><div>" + esc(t("dc.coverage")) + ": " + pct(box.coverage) + "</div><div>" + esc(t("dc.density")) + ": " + pct(box.density) + "</div><div>" + esc(t("dc.mass")) + ": " + pct(box.mass) + '</div></div><div id="dc-table"></div>';
  renderTable($("dc-table"), {rows: limits, name: fileName("umbrella-discovery", d.scenario, d.variable), columns: [
    {key: "parameter", label: t("col.parameter"), value: r => r[0]},
    {key: "low", label: t("dc.low"), value: r => r[1].low, cls: "num", html: r => num(r[1].low, 4)}, {key: "high", label: t("dc.high"), value: r => r[1].high, cls: "num", html: r => num(r[1].high, 4)},
    {key: "declared_low", label: t("dc.declared_low"), value: r => declared(r[0]).low, cls: "num", html: r => num(declared(r[0]).low, 4)},
    {key: "declared_high", label: t("dc.declared_high"), value: r => declared(r[0]).high, cls: "num", html: r => num(declared(r[0]).high, 4)},
    {key: "quasi_p", label: t("dc.quasi_p"), value: r => (box.quasi_p || {})[r[0]], html: r => esc(Object.entries((box.quasi_p || {})[r[0]] || {}).filter(([, v]) => v != null).map(([k, v]) => t("dc." + k) + " " + num(v, 2)).join(", "))}]});
  if (!limits.length) $("dc-table").innerHTML = '<p class="muted">' + esc(t("dc.no_box")) + "</p>";
}
function renderScenarios() {
  if (!state.scenarios) return;
  renderScenarioSelects(); renderRun(); renderVariant(); renderSensitivity(); renderDiscovery();
  if (state.variant && state.variant.ok) $("vb-status").innerHTML = '<span class="ok-line">✓ ' + esc(t("vb.valid", {1: state.variant.check.id, 2: state.variant.check.start, 3: state.variant.check.end, 4: state.variant.check.levers, 5: state.variant.check.shocks})) + "</span>";
}
