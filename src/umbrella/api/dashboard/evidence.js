// ---- Evidence: every record kind with filters, a record view with its sources, the timeline, the year's
// system (World.at) and seed 004's Table 1 with the coded cases ----
const KINDS = ["disputes", "events", "deployments", "alliances", "mechanisms", "surveys", "series", "actors"];
const KIND_COLUMNS = {
  actors: [["id"], ["name", r => L(r.name)], ["kind", r => word(r.kind)], ["role", r => word(r.role)], ["nuclear_status", r => word(r.nuclear_status)]],
  alliances: [["id"], ["name", r => L(r.name)], ["patron"], ["members", r => r.members.join(" ")], ["structure", r => word(r.structure)], ["founded"], ["ended"]],
  mechanisms: [["id"], ["name", r => L(r.name)], ["alliance"], ["allies", r => r.allies.join(" ")], ["established"], ["ended"], ["gives", r => r.gives.map(word).join(", ")]],
  deployments: [["id"], ["host", r => actorName(r.host)], ["intensity", r => word(r.intensity)], ["systems", r => r.systems.join(", ")], ["start"], ["end"], ["location"]],
  disputes: [["id"], ["title", r => L(r.title)], ["host", r => actorName(r.host)], ["period", r => r.period.start + "–" + r.period.end], ["structure", r => word(r.structure)],
    ["final_intensity", r => r.final_intensity == null ? t("v.open") : word(r.final_intensity)], ["alt", r => word(r.alt)], ["conceded", r => word(r.conceded)], ["observed_strategy", r => word(r.observed_strategy)], ["confidence", r => word(r.confidence)]],
  events: [["date"], ["title", r => L(r.title)], ["type", r => word(r.type)], ["actors", r => r.actors.join(" ")]],
  surveys: [["country", r => actorName(r.country)], ["year"], ["month"], ["pollster"], ["item", r => word(r.item)], ["value"], ["n"]],
  series: [["id"], ["title", r => L(r.title)], ["subject", r => actorName(r.subject)], ["unit", r => word(r.unit)], ["producer"], ["n_points"], ["first_year"], ["last_year"]],
};
// raw values for the CSV (the API's), shown values for the page
const RAW = {period: r => r.period.start + "-" + r.period.end, title: r => r.title.en, name: r => r.name.en};

async function loadEvidence() {
  if (!state.evidenceReady) {
    const ok = await busy($("ev-records-status"), null, async () => {
      const actors = (await api("/api/data/actors")).data;
      state.actors = Object.fromEntries(actors.map(a => [a.id, a]));
    });
    if (!ok) return;
    state.evidenceReady = true;
    fillSelect($("ev-kind"), KINDS.map(k => [k, t("kind." + k)]));
    await loadFacets();
  }
  renderEvidence();
}
function showEvidenceView(view) {
  state.evView = view;
  document.querySelectorAll("#evidence-views button").forEach(b => b.classList.toggle("active", b.dataset.view === view));
  document.querySelectorAll("#evidence .view").forEach(v => v.classList.toggle("active", v.id === "ev-" + view));
  ({records: loadRecords, timeline: loadTimeline, world: loadWorld, table1: loadTable1})[view]();
  redrawVisible();
}

