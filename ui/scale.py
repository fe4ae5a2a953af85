"""A scale to choose one number on (0 to 10, or a goal's -2 to +2): the whole scale in view, nothing
chosen until the person chooses, the chosen number ticked, and pressed again to clear it.

It replaces st.pills for the ratings of the forms. st.pills draws every choice through Streamlit's
Markdown renderer, and the seven 0-10 rows of After a session were most of that page's time in the
browser (issue 15). This is a Streamlit v2 component, a few lines of script of our own, drawn as plain
text (the client's own words in a label are never read as Markdown or HTML), with nothing of the
client's in the script itself.

How it behaves, as a radio group (WAI-ARIA): one tab stop, the arrow keys move along the scale and
choose (Home and End go to its ends), Space or a click chooses, and pressing the chosen number again
clears it: a rating is always the person's own, never a default.

The value lives in Session State under the form's own key (`key`), where the form reads it and
`ui.default` offers a draft or the entry being edited; the component (key `key + SCALE`) reports the
person's last press, and shows what the form holds.

What it shows is what Save stores (issue 26). Streamlit drops a rerun's one-time events when a newer
rerun comes before it starts (runner.fastReruns stops the running script at once): a number pressed
just before Save, or just before another press, was shown chosen and never reached the form. So the
press is the component's state, which every later rerun carries again, numbered by its page (`by`,
`n`) so the form takes each press once, never again after a save started the form afresh. A press is
shown at once and stays shown until the server says it took it (`HEARD`, sent with each drawing); from
then on the scale shows what the form holds. (Before, it guessed by time: a press stayed shown for three
seconds whatever the form held, and on a fresh form after a save until the scale was next drawn.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import streamlit as st

from ui.state import SCALE
from workbook.drafts import BOOT
from workbook.i18n import _

# Session state: rating key -> (page, n): the last press of its scale the form took, from which page
# (the scale's own id for that page load). Outside every form's `<prefix>_` on purpose: a save that
# starts the form afresh keeps it, so the scale knows its press was taken and shows the fresh form.
HEARD = "_scale_heard"

_HTML = """<div class="scale">
<p class="label" aria-hidden="true"></p><p class="hint"></p><span class="unseen"></span>
<div class="choices" role="radiogroup"></div>
</div>"""

_CSS = """
.scale { position: relative; font-family: var(--st-font, inherit); color: var(--st-text-color, inherit); }
.label { margin: 0 0 0.25rem; font-size: 0.875rem; line-height: 1.4; unicode-bidi: plaintext; overflow-wrap: anywhere; }
.unseen { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.hint { margin: -0.15rem 0 0.35rem; font-size: 0.8rem; opacity: 0.75; }
.hint:empty { display: none; }
.choices { display: flex; flex-wrap: wrap; gap: 0.5rem; }
button {
  font: inherit; font-size: 0.875rem; line-height: 1.6; color: inherit; cursor: pointer;
  min-width: 2.6rem; min-height: 2rem; padding: 0.15rem 0.75rem; border-radius: 1rem;
  border: 1px solid color-mix(in srgb, currentColor 22%, transparent); background: transparent;
}
button:hover { border-color: var(--st-primary-color); color: var(--st-primary-color); }
button:focus-visible { outline: 2px solid var(--st-primary-color); outline-offset: 2px; }
button[aria-checked="true"] {
  border-color: var(--st-primary-color); color: var(--st-primary-color); font-weight: 600;
  background: color-mix(in srgb, var(--st-primary-color) 12%, transparent);
}
/* the chosen one is ticked, not only tinted; the tick is not read out (the radio says "checked") */
button[aria-checked="true"]::before { content: "\\2713\\00a0" / ""; }
@media (forced-colors: active) {
  button[aria-checked="true"] { border-width: 2px; }
}
/* A phone: the whole scale in one row, each number a finger high and an equal share of the width
   (eleven at 360 px: about 27 px each, above WCAG 2.5.8's 24), the chosen one filled and ticked above
   its number. */
@media (max-width: 640px) {
  .choices { flex-wrap: nowrap; gap: 3px; }
  button { position: relative; flex: 1 1 0; min-width: 0; min-height: 44px; padding: 0 1px; border-radius: 0.6rem; }
  button[aria-checked="true"] {
    color: var(--st-background-color, #fff); background: var(--st-primary-color); font-weight: 700;
  }
  button[aria-checked="true"]::before {
    position: absolute; top: 1px; left: 0; right: 0; font-size: 0.625rem; line-height: 1; content: "\\2713" / "";
  }
}
"""

_JS = """
// This page's presses, kept across redraws (a scale drawn again, or anew, keeps them): scale -> its last
// press { n, value, boot }. `me` names this page, so the server's word on which press it took is exact.
const me = [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join("");
const presses = new Map();

export default function ({ parentElement, data, setStateValue }) {
  const root = parentElement.querySelector(".scale");
  const group = root.querySelector(".choices");
  const label = root.querySelector(".label");
  const hint = root.querySelector(".hint");
  const how = root.querySelector(".unseen");
  // What is shown chosen: the person's last press until the server has taken it, then what the form
  // holds (which may have changed since, as a save starts the form afresh). No guessing by time: the
  // server says which press it took last (`heard`); a new server (`boot`) took none of this page's.
  const last = presses.get(data.id);
  if (last && last.pending && (data.boot !== last.boot || (data.heardBy === me && data.heardN >= last.n))) {
    last.pending = false;
  }
  const chosen = () => {
    const press = presses.get(data.id);
    return press && press.pending ? press.value : data.chosen;
  };
  const shape = JSON.stringify([data.label, data.hint, data.how, data.options]);
  if (shape !== root.__shape) {
    root.__shape = shape;
    label.textContent = data.label;
    label.id = "label-" + data.id;
    hint.textContent = data.hint || "";
    hint.id = "hint-" + data.id;
    how.textContent = data.how;  // for a screen reader: how to clear a choice
    how.id = "how-" + data.id;
    group.setAttribute("aria-labelledby", label.id);
    group.setAttribute("aria-describedby", (data.hint ? hint.id + " " : "") + how.id);
    group.replaceChildren(...data.options.map(([value, text]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.setAttribute("role", "radio");
      button.dataset.value = JSON.stringify(value);
      button.textContent = text;
      return button;
    }));
  }
  const buttons = [...group.querySelectorAll("button")];
  const show = (value) => {
    const at = buttons.findIndex((b) => JSON.parse(b.dataset.value) === value);
    buttons.forEach((b, n) => {
      b.setAttribute("aria-checked", n === at ? "true" : "false");
      b.tabIndex = n === (at < 0 ? 0 : at) ? 0 : -1;
    });
  };
  show(chosen());
  const choose = (value) => {
    const before = presses.get(data.id);
    const press = { n: (before ? before.n : 0) + 1, value, boot: data.boot, pending: true };
    presses.set(data.id, press);
    show(value);
    // The component's state, not a one-time event: Streamlit sends it again with every later rerun, so a
    // press whose own rerun was dropped (a newer one, such as Save's, stops it at once: fastReruns)
    // still reaches the form before that newer run does anything.
    setStateValue("choice", { value, by: me, n: press.n, boot: data.boot });
  };
  group.onclick = (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const value = JSON.parse(button.dataset.value);
    choose(chosen() === value ? null : value);  // the chosen one pressed again: nothing chosen
  };
  group.onkeydown = (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;  // the browser's own keys (Alt+Left: back)
    const at = buttons.indexOf(event.target.closest("button"));  // the focused one
    if (at < 0) return;
    const rtl = getComputedStyle(group).direction === "rtl";
    const step = { ArrowRight: rtl ? -1 : 1, ArrowDown: 1, ArrowLeft: rtl ? 1 : -1, ArrowUp: -1 }[event.key];
    let to = null;
    if (step) to = (at + step + buttons.length) % buttons.length;
    else if (event.key === "Home") to = 0;
    else if (event.key === "End") to = buttons.length - 1;
    if (to === null) return;
    event.preventDefault();
    buttons[to].focus();
    choose(JSON.parse(buttons[to].dataset.value));
  };
}
"""

_scale = st.components.v2.component("alliance_scale", html=_HTML, css=_CSS, js=_JS, isolate_styles=True)


def _chosen(key: str) -> None:
    """on_choice_change, and again as the scale is drawn: the person chose a number (or cleared it): the
    form holds it from now on, and the scale is told which of its page's presses the form holds (a press
    sent twice is taken once). Drawn, too: a run Streamlit stopped at once for a newer one (fastReruns)
    can leave the press in the component's state with its callback never called."""
    try:
        event = st.session_state[f"{key}{SCALE}"].get("choice")
    except (KeyError, AttributeError):
        return  # not drawn before: nothing pressed yet
    if not isinstance(event, dict):
        return
    by, n = event.get("by"), event.get("n")
    if event.get("boot") != BOOT or not isinstance(by, str) or not isinstance(n, int):
        return  # pressed while the page spoke to the app before it restarted: the page's keeper re-sends it
    heard = st.session_state.setdefault(HEARD, {})
    if heard.get(key, ("", 0))[0] == by and heard[key][1] >= n:
        return  # taken already: Streamlit sends the component's state with every rerun
    heard[key] = (by, n)
    st.session_state[key] = event.get("value")


def scale(label: str, options: Sequence[int], key: str, *, shown: Callable[[int], str] = str, hint: str = "") -> None:
    """A row of choices for `st.session_state[key]` (None until chosen). `label` and `hint` are plain
    text: shown as written, never read as Markdown."""
    _chosen(key)
    by, n = st.session_state.get(HEARD, {}).get(key, ("", 0))
    _scale(
        key=f"{key}{SCALE}",
        data={
            "id": key,
            "label": " ".join(label.split()),
            "hint": hint,
            "options": [[value, shown(value)] for value in options],
            "chosen": st.session_state.get(key),
            "heardBy": by,
            "heardN": n,
            "boot": BOOT,
            "how": _("Press the chosen number again to clear it."),
        },
        on_choice_change=partial(_chosen, key),
        width="stretch",
    )
