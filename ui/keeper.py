"""The draft keeper: a few lines of script on every page that send typed words to the server.

Streamlit hears a text box only when it loses focus, so words typed just before a click on a link,
or before a reload, never reached it. This script listens to the page's text boxes itself and posts
what is typed to the app's own `/api/drafts` (workbook/drafts.py): half a second after each pause,
and at once when the person presses anywhere (before a click on a link can leave the page) or the
page is hidden or closed. The words go to this computer's server only, and are kept in its memory
for this browser alone: the post carries the browser's own id, a cookie no script can read (set by
workbook.drafts; this script never sees it), so another browser profile is never offered them.
It is a Streamlit v2 component: trusted code of ours, with nothing of the client's in it.

When the app restarts, the server's memory goes, while an open page still shows what was typed and
chosen. As the page's connection comes back (Streamlit reconnects on its own and says so with a
`WEBSOCKET_CONNECTED` message to the page), this script sends every box's words and every rating the
page shows (`restore`, a one-time event of this component), so the new server holds what the screen
shows before anything is saved (ui.state.restore). Each tab has an id of its own, kept in the tab's
`sessionStorage` with the names of the boxes it typed in and has not saved and which server heard them
(never their words). A tab reloaded after a restart sends those names, and the form says the words
the restart took are gone.
"""

from __future__ import annotations

import json

import streamlit as st

from ui import state
from ui.state import DRAFT_KEEPER, RESULT, SCALE
from workbook.drafts import BOOT, ROUTE, SEQ_HEADER, STORE

