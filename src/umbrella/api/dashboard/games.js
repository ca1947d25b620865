// ---- Games: solved at the defaults on load and after every change; the tree with the equilibrium path;
// the outcome over any two parameters (where 004's typology holds); the documented cases as presets ----
// first map of each game: a pair of parameters over which its outcome changes at the defaults
const MAP_AXES = {"deployment-bargaining": ["planning_value", "planning_premium"], "tripartite-crisis": ["p_resolve_protege", "concession_share"],
  "extended-deterrence": ["reputation", "ally_stake_share"], "unilateral-deterrence": ["p_hard", "ch_sq"]};

async function loadGames() {
  if (!state.games) {
    const ok = await busy($("games-status"), null, async () => { state.games = (await api("/api/games")).data; });
    if (!ok) return;
    fillSelect($("game-pick"), state.games.map(g => [g.id, L(g.title)]));
    await loadGame();
  } else renderGames();
}
async function loadGame() {
  const id = $("game-pick").value;
  state.game = null;
  ["games-out", "game-tree", "map-out", "game-cases", "game-params"].forEach(x => { $(x).innerHTML = ""; });
  const ok = await busy($("games-status"), null, async () => {
    const [info, cases] = await Promise.all([api("/api/games/" + encodeURIComponent(id)), api("/api/games/" + encodeURIComponent(id) + "/cases")]);
    state.game = {id, info: info.data, cases: cases.data};
  });
  if (!ok) return;
  renderParams(true); renderGameSelects(); renderCases();
  await solveGame();
  await drawMap();
}
function renderGameSelects() {
  const g = state.game; if (!g) return;
  fillSelect($("case-pick"), [["", t("no_case")], ...g.cases.map(c => [c.id, L(c.title)])], true);
  const continuous = g.info.parameters.filter(p => !p.values);
  const axis = p => [p.name, p.name + " — " + (lang === "zh" ? p.description_zh : p.description).slice(0, 40)];
  const [dx, dy] = MAP_AXES[g.id] || continuous.slice(0, 2).map(p => p.name);
  fillSelect($("map-x"), g.info.parameters.map(axis), true); fillSelect($("map-y"), g.info.parameters.map(axis), true);
  const fresh = $("map-x").dataset.game !== g.id;
  if (fresh) { $("map-x").value = dx; $("map-y").value = dy; $("map-x").dataset.game = g.id; }
  const shows = [["outcome", t("gm.show_outcome")]];
  if (Object.keys(g.info.regions).length) shows.push(["regions", t("gm.show_regions")], ...Object.entries(g.info.regions).map(([k, v]) => [k, t("gm.region") + ": " + L(v)]));
  const strategy = g.solution ? Object.keys(g.solution.equilibrium.strategy) : [];
  shows.push(...strategy.map(k => [k, t("gm.action_at", {1: infosetLabel(k)})]));
  fillSelect($("map-show"), shows, !fresh);
  if (fresh) $("map-show").value = Object.keys(g.info.regions).length ? "regions" : "outcome";
}
const playerLabel = p => state.game && state.game.info.players[p] ? L(state.game.info.players[p]) : p;
const actionLabel = a => state.game && state.game.info.actions[a] ? L(state.game.info.actions[a]) : word(a);
const outcomeLabel = o => state.game && state.game.info.outcomes[o] ? L(state.game.info.outcomes[o]) : word(o);
// an information set `player:part/part`: its parts are named moves (is.*) or the actions that led there
const infosetLabel = key => { const [p, ...rest] = key.split(":"); return playerLabel(p) + " · " + rest.join(":").split("/").map(x => I18N["is." + x] ? t("is." + x) : actionLabel(x)).join(" / "); };
const unitLabel = u => I18N["unit." + u] ? t("unit." + u) : u;

