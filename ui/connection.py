"""The overall-connection chart, drawn as a plain SVG by a few lines of script of our own.

It is the one chart Over time draws at first. Drawn by Vega, it cost the browser about 60 ms on every
visit, whatever it showed; drawn like this, a few milliseconds (issue 15). `workbook.drawing` works out
what goes where, and every tooltip, in the language spoken; this script only lays that out at the
width the page has (again when the width changes) and writes every word as text (`textContent`), so
the client's own notes are never read as HTML.

What a person meets: the points (one a session, or a month's average), a faint line through them, the
dashed average of the last few, the shaded band where a session is worth raising, and a green line on
each day feedback was shared; hovering a point or a green line shows its date, ratings and note. A
screen reader hears the chart's description (its alt text); the numbers are in the Table tab beside it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from workbook.drawing import BLUE, GREEN, ZONE

_HTML = '<div class="connection"></div>'

_CSS = f"""
.connection {{ font-family: var(--st-font, inherit); color: var(--st-text-color, inherit); }}
svg {{ display: block; overflow: visible; }}
text {{ fill: currentColor; font-size: 11px; }}
.grid {{ stroke: currentColor; stroke-opacity: 0.12; }}
.axis {{ stroke: currentColor; stroke-opacity: 0.35; }}
.band {{ fill: {ZONE}; fill-opacity: 0.16; }}
.band-said {{ fill: #8a5a00; }}
.line {{ fill: none; stroke: {BLUE}; stroke-width: 1.5; stroke-opacity: 0.6; }}
.rolling {{ fill: none; stroke: {BLUE}; stroke-width: 2.5; stroke-dasharray: 6 4; }}
.point {{ fill: {BLUE}; stroke: transparent; stroke-width: 6; }}
.mark line {{ stroke: {GREEN}; stroke-width: 2; }}
.mark line.reach {{ stroke: transparent; stroke-width: 9; }}
.mark text {{ fill: {GREEN}; font-size: 10px; }}
.crowded .mark line:not(.reach) {{ stroke-width: 1; stroke-opacity: 0.5; }}
@media (forced-colors: active) {{
  .point, .mark line:not(.reach) {{ fill: CanvasText; stroke: CanvasText; }}
  .line, .rolling {{ stroke: CanvasText; }}
}}
"""

_JS = """
const SVG = "http://www.w3.org/2000/svg";
const HEIGHT = 300, TOP = 10, BOTTOM = 26, LEFT = 48, RIGHT = 10, PAD = 6;

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function said(node, words) {  // the client's words, and every other word, as text
  const title = el("title", {}, node);
  title.textContent = words;
  return node;
}

function draw(host, data, width) {
  const svg = el("svg", { width, height: HEIGHT, role: "img", "aria-label": data.label });
  if (data.crowded) svg.classList.add("crowded");
  host.replaceChildren(svg);  // in the page from the start: a label's width is measured there
  const plot = HEIGHT - TOP - BOTTOM;
  const x = (at) => LEFT + PAD + at * (width - LEFT - RIGHT - 2 * PAD);
  const y = (value) => TOP + (1 - value / 10) * plot;
  for (const [value, text] of data.y_labels) {
    el("line", { class: "grid", x1: LEFT, x2: width - RIGHT, y1: y(value), y2: y(value) }, svg);
    const label = el("text", { x: LEFT - 6, y: y(value), "text-anchor": "end", "dominant-baseline": "middle" }, svg);
    label.textContent = text;
  }
  const title = el("text", { "text-anchor": "middle", transform: `translate(12 ${TOP + plot / 2}) rotate(-90)` }, svg);
  title.textContent = data.y_title;
  el("line", { class: "axis", x1: LEFT, x2: width - RIGHT, y1: y(0), y2: y(0) }, svg);
  let end = -Infinity;  // a date label is left out where it would overlap the one before it
  for (const [at, text] of data.x_labels) {
    const label = el("text", { class: "date", y: HEIGHT - 8, "text-anchor": "middle" }, svg);
    label.textContent = text;
    const half = label.getComputedTextLength() / 2;
    const middle = Math.min(Math.max(x(at), LEFT + half), width - half);
    if (middle - half < end + 10) { label.remove(); continue; }
    label.setAttribute("x", middle);
    el("line", { class: "axis", x1: x(at), x2: x(at), y1: y(0), y2: y(0) + 4 }, svg);
    end = middle + half;
  }
  if (data.band.length) {
    const [[first, value]] = data.band;  // in steps, changing halfway between two sessions
    let path = `M${x(first)},${y(0)}V${y(value)}`;
    data.band.forEach(([at, value], n) => {
      if (n) path += `H${(x(data.band[n - 1][0]) + x(at)) / 2}V${y(value)}`;
    });
    path += `H${x(data.band[data.band.length - 1][0])}`;
    el("path", { class: "band", d: path + `V${y(0)}Z` }, svg);
    el("text", { class: "band-said", x: x(0) + 4, y: y(0.2) }, svg).textContent = data.band_said;
  }
  const line = (n) => data.points.filter((p) => p[n] !== null).map((p) => `${x(p[0])},${y(p[n])}`).join(" ");
  el("polyline", { class: "line", points: line(1) }, svg);
  el("polyline", { class: "rolling", points: line(2) }, svg);
  for (const [at, words] of data.marks) {
    const mark = said(el("g", { class: "mark" }, svg), words);
    el("line", { x1: x(at), x2: x(at), y1: TOP, y2: y(0) }, mark);
    el("line", { class: "reach", x1: x(at), x2: x(at), y1: TOP, y2: y(0) }, mark);
    if (!data.crowded) {
      el("text", { transform: `translate(${x(at) - 6} ${TOP + 4}) rotate(-90)`, "text-anchor": "end" }, mark)
        .textContent = data.mark_word;
    }
  }
  for (const [at, overall, , words] of data.points) {
    if (overall !== null) said(el("circle", { class: "point", cx: x(at), cy: y(overall), r: 4.4 }, svg), words);
  }
}

export default function ({ parentElement, data }) {
  const host = parentElement.querySelector(".connection");
  // Streamlit calls this again for new data, but runs a returned cleanup only when the chart goes: so
  // one watcher of the width per chart, which always draws the newest data.
  const state = host.__chart || (host.__chart = { shown: "", width: 0 });
  state.data = data;
  const redraw = () => {
    const width = Math.floor(host.getBoundingClientRect().width);
    const shown = JSON.stringify(state.data);
    if (width > 0 && (width !== state.width || shown !== state.shown)) {
      state.width = width;
      state.shown = shown;
      draw(host, state.data, width);
    }
  };
  redraw();
  if (!state.watch) {
    state.watch = new ResizeObserver(redraw);
    state.watch.observe(host);
  }
  return () => { state.watch.disconnect(); state.watch = null; };
}
"""

_chart = st.components.v2.component("alliance_connection", html=_HTML, css=_CSS, js=_JS, isolate_styles=True)


def connection_chart(drawing: dict[str, Any], *, label: str, key: str) -> None:
    """The overall-connection chart laid out by `workbook.drawing.connection_drawing`; `label` is what
    a screen reader hears of it."""
    _chart(key=key, data={**drawing, "label": label}, width="stretch")
