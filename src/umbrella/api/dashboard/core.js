// ---- core: language, the API (with the bearer token), progress, input checks, errors, tables, downloads ----
let lang = "en";
const state = {};
const $ = id => document.getElementById(id);
const t = (key, vars) => {
  let s = I18N[key] ? I18N[key][lang] : key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split("{" + k + "}").join(String(v));
  return s;
};
const L = v => (v && typeof v === "object" && ("en" in v || "zh" in v)) ? (v[lang] || v.en || "") : (v == null ? "" : String(v));
const esc = s => String(s == null ? "" : s).replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
// A value of the vocabulary (strategy, intensity, status, ...) in the current language; unknown ones as given.
const word = v => (v === true ? t("yes") : v === false ? t("no") : v == null ? "—" : (I18N["v." + v] ? t("v." + v) : String(v)));
const num = (v, digits = 3) => (v == null || Number.isNaN(v)) ? "—" : (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toPrecision(digits).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "")) : String(v));
const pct = v => v == null ? "—" : (100 * v).toFixed(0) + "%";
const actorName = code => { const a = (state.actors || {})[code]; return a ? L(a.name) : code; };
const debounce = (fn, ms) => { let h = null; return (...args) => { clearTimeout(h); h = setTimeout(() => fn(...args), ms); }; };

// ---- the token: read once from the URL fragment (#token=...), kept for this tab only ----
let TOKEN = null;
function readToken() {
  const hash = location.hash.slice(1);
  if (hash.includes("token=")) {
    const params = new URLSearchParams(hash);
    const token = params.get("token");
    if (token) { try { sessionStorage.setItem("umbrella.token", token); } catch (e) { /* private mode */ } TOKEN = token; }
    const tab = params.get("tab") || "";
    history.replaceState(null, "", location.pathname + location.search + (tab ? "#" + tab : ""));
  }
  if (!TOKEN) { try { TOKEN = sessionStorage.getItem("umbrella.token"); } catch (e) { TOKEN = null; } }
}

class ApiError extends Error {
  constructor(status, lines, retryAfter) { super("request failed"); this.status = status; this.lines = lines; this.retryAfter = retryAfter; }
}
// `PATH:LINE: FIELD: message` -> {where, line, field, message}
function parseProblem(lineText) {
  const m = /^(.*?):(\d+): (.*?): ([\s\S]*)$/.exec(lineText);
  return m ? {where: m[1], line: +m[2], field: m[3], message: m[4]} : {where: "", line: 0, field: "-", message: lineText};
}