function renderParams(reset) {
  const g = state.game; if (!g) return;
  const current = {};
  if (!reset) for (const p of g.info.parameters) { const el = $("p-" + p.name); if (el) current[p.name] = el.value; }
  $("game-params").innerHTML = g.info.parameters.map(p => {
    const val = reset || current[p.name] === undefined ? p.default : current[p.name];
    const desc = lang === "zh" ? p.description_zh : p.description;
    const step = (p.high - p.low) / 100 || 0.01;
    const control = p.values
      ? '<select id="p-' + esc(p.name) + '">' + p.values.map(v => "<option" + (Number(v) === Number(val) ? " selected" : "") + ">" + esc(v) + "</option>").join("") + "</select>"
      : '<label><input type="text" inputmode="decimal" id="p-' + esc(p.name) + '" value="' + esc(val) + '"></label><input type="range" id="r-' + esc(p.name) + '" min="' + p.low + '" max="' + p.high + '" step="' + step + '" value="' + esc(val) + '">';
    return '<div class="param"><span class="name" title="' + esc(desc) + '">' + esc(p.name) + "</span>" + control + "<small>" + esc(desc) + " [" + esc(num(p.low)) + ", " + esc(num(p.high)) + "] " + esc(unitLabel(p.unit)) + "</small></div>";
  }).join("");
  const resolve = debounce(solveGame, 300);
  for (const p of g.info.parameters) {
    const n = $("p-" + p.name), r = $("r-" + p.name);
    if (r) { r.addEventListener("input", () => { n.value = r.value; resolve(); }); n.addEventListener("input", () => { if (n.value.trim() !== "" && Number.isFinite(Number(n.value))) r.value = n.value; resolve(); }); }
    else n.addEventListener("change", resolve);
  }
}
function readParams() {
  clearErrors($("game-params"));
  const set = {};
  let ok = true;
  for (const p of state.game.info.parameters) {
    const el = $("p-" + p.name);
    const v = p.values ? Number(el.value) : readNumber(el);
    if (v === null) ok = false; else set[p.name] = v;
  }
  return ok ? set : null;
}
async function solveGame() {
  const g = state.game; if (!g) return;
  const set = readParams();
  g.solution = null; g.tree = null; g.warnings = null;
  if (!set) { $("games-out").innerHTML = ""; $("game-tree").innerHTML = ""; $("games-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  const path = "/api/games/" + encodeURIComponent(g.id);
  const fields = field => field.startsWith("set.") ? $("p-" + field.slice(4)) : null;
  await busy($("games-status"), null, async () => {
    const [sol, tree] = await Promise.all([api(path + "/solve", {set}), api(path + "/tree", {set})]);
    g.solution = sol.data; g.warnings = sol.warnings; g.tree = tree.data;
  }, fields);
  if (!g.solution) { $("games-out").innerHTML = ""; $("game-tree").innerHTML = ""; }
  renderSolution(); renderGameSelects();
}
function analysisValue(v) {
  if (v == null) return "—";
  if (typeof v === "boolean") return word(v);
  if (typeof v === "number") return num(v, 4);
  if (typeof v === "string") return state.game.info.outcomes[v] ? outcomeLabel(v) : actionLabel(v);
  if (Array.isArray(v)) return v.map(analysisValue).join(", ");
  return Object.entries(v).map(([k, x]) => (I18N["an." + k] ? t("an." + k) : actionLabel(k)) + ": " + analysisValue(x)).join("; ");
}
function renderSolution() {
  const g = state.game; if (!g || !g.solution) return;
  const eq = g.solution.equilibrium, info = g.info;
  let html = '<div class="summary"><div><b>' + esc(t("outcome")) + ":</b> " + esc(outcomeLabel(eq.outcome)) + "</div><div><b>" + esc(t("path")) + ":</b> " +
    esc(eq.path.map(actionLabel).join(" → ")) + "</div></div>";
  html += '<p class="muted"><b>' + esc(t("concept")) + ":</b> " + esc(L(info.solution_concept)) + "</p>";
  if (g.warnings) html += '<p class="errors">' + esc(t("warnings")) + ": " + esc(g.warnings.split(" | ").map(translateMessage).join("; ")) + "</p>";
  html += '<div class="split top"><div class="grow" id="gm-payoffs"></div><div class="grow" id="gm-strategy"></div></div><div id="gm-analysis"></div>';
  $("games-out").innerHTML = html;
  renderTable($("gm-payoffs"), {rows: Object.entries(eq.payoffs), name: fileName("umbrella-payoffs", g.id), columns: [
    col("player", "col.player", r => r[0], {html: r => esc(playerLabel(r[0]))}), col("payoff", "col.payoff", r => r[1], {cls: "num", html: r => num(r[1], 4)})]});
  renderTable($("gm-strategy"), {rows: Object.entries(eq.strategy), name: fileName("umbrella-strategy", g.id), columns: [
    col("infoset", "col.infoset", r => r[0], {html: r => esc(infosetLabel(r[0]))}),
    col("action", "col.action", r => r[1], {html: r => esc(actionLabel(r[1])) + (eq.ties.includes(r[0]) ? ' <span class="badge">' + esc(t("gm.tie")) + "</span>" : "")})]});
  const analysis = g.solution.analysis;
  if (analysis) renderTable($("gm-analysis"), {rows: Object.entries(analysis), name: fileName("umbrella-analysis", g.id), limit: 50, columns: [
    col("quantity", "gm.quantity", r => r[0], {html: r => esc(I18N["an." + r[0]] ? t("an." + r[0]) : r[0])}),
    col("value", "col.value", r => r[1], {html: r => esc(analysisValue(r[1]))})]});
  if (g.tree) chart($("game-tree"), {
    name: fileName("umbrella-tree", g.id), caption: t("gm.tree_caption"),
    draw: treeChart({title: t("gm.tree") + " — " + L(info.title), root: g.tree.tree,
      nodeLabel: n => n.type === "chance" ? t("gm.nature") : playerLabel(n.player),
      edgeLabel: (k, n) => actionLabel(k.action) + (n.type === "chance" ? " (" + num(k.probability, 2) + ")" : ""),
      leafLabel: n => outcomeLabel(n.outcome) + " (" + Object.values(n.payoffs).map(v => num(v, 3)).join(", ") + ")"}),
    csv: () => [["player", "infoset", "action"], Object.entries(g.tree.strategy).map(([k, a]) => [k.split(":")[0], k.split(":").slice(1).join(":"), a])],
  });
}
async function applyCase() {
  const g = state.game, id = $("case-pick").value; if (!g || !id) return;
  const c = g.cases.find(x => x.id === id);
  renderParams(true);
  for (const [k, v] of Object.entries(c.params)) { const el = $("p-" + k); if (el) el.value = v; const r = $("r-" + k); if (r) r.value = v; }
  await solveGame();
}
function renderCases() {
  const g = state.game; if (!g) return;
  renderTable($("game-cases"), {rows: g.cases, name: fileName("umbrella-cases", g.id), onRow: c => { $("case-pick").value = c.id; applyCase(); }, columns: [
    col("id", "col.id"), col("title", "col.title", c => c.title.en, {html: c => esc(L(c.title))}),
    col("observed", "col.observed", c => c.observed, {html: c => esc(outcomeLabel(c.observed)), cls: "nowrap"}),
    col("model", "gm.model", c => c.model, {html: c => esc(outcomeLabel(c.model)), cls: "nowrap"}),
    col("agrees", "gm.agrees", c => c.agrees, {html: c => '<span class="' + (c.agrees ? "yes" : "no") + '">' + esc(word(c.agrees)) + "</span>"}),
    col("why", "gm.why", c => c.why.en, {html: c => esc(L(c.why))})]});
}
async function drawMap() {
  const g = state.game; if (!g) return;
  clearErrors($("games"));
  const n = readNumber($("map-n"), {integer: true, min: 2, max: 61});
  const set = readParams();
  g.map = null; $("map-out").innerHTML = "";
  if (n === null || !set) { $("map-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  const axis = name => { const p = g.info.parameters.find(x => x.name === name); return name + ":" + p.low + ":" + p.high + ":" + (p.values ? p.values.length : n); };
  const x = $("map-x").value, y = $("map-y").value;
  if (x === y) { markError($("map-y"), t("err.same_axes")); $("map-status").innerHTML = '<div class="errors">' + esc(t("err.see_fields")) + "</div>"; return; }
  delete set[x]; delete set[y];
  const body = {x: axis(x), y: axis(y), show: $("map-show").value || "outcome", set};
  await busy($("map-status"), $("map-go"), async () => { g.map = (await api("/api/games/" + encodeURIComponent(g.id) + "/map", body)).data; },
    {x: $("map-x"), y: $("map-y"), show: $("map-show")});
  renderMap();
}
function renderMap() {
  const g = state.game; if (!g || !g.map) return;
  const m = g.map, show = m.show;
  const regionLabel = c => c === "" || c === "none" ? t("gm.no_region") : c.split("+").map(r => g.info.regions[r] ? L(g.info.regions[r]) : r).join(" + ");
  const label = c => typeof c === "boolean" || c === "true" || c === "false" ? word(c === true || c === "true") : show === "outcome" ? outcomeLabel(c) : show === "regions" ? regionLabel(c) : actionLabel(c);
  chart($("map-out"), {
    name: fileName("umbrella-map", g.id, m.x.name, m.y.name),
    caption: m.share_holds != null ? t("gm.share_holds", {1: pct(m.share_holds)}) : "",
    draw: gridChart({title: t("gm.map_title", {1: L(g.info.title), 2: m.x.name, 3: m.y.name}), x: m.x, y: m.y, cells: m.outcomes, label,
      marks: m.prediction_holds || null, markLabel: t("gm.holds_mark")}),
    csv: () => [[m.x.name, m.y.name, "cell", "prediction_holds"], m.y.values.flatMap((yv, j) => m.x.values.map((xv, i) => [xv, yv, m.outcomes[j][i], m.prediction_holds ? m.prediction_holds[j][i] : null]))],
  });
}
function renderGames() {
  if (!state.games) return;
  for (const o of $("game-pick").options) o.textContent = L(state.games.find(g => g.id === o.value).title);
  renderParams(false); renderGameSelects(); renderCases(); renderSolution(); renderMap();
}
