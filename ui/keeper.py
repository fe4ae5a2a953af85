"""The draft keeper: a few lines of script on every page that send typed words to the server.

Streamlit hears a text box only when it loses focus, so words typed just before a click on a link,
or before a reload, never reached it. This script listens to the page's text boxes itself and posts
what is typed to the app's own `/api/drafts` (workbook/drafts.py): half a second after each pause,
and at once when the person presses anywhere (before a click on a link can leave the page) or the
page is hidden or closed. The words go to this computer's server only, and are kept in its memory
for this browser alone: the post carries the browser's own id, a cookie no script can read (set by
workbook.drafts; this script never sees it), so another browser profile is never offered them.
It is a Streamlit v2 component: trusted code of ours, with nothing of the client's in it.
"""

from __future__ import annotations

import streamlit as st

from ui.state import DRAFT_KEEPER, RESULT
from workbook.drafts import ROUTE

_JS = """
export default function () {
  if (window.__allianceDraftKeeper) return;  // once per page load; pages change without reloading
  window.__allianceDraftKeeper = true;
  const pending = new Map();
  let timer = null;
  const keyOf = (box) => {
    const holder = box.closest('[class*="st-key-"]');
    if (!holder) return null;
    const found = [...holder.classList].find((c) => c.startsWith("st-key-"));
    return found ? found.slice("st-key-".length) : null;
  };
  const send = (leaving) => {
    clearTimeout(timer);
    if (!pending.size) return;
    const body = JSON.stringify(Object.fromEntries(pending));
    pending.clear();
    const blob = new Blob([body], { type: "application/json" });
    if (leaving && navigator.sendBeacon && navigator.sendBeacon("ROUTE", blob)) return;
    fetch("ROUTE", { method: "POST", body: blob, keepalive: body.length < 60000, credentials: "same-origin" })
      .catch(() => {});
  };
  document.addEventListener("input", (event) => {
    const box = event.target;
    // Only Streamlit's own text boxes: never a passphrase, a date, a number or a choice list.
    if (!box.closest || !box.closest('[data-testid="stTextArea"], [data-testid="stTextInput"]')) return;
    if (box.type === "password") return;
    const key = keyOf(box);
    if (!key) return;
    pending.set(key, box.value);
    typedIn = box;
    clearTimeout(timer);
    timer = setTimeout(() => send(false), 500);
  }, true);
  // Pressing a page link just after typing in a text box: the box tells Streamlit its words as it
  // loses focus, and that rerun of this page can reach the server after the link's own request and
  // bring the person back here (or its redraw swallows the click). So the person's click is held back,
  // the words go first (at the press), and once the link is released and the server has started on
  // the words this script follows the link, once. A press dragged off the link, or a touch that
  // becomes a scroll, follows nothing. (Streamlit's page links open in this tab whatever keys are held.)
  const linkAt = (el) => el && el.closest && el.closest('a[data-testid="stPageLink-NavLink"]');
  let typedIn = null;  // the box typed in since it took focus: Streamlit has not heard those words yet
  document.addEventListener("focusin", (event) => { if (event.target !== typedIn) typedIn = null; }, true);
  let held = null;  // the press being held back: { label, heard, released, done, follow }
  const drop = () => { if (held) { held.done = true; held = null; } };  // follow nothing after all
  document.addEventListener("pointerdown", (event) => {
    const pressed = linkAt(event.target);
    const box = typedIn && typedIn === document.activeElement ? typedIn : null;
    send(false);
    drop();  // a new press: an earlier one left unreleased is dropped
    if (!pressed || !box || event.button !== 0) return;
    const app = document.querySelector('[data-testid="stApp"]');
    const press = { label: pressed.textContent, heard: !app, released: false, done: false };
    held = press;
    const follow = () => {
      if (press.done || !press.released || !press.heard) return;
      press.done = true;
      watch.disconnect();
      setTimeout(() => { if (held === press) held = null; }, 50);  // the press's own click is still held back
      const again = [...document.querySelectorAll('a[data-testid="stPageLink-NavLink"]')]
        .find((a) => a.textContent === press.label);
      if (again) again.click();
    };
    press.follow = follow;
    // The server has the words once it starts a run after the box let go (Streamlit marks the app).
    const watch = new MutationObserver(() => {
      if (/^(running|rerunRequested)$/.test(app.getAttribute("data-test-script-state") || "")) {
        press.heard = true;
        follow();
      }
    });
    if (app) watch.observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
    // nothing to run after all (the words were what the server had): follow anyway, a moment later
    setTimeout(() => { press.heard = true; follow(); }, 1500);
    typedIn = null;
    box.blur();  // the words go to Streamlit now
  }, true);
  document.addEventListener("pointerup", (event) => {
    if (!held || held.released) return;
    const over = linkAt(document.elementFromPoint(event.clientX, event.clientY));
    if (over && over.textContent === held.label) {
      held.released = true;
      held.follow();
    } else {
      drop();  // dragged off the link
    }
  }, true);
  document.addEventListener("pointercancel", drop, true);  // a touch that became a scroll
  document.addEventListener("click", (event) => {
    if (held !== null && event.isTrusted && linkAt(event.target)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey) return;
    send(false);
    // Enter in a one-line box, or Ctrl+Enter in a text area, gives Streamlit the words itself
    const box = event.target;
    if (box === typedIn && (box.tagName === "INPUT" || event.ctrlKey || event.metaKey)) typedIn = null;
  }, true);
  // What a Save did is drawn next to its button ("…RESULT"); if the page's redraw scrolled it out of
  // sight (a phone, a slow moment), bring it back into view once.
  const shown = new WeakSet();
  new MutationObserver(() => {
    document.querySelectorAll('[class*="st-key-"][class*="RESULT"]').forEach((box) => {
      if (shown.has(box)) return;
      shown.add(box);
      const bring = () => {
        const place = box.getBoundingClientRect();
        if (document.contains(box) && (place.top < 0 || place.bottom > window.innerHeight)) {
          box.scrollIntoView({ block: "center" });
        }
      };
      [0, 300, 1000].forEach((wait) => setTimeout(bring, wait));  // the page may still be settling
    });
  }).observe(document.body, { childList: true, subtree: true });
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") send(true); });
  window.addEventListener("pagehide", () => send(true));
}
""".replace("ROUTE", ROUTE).replace("RESULT", RESULT)

_keeper = st.components.v2.component("alliance_draft_keeper", js=_JS)


def mount() -> None:
    """Start keeping drafts on this page (does nothing visible)."""
    _keeper(key=DRAFT_KEEPER)
