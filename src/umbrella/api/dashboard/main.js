// ---- tabs, language, events ----
const LOADERS = {evidence: loadEvidence, theories: loadTheories, games: loadGames, scenarios: loadScenarios, claims: loadClaims, results: loadResults};
let currentTab = "evidence";
function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  evidenceLanguage();
  if (state.theories) theoriesLanguage();
  if (state.games) renderGames();
  if (state.scenarios) renderScenarios();
  if (state.ledger) claimsLanguage();
  if (state.store) renderResults();
  $("auth-note").textContent = TOKEN ? t("auth.token") : "";
}
function showTab(name) {
  currentTab = name;
  if (location.hash !== "#" + name) history.replaceState(null, "", location.pathname + location.search + "#" + name);
  document.querySelectorAll("nav button").forEach(b => b.classList.toggle("active", b.dataset.tab === name));
  document.querySelectorAll("main section").forEach(s => s.classList.toggle("active", s.id === name));
  redrawVisible();
  return LOADERS[name]();
}
async function start() {
  readToken();
  try { const saved = new URLSearchParams(location.search).get("lang") || localStorage.getItem("umbrella.lang"); if (saved === "zh" || saved === "en") { lang = saved; $("lang").value = saved; } } catch (e) { /* no storage */ }
  applyLang();
  try { state.actors = Object.fromEntries((await api("/api/data/actors")).data.map(a => [a.id, a])); } catch (e) { state.actors = {}; }
  const tab = location.hash.slice(1);
  await showTab(LOADERS[tab] ? tab : "evidence");
}
document.querySelectorAll("nav button").forEach(b => b.addEventListener("click", () => showTab(b.dataset.tab)));
document.querySelectorAll("#evidence-views button").forEach(b => b.addEventListener("click", () => showEvidenceView(b.dataset.view)));
$("lang").addEventListener("change", () => { lang = $("lang").value; try { localStorage.setItem("umbrella.lang", lang); } catch (e) { /* no storage */ } applyLang(); });
window.addEventListener("hashchange", () => { const tab = location.hash.slice(1); if (LOADERS[tab] && tab !== currentTab) showTab(tab); });
// evidence
$("ev-kind").addEventListener("change", async () => { delete $("ev-records-out").dataset.more; await loadFacets(); loadRecords(); });
for (const id of ["ev-actor", "ev-type"]) $(id).addEventListener("change", loadRecords);
for (const id of ["ev-start", "ev-end", "ev-text"]) $(id).addEventListener("input", debounce(loadRecords, 350));
$("tl-actor").addEventListener("change", loadTimeline);
for (const id of ["tl-start", "tl-end"]) $(id).addEventListener("input", debounce(loadTimeline, 350));
$("world-slider").addEventListener("input", debounce(() => { $("world-year").value = $("world-slider").value; loadWorld(); }, 120));
$("world-year").addEventListener("input", debounce(loadWorld, 350));
// theories
$("theory-pick").addEventListener("change", testTheory);
$("qca-go").addEventListener("click", runQca);
// games
$("game-pick").addEventListener("change", () => { $("case-pick").value = ""; loadGame(); });
$("case-pick").addEventListener("change", applyCase);
$("game-reset").addEventListener("click", () => { $("case-pick").value = ""; renderParams(true); solveGame(); });
$("map-go").addEventListener("click", drawMap);
// scenarios
$("sc-go").addEventListener("click", runScenario);
$("sc-variable").addEventListener("change", async () => { fillActors(); await loadObserved(); renderRun(); });
$("sc-actor").addEventListener("change", async () => { await loadObserved(); renderRun(); });
$("vb-start").addEventListener("click", startVariant);
$("vb-add-lever").addEventListener("click", () => {
  if (!state.variantItems) return;
  syncVariant();
  const used = new Set(state.variantItems.levers.map(x => x.lever)), lv = state.vocab.levers.find(l => !used.has(l.name)) || state.vocab.levers[0]; state.variantItems.levers.push({lever: lv.name, value: lv.default, from: +$("vb-startyear").value || undefined}); renderVariant(); variantChanged(); });
$("vb-add-shock").addEventListener("click", () => { if (!state.variantItems) return; syncVariant(); state.variantItems.shocks.push({shock: state.vocab.shocks[0].name, from: +$("vb-startyear").value || undefined}); renderVariant(); variantChanged(); });
for (const id of ["vb-id", "vb-title-en", "vb-title-zh", "vb-startyear", "vb-endyear"]) $(id).addEventListener("input", variantChanged);
$("vb-check").addEventListener("click", checkVariant);
$("vb-yaml").addEventListener("click", () => { if (state.variant) download(state.variant.check.id + ".yaml", state.variant.check.yaml, "application/yaml;charset=utf-8"); });
$("vb-use").addEventListener("click", () => { renderScenarioSelects(); $("sc-b").value = VARIANT; });
$("an-go").addEventListener("click", runSensitivity);
$("dc-go").addEventListener("click", runDiscovery);
// claims
$("cl-go").addEventListener("click", runClaims);
for (const id of ["cl-f-seed", "cl-f-status", "cl-f-type", "cl-f-basis"]) $(id).addEventListener("change", renderClaimTable);
$("cl-f-text").addEventListener("input", debounce(renderClaimTable, 250));
// results store
$("rs-run").addEventListener("change", () => showStoredRun($("rs-run").value));
$("rs-variable").addEventListener("change", () => { fillStoredOutputs(); renderStoredRun(); });
$("rs-actor").addEventListener("change", renderStoredRun);
start();