_JS = (
    """
export default function ({ data, setTriggerValue }) {
  // Set up once per page load (pages change without reloading); told what the server holds each run.
  const keeper = window.__allianceDraftKeeper || (window.__allianceDraftKeeper = start());
  const said = data || {};
  let unsaved = {};
  try { unsaved = JSON.parse(said.unsaved || "{}"); } catch (e) { unsaved = {}; }
  keeper.heard({ boot: said.boot, seq: said.seq || 0, unsaved }, setTriggerValue);
}

function start() {
  const pending = new Map();
  let timer = null;
  const keyOf = (box) => {
    const holder = box.closest('[class*="st-key-"]');
    if (!holder) return null;
    const found = [...holder.classList].find((c) => c.startsWith("st-key-"));
    return found ? found.slice("st-key-".length) : null;
  };
  // This tab's id, and the names (never the words) of the boxes it typed in and has not saved, with
  // the server that heard them: kept in this tab's sessionStorage, so a reload after a restart can say
  // which words the restart took.
  const read = (name) => { try { return window.sessionStorage.getItem(name); } catch (e) { return null; } };
  const write = (name, value) => { try { window.sessionStorage.setItem(name, value); } catch (e) { /* none */ } };
  let tab = read("alliance_tab");
  if (!tab || !/^[A-Za-z0-9_-]{8,64}$/.test(tab)) {
    tab = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
    write("alliance_tab", tab);
  }
  let before = null;  // what this tab noted under the page it had before a reload
  try { before = JSON.parse(read("alliance_unsaved") || "null"); } catch (e) { before = null; }
  let server = null;  // the server's word at its last run: { boot, seq, unsaved: { key: tab } }
  let trigger = null;
  // Boxes typed in here that the server's word does not cover yet: key -> { n, boot }, n the server's
  // count once it answered the post (0 until then; -1 for words re-sent after a restart).
  const local = new Map();
  let sinceRestore = -1;  // runs heard since a restore was sent (-1: none waiting)
  const typedHere = () => {
    const keys = new Set(local.keys());
    if (server) Object.entries(server.unsaved || {}).forEach(([key, who]) => { if (who === tab) keys.add(key); });
    return [...keys];
  };
  const note = () => {
    if (server) write("alliance_unsaved", JSON.stringify({ boot: server.boot, keys: typedHere() }));
  };
  const send = (leaving) => {
    clearTimeout(timer);
    if (!pending.size) return;
    const sent = new Map(pending);
    const body = JSON.stringify(Object.fromEntries(pending));
    pending.clear();
    const url = "ROUTE?tab=" + tab;
    const blob = new Blob([body], { type: "application/json" });
    if (leaving && navigator.sendBeacon && navigator.sendBeacon(url, blob)) return;
    fetch(url, { method: "POST", body: blob, keepalive: body.length < 60000, credentials: "same-origin" })
      .then((answer) => {
        if (!answer.ok) return;  // refused (too long, not this site's): nothing to try again
        const n = Number(answer.headers.get("SEQ_HEADER")) || 0;
        sent.forEach((_text, key) => {
          const mine = local.get(key);
          if (mine && mine.n === 0) local.set(key, { n, boot: server && server.boot });
        });
        note();
      })
      .catch(() => {
        // not heard (the app is restarting, the connection is down): again in a moment, unless newer
        sent.forEach((text, key) => { if (!pending.has(key)) pending.set(key, text); });
        clearTimeout(timer);
        timer = setTimeout(() => send(false), 3000);
      });
  };
  // What the page shows: every text box's words and every rating scale's choice (None: nothing chosen).
  const screen = () => {
    const shown = {};
    document.querySelectorAll('[data-testid="stTextArea"] textarea, [data-testid="stTextInput"] input')
      .forEach((box) => {
        const key = box.type === "password" ? null : keyOf(box);
        if (key) shown[key] = box.value;
      });
    document.querySelectorAll('[class*="SCALE"]').forEach((holder) => {
      const name = [...holder.classList].find((c) => c.startsWith("st-key-") && c.endsWith("SCALE"));
      const host = name && holder.querySelector('[data-testid="stBidiComponentIsolated"]');
      const root = host && host.shadowRoot;  // the scale draws itself in its own (open) shadow root
      if (!root || !root.querySelector('[role="radio"]')) return;
      const chosen = root.querySelector('[role="radio"][aria-checked="true"]');
      shown[name.slice("st-key-".length, -"SCALE".length)] = chosen ? JSON.parse(chosen.dataset.value) : null;
    });
    return shown;
  };
  const restore = (shown, typed) => {
    if (!trigger) return;
    Object.entries(shown).forEach(([key, value]) => {
      if (typeof value === "string" && value.trim()) local.set(key, { n: -1 });
    });
    sinceRestore = 0;
    trigger("restore", { shown, typed: typed.filter((key) => !(key in shown)), tab });
  };
  // The connection came back (the app restarted, or the network dropped for a moment): Streamlit does
  // not run the page again by itself, so the server may hold nothing of what the page shows. Send it.
  window.addEventListener("message", (event) => {
    if (event.source !== window || !event.data || event.data.type !== "WEBSOCKET_CONNECTED") return;
    restore(screen(), typedHere());
  });
  const heard = (data, setTrigger) => {
    trigger = setTrigger;
    const first = server === null;
    const changed = !first && server.boot !== data.boot;
    const earlier = typedHere();
    server = data;
    if (first && before && before.boot && before.boot !== data.boot && (before.keys || []).length) {
      restore({}, before.keys);  // this tab was reloaded after a restart: its words typed before may be gone
    } else if (changed && sinceRestore < 0) {
      restore(screen(), earlier);  // a new server this page did not hear reconnect: what it shows now stays
    } else if (sinceRestore >= 0 && ++sinceRestore >= 2) {
      sinceRestore = -1;  // the server's word after the restore covers the words re-sent
      [...local].forEach(([key, mine]) => { if (mine.n < 0) local.delete(key); });
    }
    [...local].forEach(([key, mine]) => {
      if (mine.n > 0 && (mine.boot !== data.boot || mine.n <= data.seq)) local.delete(key);
    });
    note();
  };
  document.addEventListener("input", (event) => {
    const box = event.target;
    // Only Streamlit's own text boxes: never a passphrase, a date, a number or a choice list.
    if (!box.closest || !box.closest('[data-testid="stTextArea"], [data-testid="stTextInput"]')) return;
    if (box.type === "password") return;
    const key = keyOf(box);
    if (!key) return;
    pending.set(key, box.value);
    local.set(key, { n: 0 });
    note();
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
  return { heard };
}
""".replace("ROUTE", ROUTE)
    .replace("RESULT", RESULT)
    .replace("SEQ_HEADER", SEQ_HEADER)
    .replace("SCALE", SCALE)
)

_keeper = st.components.v2.component("alliance_draft_keeper", js=_JS)


def _restore_event() -> None:
    """on_restore_change: nothing here; `mount` takes the event as its run begins (a new session after a
    restart calls no callback for a component it has not drawn yet)."""


def mount() -> None:
    """Start keeping drafts on this page (does nothing visible), and take back what the page shows
    after the app restarted (ui.state.restore)."""
    state.restored()
    mine = state.browser()
    told = _keeper(
        key=DRAFT_KEEPER,
        # plain values only: Streamlit looks into a dict or list given here for a table (loading pandas)
        data={"boot": BOOT, "seq": STORE.seq(mine) if mine else 0, "unsaved": json.dumps(state.unsaved())},
        on_restore_change=_restore_event,
    )
    event = getattr(told, "restore", None)
    if isinstance(event, dict) and isinstance(event.get("shown"), dict) and isinstance(event.get("typed"), list):
        state.restore(event["shown"], event["typed"], event.get("tab"))
