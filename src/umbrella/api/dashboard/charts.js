// ---- charts: hand-written SVG sized to their container (redrawn when the window resizes), each with
// SVG, PNG and CSV downloads; the CSV holds the API's numbers the chart draws ----
const PALETTE = ["#1f5fa8", "#d2691e", "#2e7d32", "#8e44ad", "#b3261e", "#00838f", "#7f6000", "#c2185b", "#5d6d7e", "#6d4c41"];
const FONT = 'font-family:system-ui, &quot;WenQuanYi Micro Hei&quot;, &quot;Noto Sans CJK SC&quot;, sans-serif;font-size:11px';
const CHARTS = new Set();

function chart(el, spec) {
  el.innerHTML = '<figure class="chart"><div class="holder"></div><div class="tools">' +
    '<button data-act="svg">SVG</button><button data-act="png">PNG</button>' + (spec.csv ? '<button data-act="csv">CSV</button>' : "") +
    "</div>" + (spec.caption ? "<figcaption>" + esc(spec.caption) + "</figcaption>" : "") + "</figure>";
  const fig = el.firstChild, holder = fig.querySelector(".holder");
  fig._spec = spec;
  CHARTS.add(fig);
  drawChart(fig);
  fig.querySelector('[data-act="svg"]').onclick = () => download(spec.name + ".svg", svgText(holder.querySelector("svg")), "image/svg+xml");
  fig.querySelector('[data-act="png"]').onclick = () => pngOf(holder.querySelector("svg")).then(blob => download(spec.name + ".png", blob));
  if (spec.csv) fig.querySelector('[data-act="csv"]').onclick = () => { const [h, rows] = spec.csv(); download(spec.name + ".csv", csv(h, rows), "text/csv;charset=utf-8"); };
  if (spec.onClick) holder.addEventListener("click", e => { const hit = e.target.closest("[data-id]"); if (hit) spec.onClick(hit.getAttribute("data-id")); });
  return fig;
}
function drawChart(fig) {
  const holder = fig.querySelector(".holder");
  const width = Math.max(320, Math.floor(holder.clientWidth || fig.parentElement.clientWidth || 760));
  holder.innerHTML = fig._spec.draw(width);
}
window.addEventListener("resize", debounce(() => {
  for (const fig of [...CHARTS]) {
    if (!fig.isConnected) { CHARTS.delete(fig); continue; }
    if (fig.offsetParent !== null) drawChart(fig);
  }
}, 150));
// Charts of a tab drawn while it was hidden are redrawn at their real width when it shows.
function redrawVisible() { for (const fig of [...CHARTS]) if (fig.isConnected && fig.offsetParent !== null) drawChart(fig); else if (!fig.isConnected) CHARTS.delete(fig); }

const svgText = svg => '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
async function pngOf(svg, scale = 2) {
  const w = +svg.getAttribute("width"), h = +svg.getAttribute("height");
  const img = new Image();
  img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = w * scale; canvas.height = h * scale;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale); ctx.drawImage(img, 0, 0, w, h);
  return new Promise(resolve => canvas.toBlob(resolve, "image/png"));
}

