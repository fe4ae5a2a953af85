"""The pages, run with Streamlit's AppTest against a real workbook file."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import PAGES, Open, all_text, button, change_words, charts, choose, connection, tick_all
from tests.conftest import ROOT, checkin, goal, reflection, sha256
from ui.state import CHART_TAB, MORE_CHARTS, OPENED, SETTINGS_TAB
from workbook import i18n
from workbook.demo import fill_with_demo
from workbook.history import PAGE_SIZE, all_items, matching
from workbook.loop import SAFETY_TOPIC
from workbook.models import CheckIn, FeedbackNote, Goal, Reflection
from workbook.repository import Repository

HOSTILE = "![x](http://evil.example/p.png) <img src=x onerror=alert(1)> **bold** [link](javascript:alert(1))"


def settings_tab(at: AppTest, label: str) -> None:
    """Open one part of Settings (only the open tab is drawn), as a click on its tab does."""
    at.session_state[SETTINGS_TAB] = label
    at.run()


def opened(at: AppTest, key: str) -> None:
    """Open a box whose content is drawn only while open (ui.opened), as a click on it does: the box
    opens, and its callback remembers it open for the next visit."""
    at.session_state[key] = True
    at.session_state[f"{OPENED}{key}"] = True
    at.run()


# --- every page, in every state --------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_every_page_runs_on_an_empty_workbook(open_page: Open, name: str) -> None:
    at = open_page(name)
    assert at.title, "every page has a title"
    assert "Nothing is sent anywhere" in all_text(at)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_runs_on_a_demo_workbook(db: Path, open_page: Open, name: str) -> None:
    fill_with_demo(Repository(db), sessions=30)
    at = open_page(name)
    assert not at.exception


@pytest.mark.parametrize("name", PAGES)
def test_every_page_explains_a_damaged_workbook_and_leaves_it_alone(db: Path, open_page: Open, name: str) -> None:
    db.write_text('{"format": "alliance-workbook", "schema_version": 1, "tables": {"goals": [')
    before = sha256(db)
    at = open_page(name)
    if name == "help":  # help never waits for a repair: where to turn, and nothing else
        assert at.title[0].value == "Help now" and "emergency" in all_text(at).lower()
        assert not at.text_area and sha256(db) == before
        return
    assert at.title[0].value == "Your workbook needs attention"
    assert str(db) in all_text(at) + "".join(c.value for c in at.code)
    assert not at.text_area and not at.button  # no form that could write
    assert sha256(db) == before


# --- home ------------------------------------------------------------------------------------


def test_first_run_welcomes_explains_the_alliance_and_where_to_get_help(open_page: Open) -> None:
    text = all_text(open_page("home"))
    for word in ("trust", "empathy", "collaboration", "communication", "shared goals"):
        assert word in text
    assert "not a crisis service" in text
    assert "emergency" in text.lower()


def test_home_says_to_reflect_when_a_checked_in_session_has_happened(db: Path, open_page: Open) -> None:
    Repository(db).save(checkin(session_date=date.today(), topics=("Sleep",)))
    at = open_page("home")
    assert "Reflect on your session" in [s.value for s in at.subheader]


# --- goals -----------------------------------------------------------------------------------


def test_a_goal_is_created_edited_and_rated(db: Path, open_page: Open) -> None:
    at = open_page("goals")
    at.text_input(key="goals_new_title").input("Speak up at work")
    at.text_area(key="goals_new_why_it_matters").input("I swallow things.")
    at.text_input(key="goals_new_ladder_2").input("I say it on the day, calmly.")
    button(at, "Save goal").click().run()
    assert not at.exception
    [saved] = Repository(db).goals()
    assert (saved.title, saved.why_it_matters, saved.ladder) == (
        "Speak up at work",
        "I swallow things.",
        {"2": "I say it on the day, calmly."},
    )
    assert "Goal saved." in all_text(at)
    at.button_group(key="goals_progress_rating").set_value(1)
    button(at, "Add rating").click().run()
    assert [p.rating for p in Repository(db).goals()[0].progress] == [1]
    edit = f"goals_edit_{saved.id[:8]}"
    assert not [r for r in at.radio if r.key == f"{edit}_status"]  # drawn only once opened
    opened(at, f"{edit}_open")  # the person opens "Edit this goal"
    at.radio(key=f"{edit}_status").set_value("achieved")
    at.button(key=f"{edit}_goal_save").click().run()
    assert Repository(db).goals()[0].status == "achieved"


def test_a_goal_without_a_title_is_refused_next_to_the_field(db: Path, open_page: Open) -> None:
    at = open_page("goals")
    at.text_area(key="goals_new_why_it_matters").input("Words I do not want to lose")
    button(at, "Save goal").click().run()
    assert "Goal cannot be empty." in [e.value for e in at.error]
    assert at.text_area(key="goals_new_why_it_matters").value == "Words I do not want to lose"
    assert Repository(db).goals() == ()


# --- before a session ------------------------------------------------------------------------


def test_a_check_in_is_saved_with_its_topics_in_order(db: Path, open_page: Open) -> None:
    at = open_page("checkin")
    choose(at, "checkin_wellbeing", 3)
    at.radio(key="checkin_trend").set_value("worse")
    at.text_input(key="checkin_topic_0").input("Panic on the train")
    at.text_input(key="checkin_topic_2").input("Money")
    at.text_area(key="checkin_hard_to_say").input("I nearly cancelled.")
    button(at, "Save check-in").click().run()
    [saved] = Repository(db).checkins()
    assert (saved.wellbeing, saved.trend, saved.topics) == (3, "worse", ("Panic on the train", "Money"))
    assert saved.hard_to_say == "I nearly cancelled."
    assert at.text_input(key="checkin_topic_0").value == ""  # the form starts afresh


def test_the_safety_flag_shows_help_at_once_and_comes_first_on_the_agenda(db: Path, open_page: Open) -> None:
    at = open_page("checkin")
    assert "You matter" not in all_text(at)
    at.checkbox(key="checkin_safety_concern").check().run()
    text = all_text(at)
    assert "You matter, and help is available now." in text
    assert "Emergency services" in text
    at.text_input(key="checkin_topic_0").input("Work")
    button(at, "Save check-in").click().run()
    at.switch_page(PAGES["reflection"]).run()
    labels = [c.label for c in at.radio if c.key and c.key.startswith("reflection_covered_")]
    assert labels[0].replace("\\", "") == SAFETY_TOPIC
    assert labels[1] == "Work"


def test_unsaid_things_and_next_steps_are_offered_in_the_next_check_in(db: Path, open_page: Open) -> None:
    Repository(db).save(reflection(unsaid="That the last session upset me", next_steps="Text my sister"))
    at = open_page("checkin")
    text = all_text(at)
    assert "That the last session upset me" in text and "Text my sister" in text
    at.button(key="checkin_carry_unsaid").click().run()
    assert at.text_input(key="checkin_topic_0").value == "That the last session upset me"


# --- after a session -------------------------------------------------------------------------


def rate_all(at: AppTest, prefix: str, value: int) -> None:
    for part in ("trust", "empathy", "collaboration", "communication", "shared_goals", "overall"):
        choose(at, f"{prefix}_{part}", value)


def test_a_reflection_offers_the_check_ins_topics_and_records_what_was_covered(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    waiting = repo.save(checkin(session_date=date.today() - timedelta(days=1), topics=("Sleep", "My sister")))
    target = repo.save(goal("Sleep better"))
    at = open_page("reflection")
    assert at.date_input(key="reflection_session_date").value == waiting.session_date
    assert at.radio(key="reflection_covered_0").value is None  # nothing answered for the client
    at.radio(key="reflection_covered_0").set_value(True)
    rate_all(at, "reflection", 8)
    choose(at, "reflection_trust", 6)
    at.text_area(key="reflection_unsaid").input("That I was angry")
    choose(at, f"reflection_goal_{target.id}", 1)
    at.checkbox(key="reflection_private").check()
    button(at, "Save reflection").click().run()
    assert not at.exception
    [saved] = Repository(db).reflections()
    assert saved.checkin_id == waiting.id
    assert [(a.topic, a.covered) for a in saved.agenda] == [("Sleep", True), ("My sister", None)]  # unanswered
    assert (saved.trust, saved.overall, saved.unsaid, saved.private) == (6, 8, "That I was angry", True)
    assert [(g.goal_id, g.rating) for g in saved.goals] == [(target.id, 1)]


def test_a_rating_left_unchosen_is_saved_as_not_rated_never_as_a_number(db: Path, open_page: Open) -> None:
    at = open_page("reflection")
    rate_all(at, "reflection", 7)
    choose(at, "reflection_empathy", None)
    at.text_area(key="reflection_insights").input("Something I want to keep")
    button(at, "Save reflection").click().run()
    [saved] = Repository(db).reflections()
    assert (saved.trust, saved.empathy, saved.insights) == (7, None, "Something I want to keep")


def test_after_a_hard_session_words_can_be_saved_without_any_rating(db: Path, open_page: Open) -> None:
    at = open_page("reflection")
    at.text_area(key="reflection_feelings_after").input("Too raw to put numbers on it")
    button(at, "Save reflection").click().run()
    [saved] = Repository(db).reflections()
    assert saved.overall is None and set(saved.ratings().values()) == {None}
    history = open_page("history")
    assert any("connection not rated" in t.value for t in history.text)
    home = open_page("home")
    assert not any("/10" in m.value for m in home.metric)  # nothing charted or shown as a number


def test_an_untouched_check_in_rating_is_not_a_made_up_five(db: Path, open_page: Open) -> None:
    at = open_page("checkin")
    at.text_area(key="checkin_what_happened").input("A long week")
    button(at, "Save check-in").click().run()
    [saved] = Repository(db).checkins()
    assert saved.wellbeing is None


# --- history ---------------------------------------------------------------------------------


def test_history_lists_newest_first_in_pages_and_searches_words(db: Path, open_page: Open) -> None:
    fill_with_demo(Repository(db), sessions=30)
    at = open_page("history")
    pages = -(-len(all_items(Repository(db))) // PAGE_SIZE)  # 30 check-ins + 30 reflections + more: several pages
    assert pages > 1 and any(f"page 1 of {pages}" in c.value for c in at.caption)
    first_shown = at.text[0].value
    newest = max(r.session_date for r in Repository(db).reflections())
    assert any(f"{newest:%-d %B %Y}" in c.value for c in at.caption[:3])
    at.text_input(key="history_search").input("sister").run()
    counts = next(c.value for c in at.caption if " entries" in c.value)
    expected = matching(all_items(Repository(db)), text="sister")
    assert counts.startswith(f"{len(expected)} of ")
    assert 0 < len(expected) < len(all_items(Repository(db)))
    at.multiselect(key="history_kinds").set_value(["goal"]).run()
    assert not any(" entries" in c.value and c.value.startswith(str(len(expected))) for c in at.caption)
    assert first_shown


def test_history_filters_by_dates_and_therapist_in_a_box_that_keeps_them_when_closed(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    for day, who in (("2026-03-02", "Sam"), ("2026-03-09", "Alex"), ("2026-04-06", "Sam")):
        repo.save(reflection(day, therapist=who, insights=f"With {who} on {day}"))
    at = open_page("history")
    assert "Showing every entry: choose dates or a therapist" in [e.label for e in at.expander]
    assert not at.get("date_input") and not at.selectbox  # not drawn while the box is closed
    opened(at, "history_filters")
    at.selectbox(key="history_therapist").set_value("Sam").run()
    at.date_input(key="history_dates").set_value((date(2026, 3, 1), date(2026, 3, 31))).run()
    assert [t.value for t in at.text if t.value.startswith("With ")] == ["With Sam on 2026-03-02"]
    at.session_state["history_filters"] = False  # the box closed, and the page left and come back
    at.session_state[f"{OPENED}history_filters"] = False
    at.switch_page("home.py").run()
    at.switch_page(PAGES["history"]).run()
    assert "Showing 1 March 2026 to 31 March 2026, with Sam" in [e.label for e in at.expander]
    assert [t.value for t in at.text if t.value.startswith("With ")] == ["With Sam on 2026-03-02"]
    opened(at, "history_filters")
    at.button(key="history_every").click().run()  # "Show every entry"
    assert len([t for t in at.text if t.value.startswith("With ")]) == 3


def test_an_entry_is_edited_from_history(db: Path, open_page: Open) -> None:
    saved = Repository(db).save(reflection(insights="first words"))
    at = open_page("history")
    at.button(key=f"history_edit_{saved.id}").click().run()
    at.text_area(key=f"history_entry_{saved.id[:8]}_insights").input("better words")
    button(at, "Save reflection").click().run()
    assert not at.exception
    again = Repository(db).get(Reflection, saved.id)
    assert again.insights == "better words" and again.created_at == saved.created_at
    assert not any(t.key.startswith("history_entry_") for t in at.text_area)  # the editor closed


def test_deleting_asks_first(db: Path, open_page: Open) -> None:
    keep, drop = Repository(db).save(checkin(topics=("Keep",))), Repository(db).save(checkin(topics=("Drop",)))
    at = open_page("history")
    at.button(key=f"history_delete_{drop.id}").click().run()
    assert Repository(db).get(CheckIn, drop.id)  # nothing deleted yet
    at.button(key=f"history_confirm_{drop.id}").click().run()
    assert [c.id for c in Repository(db).checkins()] == [keep.id]


# --- settings --------------------------------------------------------------------------------


def test_settings_are_saved(db: Path, open_page: Open) -> None:
    at = open_page("settings")
    at.text_input(key="settings_name").input("Alex")
    at.text_area(key="settings_therapists").input("Dr. Okafor\nSam")
    at.text_area(key="settings_crisis_lines").input("Samaritans: 116 123\n999")
    button(at, "Save settings").click().run()
    settings = Repository(db).settings()
    assert (settings.name, settings.therapists) == ("Alex", ("Dr. Okafor", "Sam"))
    assert [(c.name, c.contact) for c in settings.crisis_lines] == [("Samaritans", "116 123"), ("Crisis line", "999")]
    settings_tab(at, "Your data")
    assert str(db) in "".join(c.value for c in at.code)
    settings_tab(at, "You and where to get help")
    at.number_input(key="settings_signal_below_usual").set_value(3)
    button(at, "Save settings").click().run()
    assert Repository(db).settings().thresholds.below_usual == 3
    assert Repository(db).settings().name == "Alex"


def test_delete_everything_needs_the_typed_word_and_keeps_a_backup(db: Path, open_page: Open) -> None:
    Repository(db).save(goal())
    at = open_page("settings")
    settings_tab(at, "Your data")
    opened(at, "settings_delete_open")
    assert at.button(key="settings_delete").disabled
    at.text_input(key="settings_delete_confirm").input("DELETE").run()
    at.button(key="settings_delete").click().run()
    assert Repository(db).is_empty()
    backups = Repository(db).list_backups()
    assert backups and "Feel less anxious" in backups[0].read_text()


# --- the client's words are shown as written -------------------------------------------------


def test_hostile_text_is_shown_literally_everywhere(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    target = repo.save(Goal(title=HOSTILE, why_it_matters=HOSTILE))
    repo.save(checkin(session_date=date.today(), topics=(HOSTILE[:200],), what_happened=HOSTILE))
    repo.save(reflection(insights=HOSTILE, unsaid=HOSTILE, therapist="<b>Dr</b> ![t](http://x/t.png)"))
    for name in PAGES:
        at = open_page(name)
        if name == "history":
            for item in at.button:
                if item.key and item.key.startswith("history_open_"):
                    item.click().run()
        for element in (*at.markdown, *at.caption):
            for live in ("![", "](", "<img", "<b>"):
                assert live not in element.value, (name, element.value)
        for widget in (*at.checkbox, *at.select_slider, *at.button_group):
            assert "![" not in widget.label, (name, widget.label)
    at = open_page("goals")
    assert any(HOSTILE in t.value for t in at.text)
    assert target.id


# --- over time -------------------------------------------------------------------------------


def test_over_time_explains_itself_with_fewer_than_two_sessions(db: Path, open_page: Open) -> None:
    Repository(db).save(reflection())
    at = open_page("overtime")
    assert "After two sessions" in all_text(at)
    assert not charts(at)


def test_over_time_shows_signals_charts_tables_and_downloads_for_the_demo(db: Path, open_page: Open) -> None:
    fill_with_demo(Repository(db), sessions=40)
    at = open_page("overtime")
    headings = [s.value for s in at.subheader]
    for heading in ("Worth raising", "Overall connection"):
        assert heading in headings
    more = (
        "The five parts",
        "Before and after feedback",
        "How you had been, and how connected you felt",
        "Goal progress",
    )
    assert [e.label for e in at.expander if e.label in more] == list(more)  # the others, one click away
    drawn = connection(at)  # drawn at first: one chart, no tables
    assert charts(at) == 1 and drawn and not at.dataframe
    assert len(drawn["points"]) == 40 and drawn["label"].startswith("Line chart of overall connection")
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download the data (CSV)", "Download the chart (PNG)"]  # the picture: the first chart's
    for key in ("five-parts", "before-after-feedback", "wellbeing-and-connection", "goal-progress"):
        opened(at, f"{MORE_CHARTS}{key}")
    assert charts(at) == 5
    assert [b.label for b in at.get("download_button")].count("Download the data (CSV)") == 5
    at.switch_page("home.py").run()
    at.switch_page(PAGES["overtime"]).run()
    assert charts(at) == 5  # opened boxes stay open on the next visit
    at.session_state[f"{CHART_TAB}overall-connection"] = "Table"  # the person picks the Table tab
    at.run()
    assert not at.exception, at.exception
    assert len(at.dataframe) == 1 and charts(at) == 4 and connection(at) is None
    assert "keeps not getting covered" not in all_text(at)  # the fourth signal: one switch away
    at.toggle(key="overtime_more_signals").set_value(True).run()
    assert "keeps not getting covered" in all_text(at)
    at.switch_page("home.py").run()
    at.switch_page(PAGES["overtime"]).run()
    assert "keeps not getting covered" in all_text(at)  # the switch stays as it was left


def test_over_time_filters_by_therapist(db: Path, open_page: Open) -> None:
    fill_with_demo(Repository(db), sessions=40)
    at = open_page("overtime")
    assert "Showing every session: choose dates or a therapist" in [e.label for e in at.expander]
    assert not at.selectbox and not at.date_input  # in the box, drawn only while it is open
    opened(at, "overtime_filters")
    at.selectbox(key="overtime_therapist").set_value("Sam Lindqvist").run()
    assert not at.exception
    at.session_state[f"{CHART_TAB}overall-connection"] = "Table"
    at.run()
    sessions = [r for r in Repository(db).reflections() if r.therapist == "Sam Lindqvist"]

    def shown() -> set[str]:
        overall_table = next(d.value for d in at.dataframe if "rolling" in d.value.columns)
        assert len(overall_table) == len(sessions)
        return set(overall_table["therapist"])

    assert shown() == {"Sam Lindqvist"}
    at.session_state["overtime_filters"] = False  # the box closed
    at.session_state[f"{OPENED}overtime_filters"] = False
    at.run()
    assert not at.selectbox and shown() == {"Sam Lindqvist"}  # still chosen, and said so
    assert "Showing sessions with Sam Lindqvist" in [e.label for e in at.expander]
    at.switch_page("home.py").run()
    at.switch_page(PAGES["overtime"]).run()
    assert "Showing sessions with Sam Lindqvist" in [e.label for e in at.expander]  # and after leaving the page
    opened(at, "overtime_filters")
    assert at.selectbox(key="overtime_therapist").value == "Sam Lindqvist"
    first, last = sessions[0].session_date, sessions[-1].session_date
    assert "Choose dates or a therapist" in [e.label for e in at.expander]  # while open, its label stays put
    at.date_input(key="overtime_dates").set_value((first, first)).run()
    assert "Choose dates or a therapist" in [e.label for e in at.expander]
    at.session_state["overtime_filters"] = False
    at.session_state[f"{OPENED}overtime_filters"] = False
    at.run()
    assert f"Showing {i18n.long_date(first)}, with Sam Lindqvist" in [e.label for e in at.expander]  # one day
    assert last != first
    opened(at, "overtime_filters")
    at.button(key="overtime_every").click().run()  # "Show every session"
    [dates], [therapist] = at.date_input, at.selectbox  # the fields started afresh
    assert not dates.value and therapist.value == ""
    at.session_state["overtime_filters"] = False
    at.session_state[f"{OPENED}overtime_filters"] = False
    at.run()
    assert "Showing every session: choose dates or a therapist" in [e.label for e in at.expander]


def test_over_time_forgets_a_therapist_no_longer_in_any_session(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    for n in range(3):
        repo.save(reflection(f"2026-03-{n + 1:02d}", therapist="Dr Typo"))
    at = open_page("overtime")
    opened(at, "overtime_filters")
    at.selectbox(key="overtime_therapist").set_value("Dr Typo").run()
    for entry in repo.reflections():  # the name corrected in History
        repo.update(Reflection, entry.id, lambda r: r.model_copy(update={"therapist": "Dr Tipo"}))
    at.session_state["overtime_filters"] = False
    at.session_state[f"{OPENED}overtime_filters"] = False
    at.run()
    assert "Showing every session: choose dates or a therapist" in [e.label for e in at.expander]
    assert connection(at)  # not "fewer than two sessions match"


def test_home_shows_signals_since_the_last_feedback(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    for n, overall in enumerate([9, 9, 9, 9, 5]):
        repo.save(reflection(f"2026-03-{n + 1:02d}", overall=overall))
    at = open_page("home")
    assert "Worth raising" in [s.value for s in at.subheader]


# --- feedback --------------------------------------------------------------------------------


def test_feedback_explains_itself_before_the_first_reflection(open_page: Open) -> None:
    at = open_page("feedback")
    assert "After your first reflection" in all_text(at)
    assert not at.get("download_button")


def test_feedback_drafts_from_the_period_and_offers_both_downloads_at_once(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(FeedbackNote(body="Earlier note", shared_on=date.today() - timedelta(days=30)))
    repo.save(reflection((date.today() - timedelta(days=40)).isoformat(), unsaid="Too old to include"))
    repo.save(reflection((date.today() - timedelta(days=10)).isoformat(), unsaid="I nearly cancelled", overall=6))
    repo.save(reflection((date.today() - timedelta(days=3)).isoformat(), unsaid="A private thing", private=True))
    at = change_words(tick_all(open_page("feedback")))
    drafted = [t.value for t in at.text_area if t.key and t.key.startswith("feedback_text_")]
    assert any("I nearly cancelled" in t for t in drafted)
    assert not any("Too old" in t or "A private thing" in t for t in drafted)
    labels = [b.label for b in at.get("download_button")]
    assert "Download the note (Markdown)" in labels and "Download the note (PDF)" in labels
    assert any("I nearly cancelled" in t.value for t in at.text)  # the preview
    at.checkbox(key="feedback_private").check().run()
    offered = [c.label for c in at.checkbox if c.key.startswith("feedback_keep_")]
    assert any("A private thing" in label for label in offered)  # offered, unticked like every point


def test_a_dropped_or_edited_point_is_what_gets_kept(db: Path, open_page: Open) -> None:
    Repository(db).save(reflection(unsaid="Words to drop", what_helped="Words to edit"))
    at = change_words(tick_all(open_page("feedback")))
    texts = {t.value: t.key for t in at.text_area if t.key and t.key.startswith("feedback_text_")}
    drop_key = next(k for v, k in texts.items() if "Words to drop" in v)
    at.checkbox(key=drop_key.replace("_text_", "_keep_")).uncheck()
    edit_key = next(k for v, k in texts.items() if "Words to edit" in v)
    at.text_area(key=edit_key).input("What has helped: being asked, in my words")
    at.button(key="feedback_save").click().run()
    [saved] = Repository(db).feedback_notes()
    assert "in my words" in saved.body and "Words to drop" not in saved.body
    assert saved.shared_on is None


def test_a_points_changed_words_survive_unticking_it_and_leaving_the_page(db: Path, open_page: Open) -> None:
    Repository(db).save(reflection(what_helped="Words to edit"))
    at = change_words(tick_all(open_page("feedback")))
    key = next(t.key for t in at.text_area if t.key and "Words to edit" in t.value)
    at.text_area(key=key).input("Being asked, in my own words").run()
    tick = key.replace("_text_", "_keep_")
    at.checkbox(key=tick).uncheck().run()
    assert not [t for t in at.text_area if t.key == key]  # dropped: its box is not drawn
    assert "in my own words" not in " ".join(t.value for t in at.text)  # nor in what would be shared
    at.checkbox(key=tick).check().run()
    assert at.text_area(key=key).value == "Being asked, in my own words"  # ticked again: the words as changed
    at.switch_page("pages/6_History.py").run()
    at.switch_page("pages/5_Feedback.py").run()
    assert at.text_area(key=key).value == "Being asked, in my own words"  # and after leaving the page
    at.button(key="feedback_save").click().run()
    assert "in my own words" in Repository(db).feedback_notes()[0].body


def test_a_points_changed_words_stay_when_the_draft_around_it_changes(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection((date.today() - timedelta(days=10)).isoformat(), what_helped="Words to edit"))
    at = change_words(tick_all(open_page("feedback")))
    key = next(t.key for t in at.text_area if t.key and "Words to edit" in t.value)
    at.text_area(key=key).input("Being asked, in my own words").run()
    # A new session since: the draft gains points, its average changes, the period ends on another day.
    repo.save(reflection((date.today() - timedelta(days=2)).isoformat(), overall=5, unsaid="Something new"))
    at.run()
    offered = [c.label for c in at.checkbox if c.key.startswith("feedback_keep_")]
    assert any("Something new" in label for label in offered)  # the draft did change
    assert at.text_area(key=key).value == "Being asked, in my own words"  # and the changed words stayed


def test_a_dropped_point_stays_dropped_when_the_page_is_left_and_its_sentence_changes(
    db: Path, open_page: Open
) -> None:
    repo = Repository(db)
    repo.save(reflection((date.today() - timedelta(days=10)).isoformat(), unsaid="I nearly cancelled"))
    at = open_page("feedback")
    tick = next(c.key for c in at.checkbox if c.key.startswith("feedback_keep_") and "nearly cancelled" in c.label)
    at.checkbox(key=tick).uncheck().run()
    at.switch_page(PAGES["help"]).run()
    at.switch_page(PAGES["feedback"]).run()
    # A new session says it again: the point's sentence now lists two days.
    repo.save(reflection((date.today() - timedelta(days=3)).isoformat(), unsaid="I nearly cancelled"))
    at.run()
    [point] = [c for c in at.checkbox if c.key.startswith("feedback_keep_") and "nearly cancelled" in c.label]
    assert point.key != tick and not point.value  # a new sentence, still dropped
    assert "nearly cancelled" not in "\n".join(t.value for t in at.text)  # and not in what would be shared


def test_changed_words_stay_when_a_new_session_changes_the_points_sentence(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection((date.today() - timedelta(days=10)).isoformat(), overall=8))
    at = change_words(tick_all(open_page("feedback")))
    key = next(t.key for t in at.text_area if t.key and "I rated our connection" in t.value)
    at.text_area(key=key).input("Mostly I felt connected, in my words").run()
    repo.save(reflection((date.today() - timedelta(days=3)).isoformat(), overall=6))  # the average changes
    at.run()
    boxes = [t for t in at.text_area if t.key and t.key.startswith("feedback_text_")]
    assert not any("I rated our connection" in t.value for t in boxes)  # not the new sentence instead
    assert any(t.value == "Mostly I felt connected, in my words" for t in boxes)
    assert "Mostly I felt connected, in my words" in "\n".join(t.value for t in at.text)


def test_only_the_newest_notes_are_listed_until_older_ones_are_asked_for(db: Path, open_page: Open) -> None:
    from ui.notes import NOTES_LISTED, NOTES_SHOWN

    repo = Repository(db)
    repo.save(reflection())
    for n in range(NOTES_LISTED + 3):
        repo.save(FeedbackNote(body=f"Note {n:02d}", shared_on=date(2026, 1, 1) + timedelta(days=n)))
    at = open_page("feedback")
    listed = [e.label for e in at.expander if "Note" in e.label or "2026" in e.label]
    assert len(listed) == NOTES_SHOWN
    at.toggle(key="feedback_older_notes").set_value(True).run()
    assert len([e.label for e in at.expander if "Note" in e.label or "2026" in e.label]) == NOTES_LISTED
    old = repo.feedback_notes()[-NOTES_SHOWN - 2]
    repo.update(FeedbackNote, old.id, lambda n: n.model_copy(update={"shared_on": None}))  # one still to share
    at = open_page("feedback")
    listed = [e.label for e in at.expander if "Note" in e.label or "2026" in e.label]
    assert len(listed) == NOTES_SHOWN + 1 and any("Not shared yet" in label for label in listed)
    oldest = repo.feedback_notes()[0]  # older than the twenty listed on request: still listed, to be shared
    repo.update(FeedbackNote, oldest.id, lambda n: n.model_copy(update={"shared_on": None}))
    at = open_page("feedback")
    listed = [e.label for e in at.expander if "Note" in e.label or "2026" in e.label]
    assert len([label for label in listed if "Not shared yet" in label]) == 2


def test_marking_shared_and_recording_the_response_closes_the_loop(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection())
    note = repo.save(FeedbackNote(body="Please keep time for the end"))
    at = open_page("feedback")
    next(b for b in at.button if b.label == "Mark as shared").click().run()
    assert Repository(db).get(FeedbackNote, note.id).shared_on == date.today()
    at.text_area(key=f"feedback_note_{note.id[:8]}_response").input("They said thank you")
    at.text_area(key=f"feedback_note_{note.id[:8]}_agreed").input("Five minutes at the end")
    next(b for b in at.button if b.label == "Save").click().run()
    again = Repository(db).get(FeedbackNote, note.id)
    assert (again.response, again.agreed_changes) == ("They said thank you", "Five minutes at the end")


# --- the lock --------------------------------------------------------------------------------

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def encrypted(db: Path) -> Path:
    repo = Repository(db)
    fill_with_demo(repo, sessions=12)
    repo.save(reflection(insights="ONLY-AFTER-UNLOCK"))
    repo.encrypt(PASSPHRASE)
    return db


def unlock(at: AppTest, passphrase: str = PASSPHRASE) -> AppTest:
    at.text_input(key="unlock_passphrase").input(passphrase)
    return button(at, "Unlock").click().run()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_only_the_unlock_screen_while_locked(encrypted: Path, open_page: Open, name: str) -> None:
    at = open_page(name)
    assert "ONLY-AFTER-UNLOCK" not in all_text(at)
    if name == "help":  # help never waits for the passphrase: it shows where to turn, nothing of the workbook
        assert at.title[0].value == "Help now" and not at.text_area and not at.dataframe
        return
    assert at.title[0].value == "Your workbook is locked"
    assert not charts(at) and not at.dataframe and not at.get("download_button")
    widgets = [w.key for w in (*at.text_input, *at.text_area)]
    assert widgets == ["unlock_passphrase"]


def test_the_right_passphrase_opens_every_page_for_this_session_only(encrypted: Path, open_page: Open) -> None:
    at = unlock(open_page("history"))
    assert at.title[0].value == "History"
    at.text_input(key="history_search").input("ONLY-AFTER-UNLOCK").run()
    assert any("ONLY-AFTER-UNLOCK" in t.value for t in at.text)
    at.switch_page(PAGES["overtime"]).run()
    assert at.title[0].value == "Over time"
    other = open_page("home")  # another browser session has to unlock for itself
    assert other.title[0].value == "Your workbook is locked"


def test_wrong_passphrases_are_refused_and_slowed_down(encrypted: Path, open_page: Open) -> None:
    at = unlock(open_page("home"), "not my passphrase")
    assert any("does not open this workbook" in e.value for e in at.error)
    at = unlock(at, PASSPHRASE)  # even the right one must wait a moment after a wrong one
    assert any("Please wait" in w.value for w in at.warning)
    assert at.title[0].value == "Your workbook is locked"


def test_the_workbook_locks_itself_after_the_idle_time_and_on_request(encrypted: Path, open_page: Open) -> None:
    at = unlock(open_page("home"))
    assert at.title[0].value.startswith("Welcome")
    at.session_state["_unlocked"]["last"] -= 11 * 60  # eleven minutes pass without a click
    at.run()
    assert at.title[0].value == "Your workbook is locked"
    assert any("Locked after 10 minutes" in i.value for i in at.info)
    at = unlock(at)
    at.button(key="sidebar_lock").click().run()
    assert at.title[0].value == "Your workbook is locked"


def test_encryption_is_turned_on_from_the_settings_page(db: Path, open_page: Open) -> None:
    Repository(db).save(reflection(insights="Words to protect"))
    at = open_page("settings")
    settings_tab(at, "Your data")
    at.text_input(key="encryption_on_passphrase").input(PASSPHRASE)
    at.text_input(key="encryption_on_passphrase_again").input(PASSPHRASE)
    at.checkbox(key="encryption_understood").check()
    button(at, "Encrypt my workbook").click().run()
    assert not at.exception
    assert b"Words to protect" not in db.read_bytes() and Repository(db).is_encrypted()
    assert at.title[0].value == "Settings and your data"  # this session stays unlocked
    assert any("encrypted" in s.value for s in at.success)
    assert open_page("home").title[0].value == "Your workbook is locked"  # others are not


def test_a_file_from_a_newer_version_asks_for_an_update_not_a_restore(db: Path, open_page: Open) -> None:
    db.write_text('{"format": "alliance-workbook", "schema_version": 99, "tables": {}}')
    at = open_page("home")
    text = all_text(at)
    assert "newer version" in text and "Update Alliance Workbook" in text
    assert not any("cp " in c.value for c in at.code)


def test_opening_a_second_editor_shows_that_entrys_own_words(db: Path, open_page: Open) -> None:
    first = Repository(db).save(reflection("2026-03-01", insights="words of the first"))
    second = Repository(db).save(reflection("2026-03-08", insights="words of the second"))
    at = open_page("history")
    at.button(key=f"history_edit_{first.id}").click().run()
    at.text_area(key=f"history_entry_{first.id[:8]}_insights").input("typed, not saved")
    at.button(key=f"history_edit_{second.id}").click().run()
    assert at.text_area(key=f"history_entry_{second.id[:8]}_insights").value == "words of the second"
    next(b for b in at.button if b.label == "Save reflection").click().run()
    assert Repository(db).get(Reflection, second.id).insights == "words of the second"
    assert Repository(db).get(Reflection, first.id).insights == "words of the first"


def test_words_typed_but_not_saved_are_still_there_after_visiting_another_page(db: Path, open_page: Open) -> None:
    at = open_page("reflection")
    at.text_area(key="reflection_insights").input("Half a thought I do not want to lose")
    at.switch_page(PAGES["history"]).run()
    at.switch_page(PAGES["reflection"]).run()
    assert at.text_area(key="reflection_insights").value == "Half a thought I do not want to lose"
    rate_all(at, "reflection", 8)
    button(at, "Save reflection").click().run()
    assert Repository(db).reflections()[0].insights == "Half a thought I do not want to lose"
    at.switch_page(PAGES["history"]).run()
    at.switch_page(PAGES["reflection"]).run()
    assert at.text_area(key="reflection_insights").value == ""  # once saved, the draft is gone


# --- two windows, one entry --------------------------------------------------------------------


def test_an_edit_that_meets_a_newer_version_says_so_and_keeps_both(db: Path, open_page: Open) -> None:
    saved = Repository(db).save(reflection(insights="first words", what_helped="being asked"))
    at = open_page("history")  # this window
    at.button(key=f"history_edit_{saved.id}").click().run()
    editor = f"history_entry_{saved.id[:8]}"
    at.text_area(key=f"{editor}_insights").input("my new insight")
    other = Repository(db)  # another window saves the same reflection meanwhile
    other.save(other.get(Reflection, saved.id).model_copy(update={"what_helped": "the other window's words"}))
    before = sha256(db)
    at.button(key=f"{editor}_reflection_save").click().run()
    assert not at.exception
    [warning] = [w.value for w in at.warning if "changed in another window" in w.value]
    assert "Nothing was saved" in warning
    assert sha256(db) == before  # nothing overwritten
    assert at.text_area(key=f"{editor}_insights").value == "my new insight"  # nothing typed lost
    at.button(key=f"{editor}_reflection_conflict_apply").click().run()
    assert not at.exception
    kept = Repository(db).get(Reflection, saved.id)
    assert (kept.insights, kept.what_helped) == ("my new insight", "the other window's words")
    assert "Changes saved." in all_text(at)


def test_an_edit_of_an_entry_deleted_elsewhere_can_be_kept_as_a_new_entry(db: Path, open_page: Open) -> None:
    saved = Repository(db).save(checkin(what_happened="a week"))
    at = open_page("history")
    at.button(key=f"history_edit_{saved.id}").click().run()
    editor = f"history_entry_{saved.id[:8]}"
    at.text_area(key=f"{editor}_what_happened").input("a hard week, and I want to keep these words")
    Repository(db).delete(CheckIn, saved.id)  # deleted in another window
    at.button(key=f"{editor}_checkin_save").click().run()
    assert not at.exception
    assert any("deleted in another window" in w.value for w in at.warning)
    assert Repository(db).checkins() == ()  # a stale edit does not bring it back by itself
    at.button(key=f"{editor}_checkin_conflict_new").click().run()
    [kept] = Repository(db).checkins()
    assert kept.what_happened == "a hard week, and I want to keep these words" and kept.id != saved.id


def test_a_rating_added_on_the_goals_page_is_not_a_conflict_and_survives_an_edit(db: Path, open_page: Open) -> None:
    saved = Repository(db).save(goal("Speak up at work"))
    window_a, window_b = open_page("goals"), open_page("goals")
    edit = f"goals_edit_{saved.id[:8]}"
    opened(window_a, f"{edit}_open")  # window A has the goal open for editing
    window_b.button_group(key="goals_progress_rating").set_value(1)
    button(window_b, "Add rating").click().run()
    window_a.text_input(key=f"{edit}_title").input("Speak up in meetings")
    window_a.button(key=f"{edit}_goal_save").click().run()
    assert any("changed in another window" in w.value for w in window_a.warning)
    window_a.button(key=f"{edit}_goal_conflict_apply").click().run()
    [kept] = Repository(db).goals()
    assert kept.title == "Speak up in meetings" and [p.rating for p in kept.progress] == [1]


def test_settings_saved_in_another_window_are_not_silently_replaced(db: Path, open_page: Open) -> None:
    window_a, window_b = open_page("settings"), open_page("settings")
    window_b.text_input(key="settings_name").input("Robin")
    button(window_b, "Save settings").click().run()
    window_a.selectbox(key="settings_crisis_country").set_value("AR")  # Argentina
    button(window_a, "Save settings").click().run()
    assert any("changed in another window" in w.value for w in window_a.warning)
    assert Repository(db).settings().name == "Robin"
    window_a.button(key="settings_form_conflict_apply").click().run()
    kept = Repository(db).settings()
    assert (kept.name, kept.crisis_country) == ("Robin", "Argentina")


def test_marking_a_note_shared_keeps_words_changed_in_another_window(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection())
    note = repo.save(FeedbackNote(body="Please keep time for the end"))
    at = open_page("feedback")  # shows the note as it was
    other = Repository(db)
    other.save(other.get(FeedbackNote, note.id).model_copy(update={"body": "Please keep ten minutes for the end"}))
    next(b for b in at.button if b.label == "Mark as shared").click().run()
    kept = Repository(db).get(FeedbackNote, note.id)
    assert (kept.body, kept.shared_on) == ("Please keep ten minutes for the end", date.today())


def test_the_unlock_screen_finishes_an_interrupted_encryption_before_asking(tmp_path: Path, db: Path) -> None:
    from tests.test_backups import PHRASE, interrupt, workbook_with_backups

    workbook_with_backups(db, None)
    interrupt(db, "encrypt", "right after the workbook is rewritten")  # kill -9 mid-way: backups still readable
    assert any(PHRASE.encode() in f.read_bytes() for f in db.parent.rglob("*") if f.is_file())
    at = AppTest.from_file(str(ROOT / "home.py"), default_timeout=60).run()
    assert not at.exception
    assert "Your workbook is locked" in [t.value for t in at.title]
    readable = [f.name for f in db.parent.rglob("*") if f.is_file() and PHRASE.encode() in f.read_bytes()]
    assert readable == []


# --- help at hand ------------------------------------------------------------------------------


def test_help_opens_without_the_passphrase_and_shows_where_to_turn(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection())
    repo.encrypt("correct horse battery staple")
    at = open_page("help")  # a locked workbook: every other page asks for the passphrase first
    assert [t.value for t in at.title] == ["Help now"]
    assert "emergency" in all_text(at).lower() and any(":" in t.value for t in at.text)


def test_a_saved_safety_worry_keeps_help_at_the_top_of_home_until_the_next_reflection(
    db: Path, open_page: Open
) -> None:
    at = open_page("checkin")
    at.checkbox(key="checkin_safety_concern").check().run()
    button(at, "Save check-in").click().run()
    assert [c for c in Repository(db).checkins() if c.safety_concern]
    home = open_page("home")
    assert home.subheader[0].value == "You said you were worried about your safety"
    Repository(db).save(reflection(date.today().isoformat()))
    home = open_page("home")
    assert "You said you were worried about your safety" not in [s.value for s in home.subheader]


# --- saving: once, on purpose, and said at the button ------------------------------------------------


def test_an_untouched_form_saves_nothing_and_says_so_at_the_button(db: Path, open_page: Open) -> None:
    at = open_page("reflection")
    button(at, "Save reflection").click().run()
    assert Repository(db).reflections() == ()
    assert any("Nothing to save yet" in e.value for e in at.error)


def test_a_second_reflection_for_the_same_day_asks_first(db: Path, open_page: Open) -> None:
    Repository(db).save(reflection(date.today().isoformat(), insights="the first one"))
    at = open_page("reflection")
    at.text_area(key="reflection_insights").input("written in another tab")
    button(at, "Save reflection").click().run()
    assert len(Repository(db).reflections()) == 1  # not yet
    assert any("You already have a reflection for" in w.value for w in at.warning)
    assert at.text_area(key="reflection_insights").value == "written in another tab"
    at.button(key="reflection_reflection_same_day_yes").click().run()
    assert sorted(r.insights for r in Repository(db).reflections()) == ["the first one", "written in another tab"]
    assert any("Reflection saved" in s.value for s in at.success)


def test_what_is_missing_is_summed_up_at_the_button(db: Path, open_page: Open) -> None:
    at = open_page("goals")
    at.text_area(key="goals_new_why_it_matters").input("Words I do not want to lose")
    button(at, "Save goal").click().run()
    [summary] = [e.value for e in at.error if e.value.startswith("Not saved yet.")]
    assert "Goal cannot be empty" in summary


@pytest.mark.parametrize("name", PAGES)
def test_every_page_runs_with_sessions_left_unrated(db: Path, open_page: Open, name: str) -> None:
    repo = Repository(db)
    fill_with_demo(repo, sessions=12)
    quiet = repo.save(CheckIn(session_date=date.today(), what_happened="no numbers today"))
    repo.save(Reflection(session_date=date.today(), checkin_id=quiet.id, feelings_after="too raw for numbers"))
    at = open_page(name)
    assert not at.exception


def test_a_rating_added_in_the_same_window_is_not_taken_for_a_clash(db: Path, open_page: Open) -> None:
    saved = Repository(db).save(goal("Speak up at work"))
    at = open_page("goals")
    edit = f"goals_edit_{saved.id[:8]}"
    opened(at, f"{edit}_open")
    at.text_input(key=f"{edit}_title").input("Speak up in meetings")
    at.button_group(key="goals_progress_rating").set_value(1)
    button(at, "Add rating").click().run()
    at.button(key=f"{edit}_goal_save").click().run()
    assert not any("another window" in w.value for w in at.warning)
    [kept] = Repository(db).goals()
    assert kept.title == "Speak up in meetings" and [p.rating for p in kept.progress] == [1]


def test_a_rating_cleared_in_an_edit_stays_cleared_when_another_window_saves_the_entry(
    db: Path, open_page: Open
) -> None:
    saved = Repository(db).save(reflection(trust=9, empathy=7))
    at = open_page("history")
    button(at, "Open").click().run()
    button(at, "Edit").click().run()
    trust = f"history_entry_{saved.id[:8]}_trust"
    choose(at, trust, None)  # the stored 9 pressed again: no longer rated
    at.run()
    other = Repository(db)
    other.save(other.get(Reflection, saved.id).model_copy(update={"empathy": 3}))  # saved in another window
    at.run()  # anything that reruns the page
    assert at.session_state[trust] is None  # the clearing is the person's edit, not an untouched field
    button(at, "Save reflection").click().run()
    assert any("another window" in w.value for w in at.warning)
    at.button(key=f"history_entry_{saved.id[:8]}_reflection_conflict_apply").click().run()
    [kept] = Repository(db).reflections()
    assert (kept.trust, kept.empathy) == (None, 3)


def test_words_typed_after_the_clash_warning_are_the_ones_applied(db: Path, open_page: Open) -> None:
    saved = Repository(db).save(goal("Speak up at work"))
    at = open_page("goals")
    edit = f"goals_edit_{saved.id[:8]}"
    opened(at, f"{edit}_open")
    at.text_area(key=f"{edit}_first_step").input("first try")
    other = Repository(db)
    other.save(other.get(Goal, saved.id).model_copy(update={"why_it_matters": "version 1"}))
    at.button(key=f"{edit}_goal_save").click().run()
    assert any("another window" in w.value for w in at.warning)
    at.text_area(key=f"{edit}_first_step").input("what I wrote after the warning")
    at.text_area(key=f"{edit}_magic_wand").input("and this too")
    other.save(other.get(Goal, saved.id).model_copy(update={"why_it_matters": "version 2"}))  # changed again
    at.button(key=f"{edit}_goal_conflict_apply").click().run()
    [kept] = Repository(db).goals()
    assert (kept.first_step, kept.magic_wand) == ("what I wrote after the warning", "and this too")
    assert kept.why_it_matters == "version 2"  # the other window's newest words, not an older copy


def test_a_stale_tab_never_wipes_the_therapists_response_saved_in_another(db: Path, open_page: Open) -> None:
    repo = Repository(db)
    repo.save(reflection())
    note = repo.save(FeedbackNote(body="Please keep time for the end", shared_on=date.today()))
    tab_a, tab_b = open_page("feedback"), open_page("feedback")
    prefix = f"feedback_note_{note.id[:8]}"
    tab_b.text_area(key=f"{prefix}_response").input("They said thank you")
    next(b for b in tab_b.button if b.label == "Save").click().run()
    tab_a.text_area(key=f"{prefix}_agreed").input("Five minutes at the end")
    next(b for b in tab_a.button if b.label == "Save").click().run()
    assert Repository(db).get(FeedbackNote, note.id).response == "They said thank you"
    assert any("changed in another window" in w.value for w in tab_a.warning)
    tab_a.button(key=f"{prefix}_form_conflict_apply").click().run()
    kept = Repository(db).get(FeedbackNote, note.id)
    assert (kept.response, kept.agreed_changes) == ("They said thank you", "Five minutes at the end")


def test_deleting_an_entry_changed_in_another_window_asks_again(db: Path, open_page: Open) -> None:
    saved = Repository(db).save(reflection(insights="first words"))
    at = open_page("history")
    at.button(key=f"history_delete_{saved.id}").click().run()
    other = Repository(db)
    other.save(other.get(Reflection, saved.id).model_copy(update={"insights": "words written since"}))
    at.button(key=f"history_confirm_{saved.id}").click().run()
    assert [r.insights for r in Repository(db).reflections()] == ["words written since"]
    assert any("Nothing was deleted" in e.value for e in at.error)
    at.button(key=f"history_confirm_{saved.id}").click().run()  # asked again, having seen it
    assert Repository(db).reflections() == ()


def test_home_and_help_draw_without_loading_the_heavy_libraries(tmp_path: Path) -> None:
    """A cold start draws Home without pandas, Altair or the PDF tools (half a second or more each, in
    Spanish too): they load on the pages that use them (README, "Speed")."""
    script = f"""
