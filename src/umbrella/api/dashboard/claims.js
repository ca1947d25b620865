// ---- Claims: the last finished ledger at once (a fresh run is a job with progress); a summary by seed,
// status and basis; filters; each claim's Chinese quote and English text, its check in words, its share
// and its failure box against the declared ranges ----
const STATUSES = ["holds", "conditional", "fails", "not_modelled"];
const STATUS_COLORS = {holds: "#2e7d32", conditional: "#a86b00", fails: "#b3261e", not_modelled: "#9aa3b2"};
const BASES = ["corroborated", "recorded", "derived", "assumed", "definition"];

async function loadClaims() {
  if (!state.ledger) {
    const ok = await busy($("cl-status"), null, async () => {
      state.ledger = Object.fromEntries((await api("/api/claims/ledger")).data.map(e => [e.id, e]));
      state.claims = (await api("/api/claims/latest")).data;
    });
    if (!ok) return;
    if (state.claims) { $("cl-samples").value = state.claims.samples; $("cl-seed").value = state.claims.seed; }
  }
  renderClaims();
}
async function runClaims() {
  clearErrors($("claims"));
  const samples = readNumber($("cl-samples"), {integer: true, min: 2, max: 5000});
  const seed = readNumber($("cl-seed"), {integer: true, min: 0});
  if (samples === null || seed === null) { state.claims = null; renderClaims(); $("cl-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  state.claims = null; renderClaims();
  state.claims = await job("/api/jobs/claims", {samples, seed}, $("cl-status"), $("cl-go"), {samples: $("cl-samples"), seed: $("cl-seed")});
  renderClaims();
}
const seedOf = row => String(row.seed || "?").slice(0, 3);
function claimRows() {
  const c = state.claims; if (!c) return [];
  return c.claims.map(r => ({...r, entry: (state.ledger || {})[r.id] || {}}));
}
function renderClaims() {
  const c = state.claims;
  $("cl-filters").hidden = !c;
  if (!c) {
    $("cl-summary").innerHTML = state.ledger ? '<p class="muted">' + esc(t("cl.none_yet")) + "</p>" : "";
    $("cl-out").innerHTML = ""; $("cl-detail").innerHTML = "";
    return;
  }
  if (!$("cl-status").querySelector(".spinner") && !$("cl-status").querySelector(".errors")) $("cl-status").textContent = t("cl.computed", {1: c.samples, 2: c.seed, 3: c.claims.length});
  const rows = claimRows();
  const seeds = [...new Set(rows.map(seedOf))].sort();
  const hasBasis = rows.some(r => r.basis);
  const tally = (key, values) => seeds.map(s => ({label: t("cl.seed_n", {1: s}), parts: values.map(v => ({key: v, value: rows.filter(r => seedOf(r) === s && r[key] === v).length}))}));
  $("cl-summary").innerHTML = '<div class="split top"><div class="grow" id="cl-by-status"></div>' + (hasBasis ? '<div class="grow" id="cl-by-basis"></div>' : "") + "</div>";
  chart($("cl-by-status"), {name: "umbrella-claims-by-seed-status",
    draw: stackChart({title: t("cl.by_status"), rows: tally("status", STATUSES), keys: STATUSES.map(s => ({key: s, label: word(s), color: STATUS_COLORS[s]}))}),
    csv: () => [["seed", ...STATUSES], seeds.map(s => [s, ...STATUSES.map(v => rows.filter(r => seedOf(r) === s && r.status === v).length)])]});
  if (hasBasis) chart($("cl-by-basis"), {name: "umbrella-claims-by-seed-basis",
    draw: stackChart({title: t("cl.by_basis"), rows: tally("basis", BASES), keys: BASES.map((b, i) => ({key: b, label: word(b), color: PALETTE[i]}))}),
    csv: () => [["seed", ...BASES], seeds.map(s => [s, ...BASES.map(v => rows.filter(r => seedOf(r) === s && r.basis === v).length)])]});
  fillSelect($("cl-f-seed"), [["", t("any")], ...seeds.map(s => [s, t("cl.seed_n", {1: s})])], true);
  fillSelect($("cl-f-status"), [["", t("any")], ...STATUSES.map(s => [s, word(s)])], true);
  fillSelect($("cl-f-type"), [["", t("any")], ...[...new Set(rows.map(r => r.type).filter(Boolean))].sort().map(ty => [ty, word(ty)])], true);
  fillSelect($("cl-f-basis"), [["", t("any")], ...(hasBasis ? BASES.map(b => [b, word(b)]) : [])], true);
  $("cl-f-basis").disabled = !hasBasis;
  renderClaimTable();
}
function renderClaimTable() {
  if (!state.claims) return;
  const f = {seed: $("cl-f-seed").value, status: $("cl-f-status").value, type: $("cl-f-type").value, basis: $("cl-f-basis").value, text: $("cl-f-text").value.trim().toLowerCase()};
  const rows = claimRows().filter(r => (!f.seed || seedOf(r) === f.seed) && (!f.status || r.status === f.status) && (!f.type || r.type === f.type) &&
    (!f.basis || r.basis === f.basis) && (!f.text || [r.id, r.claim_en, r.entry.quote, r.reason, r.check].join(" ").toLowerCase().includes(f.text)));
  const out = $("cl-out");
  delete out.dataset.more;
  renderTable(out, {rows, name: "umbrella-claims", limit: 50, onRow: r => { state.claimShown = r.id; renderClaimDetail(); renderClaimTable(); }, selected: r => r.id === state.claimShown, columns: [
    col("id", "col.id", r => r.id, {cls: "nowrap"}),
    col("status", "col.status", r => r.status, {html: r => '<span class="badge ' + esc(r.status) + '">' + esc(word(r.status)) + "</span>"}),
    col("basis", "cl.basis", r => r.basis, {html: r => r.basis ? esc(word(r.basis)) : "—", cls: "nowrap"}),
    col("share_holds", "col.share_holds", r => r.share_holds, {cls: "num", html: r => pct(r.share_holds)}),
    col("claim", "col.claim", r => r.claim_en, {html: r => (lang === "zh" ? '<div class="quote">' + esc(r.entry.quote || "") + '</div><div class="muted">' + esc(r.claim_en) + "</div>"
      : "<div>" + esc(r.claim_en) + '</div><div class="muted">' + esc(r.entry.quote || "") + "</div>"), cls: "claim-text"}),
    col("check", "cl.check", r => r.check, {html: r => esc(checkKindLabel(r.check)), cls: "nowrap"}),
    col("fails_when", "cl.fails_when", r => r.fails_when, {html: r => r.fails_when ? esc(Object.keys(r.fails_when).join(", ")) : ""}),
  ]});
}
const checkKindLabel = kind => kind ? kind.replace(/[a-z_]+/g, k => I18N["ck." + k] ? t("ck." + k) : k) : t("v.not_modelled");
// A check of the ledger's language in words: each kind and field named, values as written.
function checkWords(check, depth = 0) {
  if (check == null) return "";
  const pad = "  ".repeat(depth);
  let s = pad + "• " + (I18N["ck." + check.kind] ? t("ck." + check.kind) : check.kind) + "\n";
  for (const [k, v] of Object.entries(check)) {
    if (k === "kind") continue;
    if (k === "checks") { for (const c of v) s += checkWords(c, depth + 1); continue; }
    s += pad + "  " + (I18N["ck." + k] ? t("ck." + k) : k) + ": " + (typeof v === "object" ? JSON.stringify(v) : String(v)) + "\n";
  }
  return s;
}
const gameOf = check => !check || typeof check !== "object" ? null : check.game || (check.checks || []).map(gameOf).find(Boolean) || null;
async function declaredRanges(check) {
  const game = gameOf(check);
  state.ranges = state.ranges || {};
  const key = game || "regional";
  if (!state.ranges[key]) {
    const rows = game ? (await api("/api/games/" + encodeURIComponent(game) + "/params")).data : (await api("/api/params")).data;
    state.ranges[key] = Object.fromEntries(rows.map(p => [p.name, [p.low, p.high]]));
  }
  return state.ranges[key];
}
async function renderClaimDetail() {
  const r = claimRows().find(x => x.id === state.claimShown), el = $("cl-detail");
  if (!r) { el.innerHTML = ""; return; }
  const e = r.entry;
  let html = '<div class="card"><h4>' + esc(r.id) + ' <span class="badge ' + esc(r.status) + '">' + esc(word(r.status)) + "</span></h4>" +
    '<div class="quote">“' + esc(e.quote || "") + '”</div><div class="muted">' + esc(t("seed_file")) + ": " + esc(e.seed || r.seed) + (e.section ? " · " + esc(t("section")) + ": " + esc(e.section) : "") + "</div>" +
    "<p>" + esc(r.claim_en) + "</p><dl>" +
    "<dt>" + esc(t("cl.type")) + "</dt><dd>" + esc(word(r.type)) + (e.stance ? " · " + esc(word(e.stance)) : "") + "</dd>" +
    "<dt>" + esc(t("col.share_holds")) + "</dt><dd>" + pct(r.share_holds) + (r.n_points ? " (" + esc(t("cl.points", {1: r.n_points})) + ")" : "") + "</dd>";
  if (r.basis) html += "<dt>" + esc(t("cl.basis")) + "</dt><dd>" + esc(word(r.basis)) + "</dd>";
  if (r.share_holds_without_own_seed != null) html += "<dt>" + esc(t("cl.without_own_seed")) + "</dt><dd>" + pct(r.share_holds_without_own_seed) + "</dd>";
  if (r.share_holds_prior != null) html += "<dt>" + esc(t("cl.share_prior")) + "</dt><dd>" + pct(r.share_holds_prior) + "</dd>";
  if (r.carried_by && r.carried_by.parameters && r.carried_by.parameters.length) html += "<dt>" + esc(t("cl.carried_by")) + "</dt><dd>" + esc(r.carried_by.parameters.map(p => typeof p === "object" ? (p.name || JSON.stringify(p)) : p).join(", ")) + "</dd>";
  html += "</dl><h4>" + esc(t("cl.check")) + "</h4>" + (e.check ? '<pre class="yaml">' + esc(checkWords(e.check)) + "</pre>" : "<p>" + esc(t("v.not_modelled")) + ": " + esc(e.not_modelled || r.reason || "") + "</p>");
  if (r.reason && e.check) html += "<h4>" + esc(t("cl.result")) + '</h4><p class="muted">' + esc(r.reason) + "</p>";
  html += '<div id="cl-box"></div></div>';
  el.innerHTML = html;
  if (r.fails_when) {
    const ranges = await declaredRanges(e.check).catch(() => ({}));
    const rows = Object.entries(r.fails_when).map(([name, [lo, hi]]) => { const d = ranges[name]; return {name, lo, hi, dlo: d ? d[0] : null, dhi: d ? d[1] : null, kept: d && d[1] > d[0] ? (hi - lo) / (d[1] - d[0]) : null}; })
      .sort((a, b) => (a.kept == null) - (b.kept == null) || a.kept - b.kept);
    $("cl-box").innerHTML = "<h4>" + esc(t("cl.fails_when")) + '</h4><p class="muted">' + esc(t("cl.box_note")) + '</p><div id="cl-box-chart"></div>';
    chart($("cl-box-chart"), {name: fileName("umbrella-failure-box", r.id),
      draw: barChart({title: t("cl.box_title"), domain: [0, 1], xLabel: t("cl.box_axis"),
        rows: rows.map(x => ({label: x.name, value: null, lo: x.dlo == null ? null : (x.lo - x.dlo) / (x.dhi - x.dlo), hi: x.dlo == null ? null : (x.hi - x.dlo) / (x.dhi - x.dlo), note: num(x.lo, 3) + "–" + num(x.hi, 3)}))}),
      csv: () => [["parameter", "box_low", "box_high", "declared_low", "declared_high", "share_of_range_kept"], rows.map(x => [x.name, x.lo, x.hi, x.dlo, x.dhi, x.kept])]});
  }
}
function claimsLanguage() { renderClaims(); renderClaimDetail(); }