// ---- helpers ----
const svgOpen = (w, h) => '<svg width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + " " + h + '" role="img" style="' + FONT + '"><rect width="' + w + '" height="' + h + '" fill="#fff"/>';
const txt = (x, y, s, extra) => '<text x="' + x.toFixed(1) + '" y="' + y.toFixed(1) + '" fill="#1d2330" ' + (extra || "") + ">" + esc(s) + "</text>";
const textWidth = s => [...String(s)].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 11 : 6.2), 0);
function niceTicks(lo, hi, n = 5) {
  const span = hi - lo || 1, raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => span / s <= n) || 10 * mag;
  const ticks = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) ticks.push(Math.abs(v) < 1e-12 ? 0 : v);
  return ticks;
}
const fmtTick = v => Math.abs(v) >= 1000 ? v.toFixed(0) : String(+v.toPrecision(4));
// The y domain: [0, ...] for non-negative quantities (every [0, 1] index, share and probability starts at
// 0), and 0 inside the domain for differences.
function yDomain(values, {unit01 = false, includeZero = true} = {}) {
  const vals = values.filter(v => v != null && Number.isFinite(v));
  let lo = Math.min(...vals, includeZero ? 0 : Infinity), hi = Math.max(...vals, includeZero ? 0 : -Infinity);
  if (!vals.length) { lo = 0; hi = 1; }
  if (unit01 && lo >= 0) { lo = 0; hi = hi <= 0 ? 1 : Math.min(1, hi * 1.08 + 1e-9); }
  else { const pad = (hi - lo || Math.abs(hi) || 1) * 0.06; hi += pad; if (lo < 0) lo -= pad; }
  return [lo, hi];
}
// A legend that wraps at `maxW`: {svg, height}.
function legend(items, x, y, maxW) {
  let out = "", xx = x, yy = y;
  for (const it of items) {
    const w = 26 + textWidth(it.label) + 14;
    if (xx + w > x + maxW && xx > x) { xx = x; yy += 16; }
    out += it.band ? '<rect x="' + xx + '" y="' + (yy - 8) + '" width="18" height="10" fill="' + it.color + '" fill-opacity="' + (it.opacity || 0.2) + '"/>'
      : it.dot ? '<circle cx="' + (xx + 9) + '" cy="' + (yy - 3) + '" r="3.5" fill="' + it.color + '"/>'
      : '<line x1="' + xx + '" x2="' + (xx + 18) + '" y1="' + (yy - 3) + '" y2="' + (yy - 3) + '" stroke="' + it.color + '" stroke-width="2"' + (it.dash ? ' stroke-dasharray="5 3"' : "") + "/>";
    out += txt(xx + 24, yy, it.label);
    xx += w;
  }
  return {svg: out, height: items.length ? yy - y + 16 : 0};
}

