// The offline timeline page: see timeline_html.h. The viewer script is plain JavaScript
// with no library, kept here so the binary carries everything the page needs.
#include "cli/render/timeline_html.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace cli {
namespace {

constexpr char kStyle[] = R"css(
body { font: 13px sans-serif; margin: 12px; }
#view { overflow: auto; border: 1px solid #ccc; max-height: 85vh; }
.slice { stroke: #0003; stroke-width: 0.5; }
.label { font: 10px monospace; pointer-events: none; }
.track { font: 11px monospace; }
.flow { stroke: #c33; stroke-width: 1; stroke-opacity: 0.45; fill: none; marker-end: url(#arrow); }
)css";

// Reads the trace from #trace-data and draws it into #view. Slices are nested per track by
// start time (longer first), a row per nesting depth.
constexpr char kScript[] = R"js(
const doc = JSON.parse(document.getElementById('trace-data').textContent);
const events = doc.traceEvents || [];
const colours = {run: '#9ec5fe', blocked: '#d9d9d9', pool: '#f0a500', driver: '#2e8b57',
                 FAIL: '#e00000', timer: '#b07cc6', spawn: '#7aa37a', wake: '#6fa8dc'};
const names = {}, order = {}, slicesByTid = {};
for (const e of events) {
  if (e.ph === 'M' && e.name === 'thread_name') names[e.tid] = e.args.name;
  if (e.ph === 'M' && e.name === 'thread_sort_index') order[e.tid] = e.args.sort_index;
  if (e.ph === 'X') (slicesByTid[e.tid] = slicesByTid[e.tid] || []).push(e);
}
const tids = Object.keys(slicesByTid).map(Number).sort((a, b) => (order[a] ?? a) - (order[b] ?? b));
const rowHeight = 14, gutter = 230;
let pxPerUs = 4 / ((doc.otherData && doc.otherData.slot_us) || 1);
document.getElementById('axis').textContent = 'time axis: ' +
    ((doc.otherData && doc.otherData.time_axis) || 'microseconds');
function layout() {
  let y = 0, end = 0;
  const rows = [];
  for (const tid of tids) {
    const list = slicesByTid[tid].slice().sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const open = [];
    let depth = 0;
    for (const s of list) {
      while (open.length && open[open.length - 1] <= s.ts) open.pop();
      s._depth = open.length;
      open.push(s.ts + s.dur);
      depth = Math.max(depth, s._depth + 1);
      end = Math.max(end, s.ts + s.dur);
    }
    rows.push({tid, y, depth});
    y += depth * rowHeight + 6;
  }
  return {rows, height: y, end};
}
function draw() {
  const {rows, height, end} = layout();
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', gutter + end * pxPerUs + 20);
  svg.setAttribute('height', height + 10);
  svg.innerHTML = '<defs><marker id="arrow" markerWidth="6" markerHeight="6" refX="6" refY="3" ' +
      'orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#c33"/></marker></defs>';
  const rowOf = {};
  for (const row of rows) {
    rowOf[row.tid] = row;
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', 2); t.setAttribute('y', row.y + 11); t.setAttribute('class', 'track');
    t.textContent = names[row.tid] || ('tid ' + row.tid);
    svg.appendChild(t);
    for (const s of slicesByTid[row.tid]) {
      const r = document.createElementNS(ns, 'rect');
      const x = gutter + s.ts * pxPerUs, w = Math.max(s.dur * pxPerUs, 1);
      r.setAttribute('x', x); r.setAttribute('y', row.y + s._depth * rowHeight);
      r.setAttribute('width', w); r.setAttribute('height', rowHeight - 1);
      r.setAttribute('class', 'slice');
      r.setAttribute('fill', colours[s.cat] || '#8888cc');
      r.dataset.cat = s.cat; r.dataset.name = s.name;
      const tip = document.createElementNS(ns, 'title');
      tip.textContent = s.name + '\n' + JSON.stringify(s.args || {}, null, 1);
      r.appendChild(tip);
      svg.appendChild(r);
      if (w > 40) {
        const l = document.createElementNS(ns, 'text');
        l.setAttribute('x', x + 2); l.setAttribute('y', row.y + s._depth * rowHeight + 10);
        l.setAttribute('class', 'label');
        l.textContent = s.name.slice(0, Math.floor(w / 6));
        svg.appendChild(l);
      }
    }
  }
  const starts = {};
  for (const e of events) if (e.ph === 's') starts[e.id] = e;
  for (const e of events) {
    if (e.ph !== 'f' || !starts[e.id] || !rowOf[e.tid] || !rowOf[starts[e.id].tid]) continue;
    const a = starts[e.id], p = document.createElementNS(ns, 'line');
    p.setAttribute('x1', gutter + a.ts * pxPerUs); p.setAttribute('y1', rowOf[a.tid].y + 7);
    p.setAttribute('x2', gutter + e.ts * pxPerUs); p.setAttribute('y2', rowOf[e.tid].y + 7);
    p.setAttribute('class', 'flow');
    svg.appendChild(p);
  }
  const view = document.getElementById('view');
  view.replaceChildren(svg);
  document.body.dataset.drawn = document.querySelectorAll('rect.slice').length;
}
document.getElementById('zoom-in').onclick = () => { pxPerUs *= 2; draw(); };
document.getElementById('zoom-out').onclick = () => { pxPerUs /= 2; draw(); };
draw();
)js";

}  // namespace

std::string HtmlEscape(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"},
                                    {"\"", "&quot;"}, {"'", "&#39;"}});
}

std::string JsonForScript(absl::string_view json) {
  return absl::StrReplaceAll(json, {{"</", "<\\/"}});
}

std::string RenderTimelineHtml(absl::string_view trace_json, absl::string_view title) {
  return absl::StrCat(
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>", HtmlEscape(title),
      "</title>\n<style>", kStyle, "</style></head>\n<body>\n<h1>", HtmlEscape(title),
      "</h1>\n<p id=\"axis\"></p>\n<p><button id=\"zoom-in\">zoom in</button> "
      "<button id=\"zoom-out\">zoom out</button> hover a box for its step, virtual time "
      "and detail</p>\n<div id=\"view\"></div>\n"
      "<script type=\"application/json\" id=\"trace-data\">",
      JsonForScript(trace_json), "</script>\n<script>", kScript, "</script>\n</body></html>\n");
}

}  // namespace cli
