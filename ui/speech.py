"""Streamlit's own words in the client's language: a few lines of script on every page.

Streamlit's frontend names some of its controls itself, in English, for screen readers and as
placeholders ("Help for …", "Choose an option", "Choose date", "Show password"). This script sets
the page's language (`<html lang>`, so a screen reader reads Spanish as Spanish) and puts those
words in the client's language as Streamlit draws them. It also names a control whose label holds
the client's words as the label shows them: Streamlit is given such a label escaped for Markdown
(`workbook.text.label_safe`) and would name the control with the backslashes ("a \\*big\\* step").
It is a Streamlit v2 component: trusted code of ours, with nothing of the client's in it.
"""

from __future__ import annotations

import streamlit as st

from ui.state import PAGE_SPEECH
from workbook import i18n
from workbook.i18n import N_, _

#: Streamlit's own English (as its frontend writes it), each marked for the catalogue. "Help for "
#: begins a longer label ("Help for Therapist") and is replaced as a beginning.
STREAMLIT_WORDS = (
    N_("Help for "),
    N_("Choose an option"),
    N_("Choose options"),
    N_("Choose date"),
    N_("Choose date range"),
    N_("Link to heading"),
    N_("Open"),
    N_("Close"),
    N_("Clear all"),
    N_("Clear value"),
    N_("Show password"),
    N_("Hide password"),
    N_("Copy to clipboard"),
    N_("No results"),
    N_("Press Enter to apply"),
    N_("Press Enter to submit form"),
    N_("Press ⌘+Enter to apply"),
    N_("Press Ctrl+Enter to apply"),
    N_("Fullscreen"),
    N_("Close fullscreen"),
    N_("Upload"),
    N_("file upload"),
    N_("Browse files"),
    N_("Drag and drop file here"),
    # TRANSLATORS: under a file box: "50MB per file • JSON"; {size} is the size limit.
    N_("{size} per file"),
    # TRANSLATORS: a screen reader's name for a number box's buttons: make the number smaller, larger.
    N_("Decrement"),
    N_("Increment"),
    N_("Clear time"),
    N_("Clear date"),
    N_("Clear dates"),
    # TRANSLATORS: a screen reader's words for a part of a date or time with nothing typed in it yet.
    N_("Empty"),
    # TRANSLATORS: the names of the menu's fold and unfold buttons, and the link that skips the menu.
    N_("Collapse sidebar"),
    N_("Expand sidebar"),
    N_("Skip to main content"),
)

#: The parts of a date or time field, each named for a screen reader "hour, Starts at": the part's
#: name is said in the page's language, the field's label after it as it is.
PARTS = (
    # TRANSLATORS: the parts of a date or time field, as a screen reader names them ("hour, Starts at").
    N_("year"),
    N_("month"),
    N_("day"),
    N_("hour"),
    N_("minute"),
    N_("second"),
)