// ---- lines with bands over years, observed points overlaid ----
// spec: {title, x: [years], yLabel, unit01, includeZero, series: [{label, color, mean, lo, hi, dash}],
//        points: [{label, color, data: [{x, y, lo, hi}]}], zero: bool (a line at 0)}
function lineChart(spec) {
  return W => {
    const xs = spec.x, series = spec.series || [], points = spec.points || [];
    const items = [];
    series.forEach(ser => { items.push({label: ser.label, color: ser.color, dash: ser.dash}); if (ser.lo) items.push({label: ser.bandLabel || t("band"), color: ser.color, band: true}); });
    points.forEach(p => items.push({label: p.label, color: p.color, dot: true}));
    const L = 58, R = 16, B = 40, key = legend(items, L, 34, W - L - R), T = 30 + key.height;
    const H = Math.round(Math.min(420, Math.max(260, W * 0.42))) + key.height;
    const all = [];
    series.forEach(s => all.push(...s.mean, ...(s.lo || []), ...(s.hi || [])));
    points.forEach(p => p.data.forEach(d => all.push(d.y, d.lo, d.hi)));
    const [lo, hi] = yDomain(all, {unit01: spec.unit01, includeZero: spec.includeZero !== false});
    const x0 = Math.min(...xs, ...points.flatMap(p => p.data.map(d => d.x))), x1 = Math.max(...xs, ...points.flatMap(p => p.data.map(d => d.x)));
    const X = v => L + (x1 > x0 ? (v - x0) / (x1 - x0) : 0.5) * (W - L - R);
    const Y = v => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
    let s = svgOpen(W, H) + txt(L, 16, spec.title, 'font-weight="600" font-size="12"');
    for (const v of niceTicks(lo, hi)) s += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + Y(v).toFixed(1) + '" y2="' + Y(v).toFixed(1) + '" stroke="' + (v === 0 ? "#9aa3b2" : "#e3e6ec") + '"/>' + txt(L - 6, Y(v) + 4, fmtTick(v), 'text-anchor="end"');
    const step = Math.max(1, Math.ceil((x1 - x0 + 1) / Math.max(2, Math.floor((W - L - R) / 52))));
    for (let yr = Math.ceil(x0); yr <= x1; yr += step) s += txt(X(yr), H - B + 16, String(yr), 'text-anchor="middle"');
    s += '<line x1="' + L + '" x2="' + L + '" y1="' + T + '" y2="' + (H - B) + '" stroke="#9aa3b2"/>';
    if (spec.yLabel) s += txt(12, T + (H - T - B) / 2, spec.yLabel, 'text-anchor="middle" transform="rotate(-90 12 ' + (T + (H - T - B) / 2) + ')"');
    const path = arr => arr.map((v, i) => v == null ? null : X(xs[i]).toFixed(1) + "," + Y(v).toFixed(1)).filter(Boolean);
    for (const ser of series) {
      if (ser.lo && ser.hi) s += '<polygon points="' + path(ser.hi).concat(path(ser.lo).reverse()).join(" ") + '" fill="' + ser.color + '" fill-opacity="0.16"/>';
      s += '<polyline points="' + path(ser.mean).join(" ") + '" fill="none" stroke="' + ser.color + '" stroke-width="2"' + (ser.dash ? ' stroke-dasharray="6 3"' : "") + "/>";
    }
    for (const p of points) for (const d of p.data) {
      if (d.lo != null && d.hi != null) s += '<line x1="' + X(d.x).toFixed(1) + '" x2="' + X(d.x).toFixed(1) + '" y1="' + Y(d.lo).toFixed(1) + '" y2="' + Y(d.hi).toFixed(1) + '" stroke="' + p.color + '"/>';
      if (d.y != null) s += '<circle cx="' + X(d.x).toFixed(1) + '" cy="' + Y(d.y).toFixed(1) + '" r="3.2" fill="' + p.color + '" stroke="#fff" stroke-width="0.8"><title>' + esc(p.label + " " + d.x + ": " + num(d.y)) + "</title></circle>";
    }
    return s + key.svg + "</svg>";
  };
}

// ---- horizontal bars, optionally with intervals ----
// spec: {title, rows: [{label, value, lo, hi, color, note}], domain: [a, b] (optional), xLabel}
function barChart(spec) {
  return W => {
    const rows = spec.rows, rowH = 22, T = 40, B = 34;
    const labelW = Math.min(W * 0.42, Math.max(...rows.map(r => textWidth(r.label)), 40) + 12);
    const H = T + B + rows.length * rowH;
    const vals = rows.flatMap(r => [r.value, r.lo, r.hi]).filter(v => v != null && Number.isFinite(v));
    const [lo, hi] = spec.domain || yDomain(vals, {unit01: spec.unit01});
    const L = labelW + 6, R = rows.some(r => r.note) ? Math.min(130, Math.max(...rows.map(r => r.note ? textWidth(r.note) : 0)) + 10) : 20;
    const X = v => L + (v - lo) / (hi - lo) * (W - L - R);
    let s = svgOpen(W, H) + txt(8, 16, spec.title, 'font-weight="600" font-size="12"');
    for (const v of niceTicks(lo, hi)) s += '<line x1="' + X(v).toFixed(1) + '" x2="' + X(v).toFixed(1) + '" y1="' + (T - 4) + '" y2="' + (H - B) + '" stroke="' + (v === 0 ? "#9aa3b2" : "#e3e6ec") + '"/>' + txt(X(v), H - B + 14, fmtTick(v), 'text-anchor="middle"');
    rows.forEach((r, i) => {
      const y = T + i * rowH;
      s += txt(labelW, y + 14, r.label, 'text-anchor="end"' + (r.highlight ? ' font-weight="700"' : ""));
      if (r.value != null) {
        const a = X(Math.max(lo, Math.min(0, hi))), b = X(r.value);
        s += '<rect x="' + Math.min(a, b).toFixed(1) + '" y="' + (y + 4) + '" width="' + Math.abs(b - a).toFixed(1) + '" height="' + (rowH - 9) + '" fill="' + (r.color || PALETTE[0]) + '" fill-opacity="' + (r.highlight ? 0.9 : 0.6) + '"><title>' + esc(r.label + ": " + num(r.value)) + "</title></rect>";
      }
      if (r.lo != null && r.hi != null) s += '<line x1="' + X(r.lo).toFixed(1) + '" x2="' + X(r.hi).toFixed(1) + '" y1="' + (y + 10) + '" y2="' + (y + 10) + '" stroke="#1d2330" stroke-width="1.5"/>' +
        '<line x1="' + X(r.lo).toFixed(1) + '" x2="' + X(r.lo).toFixed(1) + '" y1="' + (y + 5) + '" y2="' + (y + 15) + '" stroke="#1d2330"/>' + '<line x1="' + X(r.hi).toFixed(1) + '" x2="' + X(r.hi).toFixed(1) + '" y1="' + (y + 5) + '" y2="' + (y + 15) + '" stroke="#1d2330"/>';
      else if (r.lo != null) s += '<line x1="' + X(r.lo).toFixed(1) + '" x2="' + X(r.lo).toFixed(1) + '" y1="' + (y + 3) + '" y2="' + (y + 17) + '" stroke="#1d2330" stroke-width="2"/>';
      if (r.note) s += txt(W - R + 4, y + 14, r.note);
    });
    if (spec.xLabel) s += txt(L + (W - L - R) / 2, H - 4, spec.xLabel, 'text-anchor="middle"');
    return s + "</svg>";
  };
}