async function api(path, body, method) {
  const headers = {};
  if (TOKEN) headers["Authorization"] = "Bearer " + TOKEN;
  const opts = {method: method || (body === undefined ? "GET" : "POST"), headers};
  if (body !== undefined) { headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
  let r;
  try { r = await fetch(path, opts); } catch (e) { throw new ApiError(0, ["<network>:0: -: " + e.message]); }
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  if (!r.ok) {
    const lines = (data && Array.isArray(data.errors)) ? data.errors : ["<response>:0: -: HTTP " + r.status];
    throw new ApiError(r.status, lines, r.headers.get("Retry-After"));
  }
  return {data, warnings: r.headers.get("X-Umbrella-Warnings")};
}

// ---- messages of the API in the current language: each known message form has a translation ----
const MESSAGES = [
  [/^Input should be less than or equal to (.+)$/, "err.le"],
  [/^Input should be greater than or equal to (.+)$/, "err.ge"],
  [/^Input should be less than (.+)$/, "err.lt"],
  [/^Input should be greater than (.+)$/, "err.gt"],
  [/^Input should be a valid integer.*$/, "err.int"],
  [/^Input should be a valid number.*$/, "err.number"],
  [/^Input should be a finite number$/, "err.finite"],
  [/^Input should be a valid string$/, "err.string"],
  [/^Field required$/, "err.required"],
  [/^required field missing$/, "err.required"],
  [/^Extra inputs are not permitted$/, "err.extra"],
  [/^unknown field.*$/, "err.extra"],
  [/^Input should be (.+)$/, "err.one_of"],
  [/^String should have at most (\d+) characters?$/, "err.too_long"],
  [/^`start` (\S+) is after `end` (\S+)$/, "err.start_after_end"],
  [/^`from` (\S+) is after `to` (\S+)$/, "err.from_after_to"],
  [/^`from` (\S+) is after `end` (\S+)$/, "err.from_after_end"],
  [/^game '(.+)' requires (.+) \(got (.+)\)$/, "err.constraint"],
  [/^(\S+): (\S+)=(\S+) is outside its declared range \[(.+)\]; used as given$/, "warn.range"],
  [/^(\S+): (\S+) axis \[(.+)\] leaves its declared range \[(.+)\]; used as given$/, "warn.axis"],
  [/^at most (\d+) points per axis over HTTP \(got (\d+)\)$/, "err.grid"],
  [/^x and y must be different parameters$/, "err.same_axes"],
  [/^unknown lever '(.+)' \(known: .*\)$/, "err.unknown_lever"],
  [/^unknown shock '(.+)' \(known: .*\)$/, "err.unknown_shock"],
  [/^unknown ally '(.+)' \(known: (.*)\)$/, "err.unknown_ally"],
  [/^(lever|shock) '(.+)' is not set per ally$/, "err.not_per_ally"],
  [/^`value` is required$/, "err.value_required"],
  [/^(.+) is outside \[(.+), (.+)\]$/, "err.outside"],
  [/^(.+) is not one of (.+)$/, "err.not_option"],
  [/^(.+) is not a number in \[(.+), (.+)\]$/, "err.not_number_in"],
  [/^overlaps the setting of '(.+)' at line (\d+)$/, "err.overlap"],
  [/^(.+) is not a year \(an integer up to (\d+)\)$/, "err.not_year"],
  [/^(\S+) is before the first simulated year (\d+)$/, "err.before_start"],
  [/^(.+) is not a lower-kebab-case id$/, "err.kebab"],
  [/^needs `en` and `zh` strings$/, "err.needs_en_zh"],
  [/^(\S+): Sobol' sampling needs a power of two.*$/, "err.power_of_two"],
  [/^(\S+): Morris needs at least 2 trajectories$/, "err.morris"],
  [/^give exactly one of `above` or `below`$/, "err.above_below"],
  [/^(\S+) is outside the years of scenario (\S+) \((\d+)-(\d+)\)$/, "err.year_outside"],
  [/^(\S+) is outside the common years (\d+)-(\d+)$/, "err.year_common"],
  [/^at most (\d+) Morris trajectories over HTTP$/, "err.morris_cap"],
  [/^no job .*$/, "err.no_job"],
  [/^'(.+)' is not a scenario id .*$/, "err.unknown_scenario"],
  [/^the output is not defined \(NaN\) for some samples$/, "err.nan_output"],
  [/^no coding for (.+)$/, "reason.not_coded"],
  [/^open case .*$/, "reason.open"],
  [/^outside (?:the theory's|004's) premise: (.+) is false$/, "reason.outside_scope"],
];
function translateMessage(message) {
  for (const [re, key] of MESSAGES) {
    const m = re.exec(message);
    if (m) { const vars = {}; m.slice(1).forEach((g, i) => { vars[i + 1] = g; }); return t(key, vars); }
  }
  return lang === "zh" ? t("err.untranslated", {1: message}) : message;
}
function statusMessage(err) {
  if (!(err instanceof ApiError)) return t("err.internal", {1: String(err && err.message || err)});
  if (err.status === 401 || err.status === 403) return t("err.auth");
  if (err.status === 429) return t("err.busy", {1: err.retryAfter || "?"});
  if (err.status === 0) return t("err.network");
  return null;
}

// ---- inputs: integers and numbers checked in the page, errors next to the input ----
function clearErrors(root) {
  (root || document).querySelectorAll(".field-error").forEach(e => e.remove());
  (root || document).querySelectorAll(".invalid").forEach(e => e.classList.remove("invalid"));
}
function markError(input, message) {
  if (!input) return;
  input.classList.add("invalid");
  const holder = input.closest("label") || input.parentElement;
  const note = document.createElement("div");
  note.className = "field-error";
  note.textContent = message;
  holder.appendChild(note);
}
// The value of a text input as an integer/number within [min, max]; null (and an error beside it) if not.
function readNumber(input, {integer = false, min = null, max = null, optional = false} = {}) {
  const raw = input.value.trim();
  if (raw === "") { if (optional) return undefined; markError(input, t("err.required")); return null; }
  const re = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  if (!re.test(raw)) { markError(input, t(integer ? "err.int" : "err.number")); return null; }
  const v = Number(raw);
  if (!Number.isFinite(v)) { markError(input, t("err.finite")); return null; }
  if (min != null && v < min) { markError(input, t("err.ge", {1: min})); return null; }
  if (max != null && v > max) { markError(input, t("err.le", {1: max})); return null; }
  return v;
}
// Problems of an API error shown next to their inputs (`fields`: field -> input, or a function of the
// field); the rest in the status line. Returns nothing; the caller has cleared stale results.
function showError(statusEl, err, fields) {
  const lines = [];
  const general = statusMessage(err);
  if (general) lines.push(general);
  else for (const line of err.lines || []) {
    const p = parseProblem(line);
    const input = typeof fields === "function" ? fields(p.field) : (fields || {})[p.field];
    const message = translateMessage(p.message);
    if (input) markError(input, message);
    else lines.push((p.field && p.field !== "-" ? p.field + ": " : "") + message);
  }
  statusEl.innerHTML = lines.length ? '<div class="errors">' + esc(lines.join("\n")) + "</div>" : '<div class="errors">' + esc(t("err.see_fields")) + "</div>";
}

// ---- progress: a spinner for short requests, a bar for jobs ----
const seconds = start => ((Date.now() - start) / 1000).toFixed(1);
async function busy(statusEl, button, work, fields) {
  const start = Date.now();
  const tick = () => { statusEl.innerHTML = '<span class="spinner"></span>' + esc(t("running")) + " " + ((Date.now() - start) / 1000).toFixed(0) + " " + esc(t("seconds")); };
  tick(); const timer = setInterval(tick, 500);
  if (button) button.disabled = true;
  try { const out = await work(); statusEl.textContent = t("done", {1: seconds(start)}); return out === undefined ? true : out; }
  catch (e) { showError(statusEl, e, fields); return null; }
  finally { clearInterval(timer); if (button) button.disabled = false; }
}
// A job (a computation in the server's one bounded queue): started (retried after Retry-After while the
// queue is full, at most 3 times), then polled: waiting, running with a bar, cancellable; its result or null.
const FINISHED = ["done", "error", "cancelled"];
const sleep = ms => new Promise(r => setTimeout(r, ms));
async function startJob(path, body, statusEl) {
  for (let attempt = 0; ; attempt++) {
    try { return (await api(path, body)).data; }
    catch (e) {
      if (!(e instanceof ApiError) || e.status !== 429 || attempt >= 3) throw e;
      const wait = Math.min(30, Math.max(1, Number(e.retryAfter) || 2));
      statusEl.innerHTML = '<span class="spinner"></span>' + esc(t("job.retry", {1: wait}));
      await sleep(wait * 1000);
    }
  }
}
async function job(path, body, statusEl, button, fields) {
  const start = Date.now();
  if (button) button.disabled = true;
  statusEl.innerHTML = '<span class="spinner"></span>' + esc(t("running"));
  try {
    let s = await startJob(path, body, statusEl);
    statusEl.innerHTML = '<span class="spinner"></span><span class="job-line"></span> <button class="link" data-act="cancel"></button>';
    const line = statusEl.querySelector(".job-line"), cancel = statusEl.querySelector('[data-act="cancel"]');
    cancel.textContent = t("job.cancel");
    cancel.onclick = async () => { cancel.disabled = true; try { s = (await api("/api/jobs/" + encodeURIComponent(s.id), undefined, "DELETE")).data || s; } catch (e) { cancel.replaceWith(" " + (statusMessage(e) || translateMessage(parseProblem((e.lines || [""])[0]).message))); } };
    while (!FINISHED.includes(s.state)) {
      const bar = s.total ? '<progress max="' + s.total + '" value="' + s.done + '"></progress> ' + s.done + " / " + s.total + " · " : "";
      line.innerHTML = s.state === "queued" ? esc(t("job.queued")) : s.state === "cancelling" ? esc(t("job.cancelling"))
        : esc(t("running")) + " " + bar + seconds(start).split(".")[0] + " " + esc(t("seconds"));
      await sleep(300);
      s = (await api("/api/jobs/" + encodeURIComponent(s.id))).data;
    }
    if (s.state === "cancelled") { statusEl.textContent = t("job.cancelled"); return null; }
    if (s.state !== "done") throw new ApiError(400, s.errors || ["<job>:0: -: " + s.state]);
    statusEl.textContent = t("done", {1: seconds(start)});
    return s.result;
  } catch (e) { showError(statusEl, e, fields); return null; }
  finally { if (button) button.disabled = false; }
}

// ---- downloads ----
function download(name, content, type) {
  const blob = content instanceof Blob ? content : new Blob([content], {type: type || "text/plain;charset=utf-8"});
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
// CSV of raw values (the API's numbers as JSON gives them; objects as JSON text).
function csv(header, rows) {
  const cell = v => {
    if (v == null) return "";
    const s = typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [header, ...rows].map(r => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
const fileName = (...parts) => parts.filter(p => p != null && p !== "").join("-").replace(/[^\w.-]+/g, "_");

// ---- tables: columns {key, label, value(row) (raw, for CSV), html(row) (shown), cls}; rows clickable ----
function renderTable(el, {columns, rows, name, onRow, selected, limit = 200}) {
  const shown = rows.slice(0, el.dataset.more ? rows.length : limit);
  const head = "<tr>" + columns.map(c => "<th>" + esc(c.label) + "</th>").join("") + "</tr>";
  const body = shown.map((r, i) => '<tr data-i="' + i + '"' + (onRow ? ' class="clickable' + (selected && selected(r) ? " selected" : "") + '"' : "") + ">" +
    columns.map(c => '<td class="' + (c.cls || "") + '">' + (c.html ? c.html(r) : esc(c.value(r) == null ? "—" : c.value(r))) + "</td>").join("") + "</tr>").join("");
  el.innerHTML = '<div class="table-wrap"><table>' + head + body + "</table></div>" +
    '<div class="table-tools"><span>' + esc(t("rows", {1: rows.length})) + (shown.length < rows.length ? ' · <button class="link" data-act="more">' + esc(t("show_all")) + "</button>" : "") +
    '</span><button data-act="csv">CSV</button></div>';
  el.querySelector('[data-act="csv"]').onclick = () => download(name + ".csv", csv(columns.map(c => c.key), rows.map(r => columns.map(c => c.value(r)))), "text/csv;charset=utf-8");
  const more = el.querySelector('[data-act="more"]');
  if (more) more.onclick = () => { el.dataset.more = "1"; renderTable(el, {columns, rows, name, onRow, selected, limit}); };
  if (onRow) el.querySelectorAll("tr[data-i]").forEach(tr => tr.addEventListener("click", () => onRow(shown[+tr.dataset.i])));
}
const col = (key, label, value, extra) => Object.assign({key, label: t(label), value: value || (r => r[key])}, extra || {});

// ---- small selects ----
function fillSelect(el, options, keep) {
  const prev = keep ? el.value : null;
  el.innerHTML = options.map(([v, label]) => '<option value="' + esc(v) + '">' + esc(label) + "</option>").join("");
  if (prev != null && options.some(([v]) => String(v) === prev)) el.value = prev;
}