import os, sys
os.environ["WORKBOOK_DB"] = {str(tmp_path / "w.json")!r}
sys.path.insert(0, {str(ROOT)!r})
from streamlit.testing.v1 import AppTest
for language in ("en", "es"):
    os.environ["WORKBOOK_LANGUAGE"] = language
    at = AppTest.from_file({str(ROOT / "home.py")!r}, default_timeout=60)
    at.run()
    at.switch_page("pages/8_Help_now.py").run()
    assert not at.exception, at.exception
print(sorted(m for m in ("pandas", "altair", "fpdf", "vl_convert", "pyarrow") if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_add_a_goal_is_drawn_only_while_open_and_keeps_typed_words(db: Path, open_page: Open) -> None:
    Repository(db).save(goal())
    at = open_page("goals")
    assert not [t for t in at.text_input if t.key == "goals_new_title"]  # closed: not drawn at all
    opened(at, "goals_add")
    at.text_input(key="goals_new_title").input("Sleep before midnight").run()
    at.session_state["goals_add"] = False  # closed again, unsaved
    at.session_state["_opened_goals_add"] = False
    at.run()
    assert not [t for t in at.text_input if t.key == "goals_new_title"]
    opened(at, "goals_add")
    assert at.text_input(key="goals_new_title").value == "Sleep before midnight"  # the words are back