// ---- stacked horizontal bars (counts) ----
// spec: {title, rows: [{label, parts: [{key, value}]}], keys: [{key, label, color}]}
function stackChart(spec) {
  return W => {
    const rows = spec.rows, rowH = 22, B = 30;
    const labelW = Math.max(...rows.map(r => textWidth(r.label)), 30) + 12, L = labelW + 6, R = 40;
    const key = legend(spec.keys.map(k => ({label: k.label, color: k.color, dot: true})), L, 34, W - L - R), T = 30 + key.height;
    const H = T + B + rows.length * rowH;
    const max = Math.max(1, ...rows.map(r => r.parts.reduce((a, p) => a + p.value, 0)));
    const X = v => L + v / max * (W - L - R);
    let s = svgOpen(W, H) + txt(8, 16, spec.title, 'font-weight="600" font-size="12"');
    s += key.svg;
    for (const v of niceTicks(0, max)) s += '<line x1="' + X(v).toFixed(1) + '" x2="' + X(v).toFixed(1) + '" y1="' + (T - 2) + '" y2="' + (H - B) + '" stroke="#e3e6ec"/>' + txt(X(v), H - B + 14, fmtTick(v), 'text-anchor="middle"');
    rows.forEach((r, i) => {
      const y = T + i * rowH;
      s += txt(labelW, y + 14, r.label, 'text-anchor="end"');
      let acc = 0;
      for (const k of spec.keys) {
        const part = r.parts.find(p => p.key === k.key); if (!part || !part.value) continue;
        s += '<rect x="' + X(acc).toFixed(1) + '" y="' + (y + 4) + '" width="' + (X(acc + part.value) - X(acc)).toFixed(1) + '" height="' + (rowH - 8) + '" fill="' + k.color + '"><title>' + esc(r.label + " · " + k.label + ": " + part.value) + "</title></rect>";
        acc += part.value;
      }
      s += txt(X(acc) + 4, y + 14, String(acc));
    });
    return s + "</svg>";
  };
}

