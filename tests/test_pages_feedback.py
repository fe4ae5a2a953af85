"""The Feedback, Over time and signal Settings pages (issue 12), run with Streamlit's AppTest.

The fixtures (`db`, `open_page`) are in tests/conftest.py; the page names in tests/apptest.py.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.apptest import Open, all_text, button, change_words, tick_all
from tests.conftest import reflection
from ui.state import MORE_CHARTS, OVERTIME_SIGNALS_AT_ONCE
from workbook.demo import fill_with_demo
from workbook.models import FeedbackNote, OwnItem, OwnQuestion, Settings, SignalThresholds
from workbook.repository import Repository
from workbook.text import label_safe


def days_ago(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


# --- feedback: from sharing to the response ----------------------------------------------------


def test_marking_shared_opens_the_response_form_with_a_confirmation(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection(days_ago(3)))
    note = repo.save(FeedbackNote(body="Please keep time for the end"))
    at = open_page("feedback")
    button(at, "Mark as shared").click().run()
    assert not at.exception
    [expander] = [e for e in at.expander if any(t.key == f"feedback_note_{note.id[:8]}_response" for t in e.text_area)]
    assert expander.proto.expanded  # the next step is in view, not in a collapsed section
    assert any("shared" in s.value and "respond" in s.value for s in expander.success)


def test_a_kept_notes_words_do_not_reappear_in_the_next_draft(db: Path, open_page: Open) -> None:
    Repository(db).save(reflection(days_ago(3), unsaid="Something I held back"))
    at = change_words(open_page("feedback"))
    at.text_area(key="feedback_own_words").input("Words for this note only").run()
    at.button(key="feedback_save").click().run()
    [kept] = Repository(db).feedback_notes()
    assert "Words for this note only" in kept.body
    own = [t for t in at.text_area if t.key.startswith("feedback_own_words")]
    assert [t.value for t in own] == [""]  # the editor starts afresh, its box named anew (the browser forgets it)
    button(at, "Mark as shared").click().run()
    drafted = [t.value for t in at.text_area if t.key.startswith(("feedback_text_", "feedback_own_words"))]
    assert not any("Words for this note only" in t or "Something I held back" in t for t in drafted)
    assert not at.get("download_button")  # nothing since the note was shared: no note to download


def test_the_draft_reads_as_sentences_to_tick_and_its_words_change_one_switch_away(db: Path, open_page: Open) -> None:
    long = "Being asked what I needed, and then being given the time to find the words for it, every single time"
    Repository(db).save(reflection(days_ago(3), what_helped=long))
    at = open_page("feedback")
    assert not [t for t in at.text_area if t.key.startswith("feedback_text_")]  # no box to change words yet
    [label] = [c.label for c in at.checkbox if c.key.startswith("feedback_keep_") and "Being asked" in c.label]
    assert label == "Share: " + label_safe(long)  # the whole point, as it will be shared
    change_words(tick_all(at))
    key = next(t.key for t in at.text_area if t.key.startswith("feedback_text_") and "Being asked" in t.value)
    at.text_area(key=key).input("Being asked, in my words").run()
    at.toggle(key="feedback_edit_words").set_value(False).run()
    labels = [c.label for c in at.checkbox if c.key.startswith("feedback_keep_")]
    assert "Share: " + label_safe("Being asked, in my words") in labels  # the words as changed
    assert "Being asked, in my words" in "\n".join(t.value for t in at.text)  # and in what will be shared
    change_words(at)
    at.switch_page("pages/6_History.py").run()
    at.switch_page("pages/5_Feedback.py").run()
    assert at.text_area(key=key).value == "Being asked, in my words"  # the switch stays on, the words kept


def test_each_keep_checkbox_has_its_own_label(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection(days_ago(10), unsaid="I nearly cancelled", what_helped="Being asked"))
    repo.save(reflection(days_ago(3), unsaid="I was angry", what_helped="Slowing down"))
    at = change_words(tick_all(open_page("feedback")))
    labels = [c.label for c in at.checkbox if c.key.startswith("feedback_keep_")]
    assert len(labels) >= 4 and len(set(labels)) == len(labels), labels
    assert all(label.startswith("Share: ") for label in labels)
    assert any("I nearly cancelled" in label for label in labels)
    areas = [t.label for t in at.text_area if t.key.startswith("feedback_text_")]
    assert len(set(areas)) == len(areas), areas


def test_the_draft_asks_rather_than_tells(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    for n, overall in enumerate([9, 9, 9, 9, 6]):
        repo.save(reflection(days_ago(40 - 7 * n), overall=overall))
    at = change_words(tick_all(open_page("feedback")))
    drafted = [t.value for t in at.text_area if t.key.startswith("feedback_text_")]
    assert any(t.startswith("Could we talk about the session on") and "lower than my usual 9" in t for t in drafted)
    assert not any("felt" in t for t in drafted)


def test_nothing_goes_into_the_note_until_the_client_ticks_it(db: Path, open_page: Open) -> None:
    # Issue 25: with nothing ticked, the draft already shared "I didn't mention the drinking at the weekend".
    Repository(db).save(
        reflection(days_ago(3), unsaid="I didn't mention the drinking", what_helped="Slowing down", overall=8)
    )
    at = open_page("feedback")
    ticks = [c for c in at.checkbox if c.key.startswith("feedback_keep_")]
    assert len(ticks) == 3 and not any(c.value for c in ticks)  # the rating, what helped, what I did not say
    assert not at.get("download_button") and not [b for b in at.button if b.key == "feedback_save"]
    said = all_text(at)
    assert "Nothing goes into the note until you tick it" in said
    assert "3 points are not ticked and stay out of the note" in said
    [helped] = [c for c in ticks if "Slowing down" in c.label]
    helped.check().run()
    preview = "\n".join(t.value for t in at.text)
    assert "Slowing down" in preview and "drinking" not in preview
    assert "2 points are not ticked" in all_text(at)
    at.button(key="feedback_save").click().run()
    [kept] = Repository(db).feedback_notes()
    assert "Slowing down" in kept.body and "drinking" not in kept.body and "rated" not in kept.body


def test_the_clients_own_words_go_under_their_own_heading(db: Path, open_page: Open) -> None:
    # Issue 25: "In May I felt less connected…" reached the therapist under "What has helped".
    Repository(db).save(reflection(days_ago(3), what_helped="Slowing down"))
    at = open_page("feedback")
    at.text_area(key="feedback_own_words").input("In May I felt less connected after the break.").run()
    preview = "\n".join(t.value for t in at.text)
    assert "In my own words\n\nIn May I felt less connected" in preview or (
        preview.index("In my own words") < preview.index("In May I felt")
    )
    assert "What has helped" not in preview  # not ticked, and never the heading for the client's own words
    at.button(key="feedback_save").click().run()
    [kept] = Repository(db).feedback_notes()
    assert "What has helped" not in kept.body and "In my own words" in kept.body


# --- over time: signals and the band -------------------------------------------------------------


def test_over_time_names_what_was_measured_for_the_demo(db: Path, open_page: Open) -> None:
    fill_with_demo(Repository(db), sessions=40)
    at = open_page("overtime")
    signals = lambda: [m.value for m in at.markdown if m.value.startswith("**") and "\n\n" in m.value]  # noqa: E731
    assert len(signals()) == OVERTIME_SIGNALS_AT_ONCE  # the first few at once
    at.toggle(key="overtime_more_signals").set_value(True).run()  # the others on request
    assert len(signals()) > OVERTIME_SIGNALS_AT_ONCE
    text = all_text(at)
    assert "felt less connected" not in text and "below 9" not in text
    assert "lower than your usual" in text
    assert "keeps not getting covered" in text


# --- settings: the thresholds come from the model ------------------------------------------------


def test_signal_settings_come_from_the_model(db: Path, open_page: Open) -> None:
    at = open_page("settings")
    for name, info in SignalThresholds.model_fields.items():
        widget = at.number_input(key=f"settings_signal_{name}")
        low, high = SignalThresholds.bounds(name)
        assert (widget.label, widget.min, widget.max, widget.help or None) == (info.title, low, high, info.description)
        assert widget.value == info.default
    at.number_input(key="settings_signal_below_usual").set_value(3)
    button(at, "Save settings").click().run()
    assert Repository(db).settings().thresholds.below_usual == 3


def test_a_workbook_with_the_old_thresholds_still_opens(db: Path, open_page: Open) -> None:
    Repository(db).save_settings(Settings(name="Alex"))
    Repository(db).save(reflection(days_ago(7)))
    document = json.loads(db.read_text())
    [stored] = document["tables"]["settings"].values()
    stored["thresholds"] = {
        "low_overall": 9,
        "low_part": 7,
        "drop": 3,
        "perfect_run": 4,
        "uncovered_topic": 3,
        "stalled_goal": 6,
    }
    db.write_text(json.dumps(document))
    at = open_page("settings")
    assert at.title[0].value == "Settings and your data"
    assert at.number_input(key="settings_signal_below_usual").value == 3
    assert Repository(db).settings().thresholds.below_usual == 3


def test_keeping_the_same_note_twice_keeps_it_once(db: Path, open_page: Open) -> None:
    Repository(db).save(reflection(days_ago(3), unsaid="Something I held back"))
    at = tick_all(open_page("feedback"))
    at.button(key="feedback_save").click().run()
    tick_all(at)  # the same points ticked again (the editor started afresh)
    at.button(key="feedback_save").click().run()
    assert len(Repository(db).feedback_notes()) == 1
    assert any("already in your workbook" in i.value for i in at.info)


def test_every_format_in_the_registry_is_offered_as_a_download(db: Path, open_page: Open) -> None:
    from workbook.exports import FORMATS

    Repository(db).save(reflection(days_ago(3), unsaid="Something I held back"))
    at = tick_all(open_page("feedback"))
    offered = {b.key for b in at.get("download_button")}
    assert {f"feedback_download_{key}" for key in FORMATS} <= offered


# --- the client's own things to rate, and own questions (issue 14) ------------------------------

HOSTILE = '**Safe** to [disagree](http://example.com/x.png) <img src=x> "quoted" \u202eשלום'


def own_workbook(db: Path, *, private_answer: bool = False) -> tuple[OwnItem, OwnQuestion]:
    """Six weekly sessions: the own thing rated 9, then 4 in the last; an answer after the last two."""
    item = OwnItem(label=HOSTILE)
    question = OwnQuestion(prompt="What did I notice in my body?", asked="after")
    repo = Repository(db)
    repo.save_settings(Settings(own_items=(item,), own_questions=(question,)))
    for n in range(6):
        answers = {question.id: f"Answer {n}: tight shoulders"} if n >= 4 else {}
        repo.save(
            reflection(
                days_ago(40 - 7 * n),
                overall=9,
                own_ratings={item.id: 4 if n == 5 else 9},
                own_answers=answers,
                private=private_answer and n == 5,
            )
        )
    return item, question


def vega_specs(at) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def test_over_time_charts_and_signals_own_things_in_the_clients_words(db: Path, open_page: Open) -> None:
    own_workbook(db)
    at = open_page("overtime")
    at.session_state[f"{MORE_CHARTS}five-parts"] = True  # its box opened
    at.run()
    [heatmap] = [spec for spec in vega_specs(at) if spec.get("mark", {}).get("type") == "rect"]
    assert heatmap["encoding"]["y"]["sort"][-1] == HOSTILE.replace("\u202e", "")
    markdown = " ".join(m.value for m in at.markdown)  # a signal's detail is escaped Markdown: shown as written
    assert label_safe(f"“{HOSTILE.replace(chr(0x202E), '')}” 4/10 on") in markdown
    assert "lower than your usual 9" in markdown
    titles = [m.value.split("\n\n")[0] for m in at.markdown if m.value.startswith("**A lower rating for")]
    assert titles == [f"**{label_safe('A lower rating for “' + HOSTILE.replace(chr(0x202E), '')[:59] + '…”')}**"]
    markdown = " ".join(m.value for m in at.markdown)
    assert "\\<img" in markdown and "<img" not in markdown.replace("\\<img", "")  # its markup is never markup


def test_the_feedback_draft_offers_own_things_and_shares_only_ticked_answers(db: Path, open_page: Open) -> None:
    own_workbook(db)
    at = change_words(tick_all(open_page("feedback")))
    drafted = [t.value for t in at.text_area if t.key.startswith("feedback_text_")]
    assert any(t.startswith(f"Could we talk about “{HOSTILE.replace(chr(0x202E), '')}”? I rated it 4") for t in drafted)
    ticks = [c for c in at.checkbox if c.key.startswith("feedback_answer_")]
    assert len(ticks) == 2 and not any(c.value for c in ticks)  # private by default: offered, not chosen
    assert ticks[0].label.startswith("Share: " + label_safe("What did I notice in my body? (after"))
    preview = "\n".join(t.value for t in at.text)
    assert "tight shoulders" not in preview
    ticks[1].check().run()
    preview = "\n".join(t.value for t in at.text)
    assert "Answer 5: tight shoulders" in preview and "Answer 4" not in preview  # only the ticked one
    assert "From my own questions" in preview and "To my question “What did I notice in my body?”" in preview
    at.button(key="feedback_save").click().run()
    [kept] = Repository(db).feedback_notes()
    assert "Answer 5: tight shoulders" in kept.body and "Answer 4" not in kept.body


def test_a_private_reflections_answers_are_offered_only_when_private_ones_are_included(
    db: Path, open_page: Open
) -> None:
    own_workbook(db, private_answer=True)
    at = open_page("feedback")
    [tick] = [c for c in at.checkbox if c.key.startswith("feedback_answer_")]  # the private one not even offered
    assert "Answer 4" not in " ".join(t.value for t in at.text_area)  # unticked: its words are not drawn
    tick.check().run()
    editor = " ".join(t.value for t in at.text_area)
    assert "Answer 5" not in editor and "Answer 4" in editor
    ticked = tick.label
    at.checkbox(key="feedback_private").check().run()
    ticks = [c for c in at.checkbox if c.key.startswith("feedback_answer_")]
    # The newly offered private answer is not chosen; the one ticked before stays ticked (its tick is its own).
    assert [(c.label, c.value) for c in ticks if c.value] == [(ticked, True)] and len(ticks) == 2


def test_years_of_answers_offer_the_most_recent_few(db: Path, open_page: Open) -> None:
    from workbook.feedback import ANSWERS_OFFERED

    question = OwnQuestion(prompt="What did I notice?", asked="after")
    repo = Repository(db)
    repo.save_settings(Settings(own_questions=(question,)))
    for n in range(ANSWERS_OFFERED + 2):
        repo.save(reflection(days_ago(200 - 7 * n), own_answers={question.id: f"Noticed {n:02d}"}))
    at = open_page("feedback")
    ticks = [c for c in at.checkbox if c.key.startswith("feedback_answer_")]
    assert len(ticks) == ANSWERS_OFFERED
    for tick in ticks:
        tick.check()
    at.run()
    offered = [t.value for t in at.text_area if t.key.startswith("feedback_answer_text_")]
    assert len(offered) == ANSWERS_OFFERED and offered[-1].endswith(f"“Noticed {ANSWERS_OFFERED + 1}”")
    assert not any("Noticed 00" in t or "Noticed 01" in t for t in offered)
    assert f"The {ANSWERS_OFFERED} most recent of {ANSWERS_OFFERED + 2} are listed" in all_text(at)


def test_one_usual_on_over_time_and_in_the_draft_private_sessions_counted_as_numbers_only(
    db: Path, open_page: Open
) -> None:
    # Issue 25: the draft's usual (private reflections left out) differed from Over time's.
    repo = Repository(db)
    for n, (overall, private) in enumerate([(8, False)] * 3 + [(10, True)] * 3 + [(5, False)]):
        said = f"Private words {n}" if private else f"Words {n}"
        repo.save(reflection(days_ago(60 - 7 * n), overall=overall, private=private, unsaid=said))
    overtime = all_text(open_page("overtime")).replace("\\", "")  # a signal's detail is escaped Markdown
    assert "Overall connection 5/10" in overtime and "lower than your usual 9." in overtime
    at = open_page("feedback")
    labels = [c.label.replace("\\", "") for c in at.checkbox if c.key.startswith("feedback_keep_")]
    assert any("I rated our connection 5, lower than my usual 9" in label for label in labels), labels
    assert not any("Private words" in label for label in labels)  # their number counts, their words stay out


def test_a_first_reflection_rated_five_puts_nothing_worth_raising_on_home(db: Path, open_page: Open) -> None:
    # Issue 25: one 5/10 put "Worth raising" on Home, with a paragraph about a usual that did not exist.
    Repository(db).save(reflection(days_ago(1), overall=5, trust=4, empathy=5))
    said = all_text(open_page("home"))
    assert "Worth raising" not in said and "Your usual is" not in said and "than your usual" not in said
    Repository(db).save(reflection(days_ago(8), overall=5))
    said = all_text(open_page("overtime"))
    assert "Nothing stands out in this period." in said
    assert "Your usual is" not in said and "below your usual" not in said  # no band, no rule: no usual yet