// ---- records ----
async function loadFacets() {
  const kind = $("ev-kind").value;
  state.facets = (await api("/api/data/" + kind + "/facets").catch(() => ({data: null}))).data;
  fillFacetSelects();
}
function fillFacetSelects() {
  const f = state.facets || {actors: [], types: []};
  fillSelect($("ev-actor"), [["", t("any")], ...f.actors.map(a => [a, actorName(a) + (actorName(a) !== a ? " (" + a + ")" : "")])], true);
  fillSelect($("ev-type"), [["", t("any")], ...f.types.map(ty => [ty, word(ty)])], true);
}
async function loadRecords() {
  if (!state.evidenceReady) return;
  clearErrors($("ev-records"));
  const kind = $("ev-kind").value, q = new URLSearchParams();
  const start = readNumber($("ev-start"), {integer: true, optional: true, min: 1800, max: 2100});
  const end = readNumber($("ev-end"), {integer: true, optional: true, min: 1800, max: 2100});
  if (start === null || end === null) { state.records = null; $("ev-records-out").innerHTML = ""; $("ev-records-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  if ($("ev-actor").value) q.set("actor", $("ev-actor").value);
  if (start !== undefined) q.set("start", start);
  if (end !== undefined) q.set("end", end);
  if ($("ev-type").value) q.set("type", $("ev-type").value);
  if ($("ev-text").value.trim()) q.set("text", $("ev-text").value.trim());
  state.records = null;
  const ok = await busy($("ev-records-status"), null, async () => {
    state.records = {kind, rows: (await api("/api/data/" + kind + (q.toString() ? "?" + q : ""))).data};
  }, {start: $("ev-start"), end: $("ev-end"), text: $("ev-text")});
  if (!ok) $("ev-records-out").innerHTML = "";
  renderRecords();
}
function renderRecords() {
  const r = state.records; if (!r) return;
  const columns = KIND_COLUMNS[r.kind].map(([key, shown]) => col(key, "col." + key, RAW[key] || (x => x[key]), shown ? {html: x => esc(shown(x) == null ? "—" : shown(x))} : {cls: typeof (r.rows[0] || {})[key] === "number" ? "num" : ""}));
  renderTable($("ev-records-out"), {columns, rows: r.rows, name: fileName("umbrella", r.kind), onRow: row => showRecord(row.id, "ev-record"), selected: row => row.id === state.recordShown});
}

// ---- a record with every source ----
async function showRecord(id, target) {
  state.recordShown = id; state.recordTarget = target;
  const el = $(target);
  el.innerHTML = '<div class="card"><span class="spinner"></span></div>';
  try {
    const [rec, src] = await Promise.all([api("/api/data/record/" + encodeURIComponent(id)), api("/api/data/record/" + encodeURIComponent(id) + "/sources")]);
    state.record = {rec: rec.data, src: src.data};
  } catch (e) { el.innerHTML = '<div class="card errors">' + esc(statusMessage(e) || translateMessage(parseProblem(e.lines[0]).message)) + "</div>"; return; }
  renderRecord();
  if (target === "ev-record") renderRecords();
}
function renderRecord() {
  const r = state.record; if (!r || !state.recordTarget) return;
  const rec = r.rec, skip = new Set(["sources", "defined_at"]);
  // A field in words: bilingual text in the page's language, a period as years, lists and nested
  // entries spelled out (their sources are listed below with the record's)
  const val = v => v == null ? "—" : Array.isArray(v) ? v.map(val).join("; ")
    : typeof v !== "object" ? word(v) : ("en" in v && "zh" in v) ? L(v)
    : (Object.keys(v).length === 2 && "start" in v && "end" in v) ? v.start + "–" + v.end
    : Object.entries(v).filter(([k]) => k !== "sources").map(([k, x]) => (I18N["col." + k] ? t("col." + k) : k) + ": " + val(x)).join(", ");
  let html = '<div class="card"><h4>' + esc(L(rec.title || rec.name) || rec.id) + '</h4><div class="muted">' + esc(t("kind." + rec.kind)) + " · " + esc(rec.id) + "</div><dl>";
  for (const [k, v] of Object.entries(rec)) if (!skip.has(k) && k !== "id" && k !== "kind" && !(Array.isArray(v) && !v.length))
    html += "<dt>" + esc(I18N["col." + k] ? t("col." + k) : k) + "</dt><dd>" + esc(val(v)) + "</dd>";
  html += "</dl><h4>" + esc(t("sources")) + " (" + r.src.sources.length + ")</h4>";
  if (!r.src.seeds_present) html += '<p class="muted">' + esc(t("seeds_absent")) + "</p>";
  for (const s of r.src.sources) {
    html += '<div class="source"><div class="muted">' + esc(s.where) + "</div>";
    if (s.seed) html += '<div class="quote">“' + esc(s.quote) + '”</div><div class="muted">' + esc(t("seed_file")) + ": " + esc(s.seed) +
      (s.section ? " · " + esc(t("section")) + ": " + esc(s.section) : "") + (s.line ? " · " + esc(t("line")) + " " + s.line : "") + "</div>";
    else html += "<div><b>" + esc(s.bib) + "</b>" + (s.pages ? " · " + esc(t("pages")) + " " + esc(s.pages) : "") + "</div><pre>" + esc(s.bibtex || t("bib_missing")) + "</pre>";
    html += "</div>";
  }
  $(state.recordTarget).innerHTML = html + "</div>";
}

// ---- timeline of events with sources ----
async function loadTimeline() {
  if (!state.timelineFacets) {
    const f = (await api("/api/data/events/facets").catch(() => ({data: null}))).data;
    if (!f) return;
    state.timelineFacets = f;
    fillSelect($("tl-actor"), [["", t("any")], ...f.actors.map(a => [a, actorName(a)])]);
  }
  clearErrors($("ev-timeline"));
  const start = readNumber($("tl-start"), {integer: true, optional: true, min: 1800, max: 2100});
  const end = readNumber($("tl-end"), {integer: true, optional: true, min: 1800, max: 2100});
  state.timeline = null; $("tl-out").innerHTML = "";
  if (start === null || end === null) { $("tl-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  const q = new URLSearchParams();
  if ($("tl-actor").value) q.set("actor", $("tl-actor").value);
  if (start !== undefined) q.set("start", start);
  if (end !== undefined) q.set("end", end);
  await busy($("tl-status"), null, async () => { state.timeline = (await api("/api/timeline" + (q.toString() ? "?" + q : ""))).data; }, {start: $("tl-start"), end: $("tl-end")});
  renderTimeline();
}
function renderTimeline() {
  const events = state.timeline; if (!events) return;
  const out = $("tl-out");
  out.innerHTML = '<div id="tl-chart"></div><div id="tl-list"></div>';
  if (events.length) chart($("tl-chart"), {
    name: "umbrella-timeline",
    draw: timelineChart({title: t("ev.timeline") + " (" + events.length + ")", typeLabel: word,
      events: events.map(e => ({id: e.id, type: e.type, x: e.year + (+(e.date.slice(5, 7)) || 6) / 12 - 1 / 24, label: e.date + " " + L(e.title)}))}),
    csv: () => [["id", "date", "year", "type", "actors", "title_en", "title_zh", "sources"], events.map(e => [e.id, e.date, e.year, e.type, e.actors.join(" "), e.title.en, e.title.zh, e.sources.length])],
    onClick: id => showRecord(id, "tl-record"),
  });
  renderTable($("tl-list"), {rows: events, name: "umbrella-timeline-events", onRow: e => showRecord(e.id, "tl-record"), columns: [
    col("date", "col.date"), col("type", "col.type", e => e.type, {html: e => esc(word(e.type))}),
    col("title", "col.title", e => e.title.en, {html: e => esc(L(e.title))}), col("actors", "col.actors", e => e.actors.join(" ")),
    col("sources", "sources", e => e.sources.length, {cls: "num"})]});
}

// ---- the system in one year ----
async function loadWorld() {
  const slider = $("world-slider"), box = $("world-year");
  if (!state.world) {
    slider.min = 1945; slider.max = 2024; slider.value = box.value = box.value || "1985";
  }
  clearErrors($("ev-world"));
  const year = readNumber(box, {integer: true, min: +slider.min || 1900, max: +slider.max || 2100});
  if (year === null) { state.world = null; $("world-out").innerHTML = ""; $("world-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  slider.value = year;
  const ok = await busy($("world-status"), null, async () => { state.world = (await api("/api/world/" + year)).data; }, {year: box});
  if (!ok) { state.world = null; $("world-out").innerHTML = ""; return; }
  slider.min = state.world.first_year; slider.max = state.world.last_year;
  renderWorld();
}
function renderWorld() {
  const w = state.world; if (!w) return;
  const chips = codes => codes.length ? codes.map(c => '<span class="chip" title="' + esc(c) + '">' + esc(actorName(c)) + "</span>").join(" ") : '<span class="muted">' + esc(t("none")) + "</span>";
  let html = "<h3>" + esc(t("world.heading", {1: w.year})) + '</h3><div class="world">';
  for (const s of ["multilateral", "bilateral"]) {
    html += '<div class="panel"><h4>' + esc(t("world.alliances", {1: word(s)})) + " (" + w.alliances_by_structure[s].length + ")</h4>";
    for (const a of w.alliances_by_structure[s]) html += "<div><b>" + esc(L(a.name)) + "</b>" + (a.nuclear_sharing ? ' <span class="badge">' + esc(t("col.nuclear_sharing")) + "</span>" : "") + '<div class="cell-cases">' + chips(a.members) + "</div></div>";
    html += '<p class="muted">' + esc(t("world.members_now")) + "</p></div>";
  }
  html += '<div class="panel"><h4>' + esc(t("world.hosts")) + "</h4>";
  for (const level of ["fixed", "non_fixed", "none"]) html += "<div><b>" + esc(word(level)) + "</b> (" + w.hosts_by_intensity[level].length + ')<div class="cell-cases">' + chips(w.hosts_by_intensity[level]) + "</div></div>";
  html += '</div><div class="panel"><h4>' + esc(t("world.mechanisms")) + " (" + w.mechanisms.length + ")</h4>";
  for (const m of w.mechanisms) html += "<div><b>" + esc(L(m.name)) + '</b> <span class="muted">' + esc(m.gives.map(word).join(", ")) + "</span></div>";
  html += '</div></div><h4>' + esc(t("world.deployments")) + '</h4><div id="world-deployments"></div>';
  $("world-out").innerHTML = html;
  renderTable($("world-deployments"), {rows: w.deployments, name: fileName("umbrella-deployments", w.year), columns: [
    col("id", "col.id"), col("host", "col.host", d => d.host, {html: d => esc(actorName(d.host))}), col("intensity", "col.intensity", d => d.intensity, {html: d => esc(word(d.intensity))}),
    col("systems", "col.systems", d => d.systems.join("; ")), col("location", "col.location")]});
}

// ---- seed 004's Table 1 with every coded case in its cell ----
async function loadTable1() {
  if (!state.table1) await busy($("table1-status"), null, async () => { state.table1 = (await api("/api/theory/deployment-typology/table")).data; });
  renderTable1();
}
function renderTable1() {
  const tb = state.table1; if (!tb) return;
  const cell = (row, column) => tb.cells.find(c => c.row === row && c.column === column);
  const cases = c => c ? c.cases.map(k => '<span class="chip match-' + k.match + '" data-id="' + esc(k.id) + '" title="' + esc(L(k.title)) + '">' + esc(k.id) + " · " + esc(word(k.observed)) + (k.match === true ? " ✓" : k.match === false ? " ✗" : "") + "</span>").join(" ") : "";
  let html = "<h3>" + esc(L(tb.name)) + '</h3><table class="t1"><tr><th></th>';
  for (const column of [true, false]) html += "<th>" + esc(L(tb.column_label)) + ": " + esc(word(column)) + "</th>";
  html += "</tr>";
  for (const row of [true, false]) {
    html += "<tr><th>" + esc(L(tb.row_label)) + ": " + esc(word(row)) + "</th>";
    for (const column of [true, false]) { const c = cell(row, column); html += "<td><div><b>" + esc(c ? L(c.label) : "—") + '</b></div><div class="cell-cases">' + cases(c) + "</div></td>"; }
    html += "</tr>";
  }
  html += "</table>";
  if (tb.unplaced.length) html += '<p class="muted">' + esc(t("t1.unplaced")) + ": " + tb.unplaced.map(u => esc(u.id) + (u.reason ? " (" + esc(u.reason) + ")" : "")).join("; ") + "</p>";
  html += '<div class="table-tools"><span class="muted">' + esc(t("t1.legend")) + '</span><button id="t1-csv">CSV</button></div>';
  $("table1-out").innerHTML = html;
  $("t1-csv").onclick = () => download("umbrella-table1.csv", csv(["row", "column", "predicted", "case", "observed", "match"],
    tb.cells.flatMap(c => c.cases.map(k => [c.row, c.column, c.predicted, k.id, k.observed, k.match]))), "text/csv;charset=utf-8");
  $("table1-out").querySelectorAll(".chip[data-id]").forEach(ch => ch.addEventListener("click", () => showRecord(ch.dataset.id, "table1-record")));
}

function renderEvidence() { if (state.evidenceReady) showEvidenceView(state.evView || "records"); }
function evidenceLanguage() {
  if (!state.evidenceReady) return;
  for (const o of $("ev-kind").options) o.textContent = t("kind." + o.value);
  fillFacetSelects();
  if (state.timelineFacets) fillSelect($("tl-actor"), [["", t("any")], ...state.timelineFacets.actors.map(a => [a, actorName(a)])], true);
  renderRecords(); renderRecord(); renderTimeline(); renderWorld(); renderTable1();
}