// ---- a categorical grid over two parameters (game maps) ----
// spec: {title, x: {name, values}, y: {name, values}, cells: [[cat]], label(cat), marks: [[bool|null]], markLabel}
function gridChart(spec) {
  return W => {
    const cats = [...new Set(spec.cells.flat().map(String))];
    const color = c => PALETTE[cats.indexOf(String(c)) % PALETTE.length];
    const L = 62, R = 16, T = 24, nx = spec.x.values.length, ny = spec.y.values.length;
    const side = Math.max(6, Math.min(28, Math.floor((W - L - R) / nx)));
    const gw = side * nx, gh = side * ny;
    const key = legend(cats.map(c => ({label: spec.label(c), color: color(c), band: true, opacity: 0.75})).concat(spec.marks ? [{label: spec.markLabel, color: "#1d2330", dot: true}] : []), L, T + gh + 50, W - L - R);
    const H = T + gh + 44 + key.height + 8;
    let s = svgOpen(W, H) + txt(8, 16, spec.title, 'font-weight="600" font-size="12"');
    spec.cells.forEach((row, j) => row.forEach((c, i) => {
      const x = L + i * side, y = T + (ny - 1 - j) * side;
      s += '<rect x="' + x + '" y="' + y + '" width="' + side + '" height="' + side + '" fill="' + color(c) + '" fill-opacity="0.75"><title>' +
        esc(spec.x.name + "=" + num(spec.x.values[i]) + ", " + spec.y.name + "=" + num(spec.y.values[j]) + ": " + spec.label(c)) + "</title></rect>";
      const mark = spec.marks && spec.marks[j] ? spec.marks[j][i] : null;
      if (mark === true) s += '<circle cx="' + (x + side / 2) + '" cy="' + (y + side / 2) + '" r="' + Math.max(1.5, side / 7) + '" fill="#fff"/>';
    }));
    const tickEvery = Math.max(1, Math.ceil(nx / Math.max(2, Math.floor(gw / 48))));
    spec.x.values.forEach((v, i) => { if (i % tickEvery === 0 || i === nx - 1) s += txt(L + i * side + side / 2, T + gh + 14, num(v, 3), 'text-anchor="middle"'); });
    const tickEveryY = Math.max(1, Math.ceil(ny / Math.max(2, Math.floor(gh / 18))));
    spec.y.values.forEach((v, j) => { if (j % tickEveryY === 0 || j === ny - 1) s += txt(L - 4, T + (ny - 1 - j) * side + side / 2 + 4, num(v, 3), 'text-anchor="end"'); });
    s += txt(L + gw / 2, T + gh + 30, spec.x.name, 'text-anchor="middle"') + txt(12, T + gh / 2, spec.y.name, 'text-anchor="middle" transform="rotate(-90 12 ' + (T + gh / 2) + ')"');
    s += key.svg;
    return s + "</svg>";
  };
}

