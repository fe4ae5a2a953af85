"""The overall-connection chart, drawn as a plain SVG by a few lines of script of our own.

It is the one chart Over time draws at first. Drawn by Vega, it cost the browser about 60 ms on every
visit, whatever it showed; drawn like this, a few milliseconds (issue 15). `workbook.drawing` works out
what goes where, and every tooltip, in the language spoken; this script only lays that out at the
width the page has (again when the width changes) and writes every word as text (`textContent`), so
the client's own notes are never read as HTML.

What a person meets: the points (one a session, or a month's average), a faint line through them, the
dashed average of the last few, the shaded band where a session is worth raising, and a green line on
each day feedback was shared. Pointing at a point or a green line shows its date, ratings and note (a
tooltip); a tap or a click shows them in a box, on a touch screen too. A screen reader hears the
chart's description (its alt text); the numbers are in the Table tab beside it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from workbook.palette import BLUE, GREEN, ZONE

# The green of the lines is too light for small words on the page (about 3.3:1): the word is darker.
WORD_GREEN = "#00694c"
_HTML = '<div class="connection"></div>'

_CSS = f"""
.connection {{ position: relative; font-family: var(--st-font, inherit); color: var(--st-text-color, inherit); }}
.tip {{
  position: absolute; max-width: 18rem; padding: 0.4rem 0.6rem; font-size: 0.8rem; line-height: 1.4;
  white-space: pre-line; overflow-wrap: anywhere; unicode-bidi: plaintext; pointer-events: none;
  background: var(--st-background-color, Canvas); border: 1px solid color-mix(in srgb, currentColor 25%, transparent);
  border-radius: 0.4rem; box-shadow: 0 2px 8px rgb(0 0 0 / 0.12);
}}
.tip[hidden] {{ display: none; }}
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
.mark text {{ fill: {WORD_GREEN}; font-size: 10px; }}
.crowded .mark line:not(.reach) {{ stroke-width: 1; stroke-opacity: 0.5; }}
@media (forced-colors: active) {{
  .point {{ fill: CanvasText; }}
  .line, .rolling {{ stroke: CanvasText; }}
  .mark line:not(.reach) {{ stroke: GrayText; }}
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

function tooltip(node, words) {  // the client's words, and every other word, as text
  const title = el("title", {}, node);
  title.textContent = words;
  return node;
}

function draw(host, data, width) {
  const svg = el("svg", { width, height: HEIGHT, role: "img", "aria-label": data.label });
  if (data.crowded) svg.classList.add("crowded");
  const tip = document.createElement("div");
  tip.className = "tip";
  tip.hidden = true;
  tip.setAttribute("aria-hidden", "true");  // what the Table tab says in full
  host.replaceChildren(svg, tip);  // in the page from the start: a label's width is measured there
  // A screen reader hears the chart's description, not every label and tooltip in it (the numbers
  // are in the Table tab); a pointer still shows each tooltip.
  const g = el("g", { "aria-hidden": "true" }, svg);
  const plot = HEIGHT - TOP - BOTTOM;
  const x = (at) => LEFT + PAD + at * (width - LEFT - RIGHT - 2 * PAD);
  const y = (value) => TOP + (1 - value / 10) * plot;
  const text = (attrs, words, parent = g) => {
    const node = el("text", attrs, parent);
    node.textContent = words;
    return node;
  };
  for (const [value, said] of data.y_labels) {
    el("line", { class: "grid", x1: LEFT, x2: width - RIGHT, y1: y(value), y2: y(value) }, g);
    text({ x: LEFT - 6, y: y(value), "text-anchor": "end", "dominant-baseline": "middle" }, said);
  }
  text({ "text-anchor": "middle", transform: `translate(12 ${TOP + plot / 2}) rotate(-90)` }, data.y_title);
  el("line", { class: "axis", x1: LEFT, x2: width - RIGHT, y1: y(0), y2: y(0) }, g);
  const under = { class: "date", y: HEIGHT - 8, "text-anchor": "middle" };
  dates(g, data.x_labels.map(([at, said]) => [x(at), text(under, said)]), width);
  if (data.band.length) {
    const [[first, value]] = data.band;  // in steps, changing halfway between two sessions
    let path = `M${x(first)},${y(0)}V${y(value)}`;
    data.band.forEach(([at, value], n) => {
      if (n) path += `H${(x(data.band[n - 1][0]) + x(at)) / 2}V${y(value)}`;
    });
    path += `H${x(data.band[data.band.length - 1][0])}`;
    el("path", { class: "band", d: path + `V${y(0)}Z` }, g);
    text({ class: "band-said", x: x(0) + 4, y: y(0.2) }, data.band_said);
  }
  const line = (n) => data.points.filter((p) => p[n] !== null).map((p) => `${x(p[0])},${y(p[n])}`).join(" ");
  el("polyline", { class: "line", points: line(1) }, g);
  el("polyline", { class: "rolling", points: line(2) }, g);
  let worded = -Infinity;  // the word along a green line, where it does not crowd the one before
  for (const [at, words] of data.marks) {
    const mark = tooltip(el("g", { class: "mark" }, g), words);
    el("line", { x1: x(at), x2: x(at), y1: TOP, y2: y(0) }, mark);
    el("line", { class: "reach", x1: x(at), x2: x(at), y1: TOP, y2: y(0) }, mark);
    if (!data.crowded && x(at) - worded >= 16) {
      worded = x(at);
      text({ transform: `translate(${x(at) - 6} ${TOP + 4}) rotate(-90)`, "text-anchor": "end" }, data.mark_word, mark);
    }
  }
  for (const [at, overall, , words] of data.points) {
    if (overall !== null) tooltip(el("circle", { class: "point", cx: x(at), cy: y(overall), r: 4.4 }, g), words);
  }
  // A tap or a click shows the words of the nearest point (or green line) in a box: a touch screen
  // shows no tooltip on its own, and a mouse shows one only after a wait.
  svg.onclick = (event) => {
    const box = svg.getBoundingClientRect();
    const [px, py] = [event.clientX - box.left, event.clientY - box.top];
    let best = null, far = 24;
    for (const [at, overall, , words] of data.points) {
      const off = overall === null ? Infinity : Math.hypot(x(at) - px, y(overall) - py);
      if (off <= far) [best, far] = [words, off];
    }
    for (const [at, words] of best ? [] : data.marks) {
      if (Math.abs(x(at) - px) <= 8 && py >= TOP && py <= y(0)) best = words;
    }
    tip.hidden = !best || tip.textContent === best && !tip.hidden;  // the same one again: put away
    if (tip.hidden) return;
    tip.textContent = best;
    tip.style.left = "0px";
    tip.style.left = `${Math.max(0, Math.min(px + 12, width - tip.offsetWidth))}px`;
    const above = py - tip.offsetHeight - 12;  // above the point, or below it where there is no room
    tip.style.top = `${above >= 0 ? above : py + 12}px`;
  };
}

function dates(g, labels, width) {
  // Every label, or every second, third...: the fewest left out so that none overlaps the next and
  // the gaps stay even. Each is centred on its day, or moved in to fit the chart.
  const spots = labels.map(([at, label]) => {
    const half = label.getComputedTextLength() / 2;
    return [at, label, Math.min(Math.max(at, LEFT + half), width - half), half];
  });
  let every = 1;
  const fits = (n) => spots.filter((_, i) => i % n === 0).every(
    ([, , middle, half], i, kept) => i === 0 || kept[i - 1][2] + kept[i - 1][3] + 10 <= middle - half);
  while (every < spots.length && !fits(every)) every += 1;
  spots.forEach(([at, label, middle], i) => {
    if (i % every) { label.remove(); return; }
    label.setAttribute("x", middle);
    el("line", { class: "axis tick", x1: at, x2: at, y1: HEIGHT - BOTTOM, y2: HEIGHT - BOTTOM + 4 }, g);
  });
}

export default function ({ parentElement, data }) {
  const host = parentElement.querySelector(".connection");
  // Streamlit calls this again for new data, and runs a returned cleanup when the chart goes: so one
  // watcher of the width per chart, which always draws the newest data.
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
  const me = {};  // a call replaced before its script ran may be cleaned up late: only the newest stops it
  state.owner = me;
  return () => {
    if (state.owner === me && state.watch) {
      state.watch.disconnect();
      state.watch = null;
    }
  };
}
"""

_chart = st.components.v2.component("alliance_connection", html=_HTML, css=_CSS, js=_JS, isolate_styles=True)


def connection_chart(drawing: dict[str, Any], *, label: str, key: str) -> None:
    """The overall-connection chart laid out by `workbook.drawing.connection_drawing`; `label` is what
    a screen reader hears of it."""
    _chart(key=key, data={**drawing, "label": label}, width="stretch")