_JS = r"""
export default function (component) {
  const [lang, words] = component.data;
  document.documentElement.lang = lang;
  window.__allianceWords = words;
  if (window.__allianceSpeaker) return;
  window.__allianceSpeaker = true;  // once per page load; pages change without reloading
  const help = "Help for ";
  const exact = (text) => (text && window.__allianceWords[text] !== undefined ? window.__allianceWords[text] : null);
  const say = (text) => {  // the text of Streamlit's own instructions and file box
    const limit = (text || "").match(/^(\S+) per file(.*)$/), each = window.__allianceWords["{size} per file"];
    if (limit && each !== undefined) return each.replace("{size}", limit[1]) + limit[2];
    return exact(text);
  };
  // A label of the client's words reaches Streamlit escaped for Markdown ("a \\*big\\* step", see
  // workbook.text.label_safe), and Streamlit names the control with it as it is: say it as shown.
  const unescaped = (text) => text.replace(/\\([!-\/:-@\[-`{-~])/g, "$1");
  const apply = () => {
    document.querySelectorAll("[aria-label*='\\\\']").forEach((el) => {
      const value = el.getAttribute("aria-label"), said = unescaped(value);
      if (said !== value) el.setAttribute("aria-label", said);
    });
    if (!Object.keys(window.__allianceWords).length) return;
    // Only names Streamlit gives its own controls: never a box's name (its label: maybe the client's own
    // question), nor a chosen option's tag (maybe a goal's title).
    document.querySelectorAll("[aria-label], [placeholder], [title]").forEach((el) => {
      if (el.closest('[data-baseweb="tag"]')) return;
      const box = el.matches("textarea, input:not([type=file])");
      for (const attr of box ? ["placeholder"] : ["aria-label", "placeholder", "title"]) {
        const value = el.getAttribute(attr);
        let said = exact(value);
        if (said === null && attr === "aria-label" && value && value.startsWith(help)
            && el.closest('[data-testid="stTooltipHoverTarget"]')) {
          said = window.__allianceWords[help] + value.slice(help.length);  // a help icon: "Help for <label>"
        }
        if (said !== null) el.setAttribute(attr, said);
      }
    });
    // The parts of a date or time field: "hour, Starts at" → "hora, Starts at" (the label stays as is).
    document.querySelectorAll('[role="spinbutton"][aria-label]').forEach((el) => {
      const value = el.getAttribute("aria-label"), comma = value.indexOf(", ");
      const part = comma > 0 ? exact(value.slice(0, comma)) : null;
      if (part !== null) el.setAttribute("aria-label", part + value.slice(comma));
      const empty = exact(el.getAttribute("aria-valuetext"));
      if (empty !== null) el.setAttribute("aria-valuetext", empty);
    });
    const texts = '[data-testid="InputInstructions"], [data-testid="InputInstructions"] span,'
      + ' [data-testid="stWidgetInstructions"], [data-testid="stWidgetInstructions"] span,'
      + ' [data-testid="stFileUploaderDropzone"] button p, [data-testid="stFileUploaderDropzoneInstructions"] span,'
      + ' [data-testid="stSkipToContent"]';
    document.querySelectorAll(texts).forEach((el) => {
      if (el.children.length) return;  // only a leaf: never a box holding the client's words
      const said = say(el.textContent);
      if (said !== null) el.textContent = said;
    });
  };
  // A date or time field half emptied ("HH:00") still holds, for Streamlit, the last whole value it
  // had ("1" of "17" is 01:00), and that would be saved unseen. Before its form is sent (as the form's
  // button is pressed, or Enter in a field), a field with an empty part is emptied altogether with its
  // own Clear button, so the page gets no value and says what to choose (ui/own.py). It must happen a
  // moment before the click: Streamlit sends the value the field last drew. Only fields started
  // empty-able (value=None) have that button; the others are left as they are.
  const halfEmpty = (within) => {
    let emptied = false;
    within.querySelectorAll('[data-testid="stTimeInput"], [data-testid="stDateInput"]').forEach((field) => {
      const parts = field.querySelectorAll('[role="spinbutton"]');
      const empty = field.querySelectorAll('[role="spinbutton"][data-placeholder]');
      if (!empty.length || empty.length === parts.length) return;
      const clear = field.querySelector(
        '[data-testid="stTimeInputClearButton"], [data-testid="stDateInputClearButton"]');
      if (clear) { clear.click(); emptied = true; }
    });
    return emptied;
  };
  // Left half emptied, Streamlit would show the old whole value again ("01:00"): empty it instead.
  document.addEventListener("focusout", (event) => {
    const field = event.target.closest
      && event.target.closest('[data-testid="stTimeInput"], [data-testid="stDateInput"]');
    if (!field || field.contains(event.relatedTarget)) return;
    const parts = field.querySelectorAll('[role="spinbutton"]').length;
    const empty = field.querySelectorAll('[role="spinbutton"][data-placeholder]').length;
    if (empty && empty < parts) setTimeout(() => {
      const clear = field.querySelector(
        '[data-testid="stTimeInputClearButton"], [data-testid="stDateInputClearButton"]');
      if (clear) clear.click();
    }, 0);
  }, true);
  document.addEventListener("pointerdown", (event) => {
    const button = event.target.closest && event.target.closest('[data-testid="stFormSubmitButton"] button');
    const form = button && button.closest('[data-testid="stForm"]');
    if (form) halfEmpty(form);
  }, true);
  document.addEventListener("keydown", (event) => {
    if ((event.key !== "Enter" && event.key !== " ") || !event.target.closest) return;
    const form = event.target.closest('[data-testid="stForm"]');
    if (!form) return;
    const field = event.target.closest('[data-testid="stTimeInput"], [data-testid="stDateInput"]');
    if (field && event.key === "Enter" && halfEmpty(field)) {
      event.preventDefault();  // not sent this time: the field now shows it is empty; Enter again sends it
      event.stopPropagation();
    } else if (event.target.closest('[data-testid="stFormSubmitButton"]')) {
      halfEmpty(form);
    }
  }, true);
  let waiting = false;
  new MutationObserver(() => {
    if (waiting) return;
    waiting = true;
    requestAnimationFrame(() => { waiting = false; apply(); });
  }).observe(document.body, {  // new elements, and Streamlit setting its own words again on a redraw
    childList: true, subtree: true, attributes: true,
    attributeFilter: ["aria-label", "placeholder", "title", "aria-valuetext"],
  });
  apply();
}
"""

_speaker = st.components.v2.component("alliance_speech", js=_JS)


def mount() -> None:
    """Speak the page's language, Streamlit's own words included (does nothing visible)."""
    language = i18n.current()
    words = {} if language == i18n.DEFAULT else {english: _(english) for english in (*STREAMLIT_WORDS, *PARTS)}
    # A list, not a dict: Streamlit looks into a dict's values for tables, which would import pandas on
    # every page (half a second at start).
    _speaker(key=PAGE_SPEECH, data=[language, words])