// ---- a game tree, root at the left; the equilibrium strategy's actions bold, the equilibrium path in colour ----
// spec: {title, root, nodeLabel(node), edgeLabel(edge, node), leafLabel(node)}
function treeChart(spec) {
  return W => {
    const leaves = [];
    let maxDepth = 0;
    const layout = (node, depth) => {
      maxDepth = Math.max(maxDepth, depth);
      const kids = node.type === "decision" ? node.actions : node.type === "chance" ? node.branches : [];
      node._d = depth;
      if (!kids.length) { node._y = leaves.length; leaves.push(node); return node._y; }
      const ys = kids.map(k => layout(k.child, depth + 1));
      node._y = (ys[0] + ys[ys.length - 1]) / 2;
      return node._y;
    };
    layout(spec.root, 0);
    const rowH = 20, T = 30, L = 10;
    const leafW = Math.min(W * 0.42, Math.max(...leaves.map(n => textWidth(spec.leafLabel(n)))) + 16);
    const stepX = (W - L - leafW - 70) / Math.max(1, maxDepth);
    const H = T + leaves.length * rowH + 16;
    const X = d => L + 60 + d * stepX, Y = y => T + y * rowH + 8;
    let s = svgOpen(W, H) + txt(8, 16, spec.title, 'font-weight="600" font-size="12"');
    const draw = node => {
      const kids = node.type === "decision" ? node.actions : node.type === "chance" ? node.branches : [];
      for (const k of kids) {
        const onPath = node.reached && (node.type === "chance" ? k.probability > 0 : k.chosen);
        const strong = node.type === "decision" && k.chosen;
        const x1 = X(node._d), y1 = Y(node._y), x2 = X(k.child._d), y2 = Y(k.child._y);
        s += '<path d="M' + x1 + "," + y1 + " C" + (x1 + stepX / 2) + "," + y1 + " " + (x1 + stepX / 2) + "," + y2 + " " + x2 + "," + y2 + '" fill="none" stroke="' + (onPath ? "#b3261e" : strong ? "#1f5fa8" : "#aab2bf") + '" stroke-width="' + (onPath ? 2.6 : strong ? 1.8 : 1) + '"' + (node.type === "chance" ? ' stroke-dasharray="4 3"' : "") + "/>";
        s += txt((x1 + x2) / 2, y2 - 3, spec.edgeLabel(k, node), 'text-anchor="middle" font-size="10"' + (onPath ? ' fill="#b3261e" font-weight="600"' : ""));
        draw(k.child);
      }
      if (node.type === "terminal") s += '<rect x="' + (X(node._d) - 3) + '" y="' + (Y(node._y) - 3) + '" width="6" height="6" fill="' + (node.reached ? "#b3261e" : "#5b6474") + '"/>' + txt(X(node._d) + 8, Y(node._y) + 4, spec.leafLabel(node), node.reached ? 'font-weight="600"' : "");
      else s += '<circle cx="' + X(node._d) + '" cy="' + Y(node._y) + '" r="5" fill="' + (node.type === "chance" ? "#fff" : node.reached ? "#b3261e" : "#1f5fa8") + '" stroke="#1d2330"/>' + txt(X(node._d) - 8, Y(node._y) - 7, spec.nodeLabel(node), 'text-anchor="end" font-size="10"');
    };
    draw(spec.root);
    return s + "</svg>";
  };
}

// ---- events on a time axis, one lane per type; a dot is clickable ----
// spec: {title, events: [{id, x, type, label}], typeLabel(type)}
function timelineChart(spec) {
  return W => {
    const types = [...new Set(spec.events.map(e => e.type))].sort();
    const labelW = Math.max(...types.map(ty => textWidth(spec.typeLabel(ty))), 30) + 12;
    const L = labelW + 8, R = 16, T = 26, laneH = 18, B = 30;
    const H = T + types.length * laneH + B;
    const xs = spec.events.map(e => e.x);
    const x0 = Math.floor(Math.min(...xs)), x1 = Math.ceil(Math.max(...xs)) + 1;
    const X = v => L + (v - x0) / Math.max(1, x1 - x0) * (W - L - R);
    let s = svgOpen(W, H) + txt(8, 16, spec.title, 'font-weight="600" font-size="12"');
    types.forEach((ty, i) => { s += txt(labelW, T + i * laneH + 12, spec.typeLabel(ty), 'text-anchor="end"') + '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + (T + i * laneH + 8) + '" y2="' + (T + i * laneH + 8) + '" stroke="#eef0f4"/>'; });
    for (const v of niceTicks(x0, x1, Math.max(3, Math.floor((W - L - R) / 60)))) s += '<line x1="' + X(v).toFixed(1) + '" x2="' + X(v).toFixed(1) + '" y1="' + T + '" y2="' + (H - B) + '" stroke="#e3e6ec"/>' + txt(X(v), H - B + 14, fmtTick(v), 'text-anchor="middle"');
    for (const e of spec.events) {
      const i = types.indexOf(e.type);
      s += '<circle data-id="' + esc(e.id) + '" cx="' + X(e.x).toFixed(1) + '" cy="' + (T + i * laneH + 8) + '" r="4.5" fill="' + PALETTE[i % PALETTE.length] + '" fill-opacity="0.8" style="cursor:pointer"><title>' + esc(e.label) + "</title></circle>";
    }
    return s + "</svg>";
  };
}
