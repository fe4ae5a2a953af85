"""Every entry in one list, newest first: searchable, filterable and paginated for History.

The list and its lower-cased search text are built once per state of the workbook
(`Repository.derived`), so filtering ten years of entries is a scan of prepared strings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from .i18n import _
from .models import CheckIn, Entry, FeedbackNote, Goal, Reflection, title_of
from .repository import Repository
from .text import snippet

SHOWN: tuple[type[Entry], ...] = (Reflection, CheckIn, Goal, FeedbackNote)  # History's order: sessions first
ENTRY_TYPES_BY_KIND = {model.kind: model for model in SHOWN}


class _Titles(Mapping[str, str]):
    """Each kind's title ("Check-in"), in the language spoken when it is read (a page's format_func),
    not the one at import."""

    def __getitem__(self, kind: str) -> str:
        return title_of(ENTRY_TYPES_BY_KIND[kind])

    def __iter__(self) -> Iterator[str]:
        return iter(ENTRY_TYPES_BY_KIND)

    def __len__(self) -> int:
        return len(ENTRY_TYPES_BY_KIND)


KINDS: Mapping[str, str] = _Titles()
PAGE_SIZE = 10  # a page of entries to read, and quick to draw on every click


@dataclass(frozen=True)
class Item:
    kind: str
    id: str
    day: date
    title: str
    therapist: str
    preview: str
    private: bool
    haystack: str  # every word of the entry, lower-cased, for search


def _words(entry: Entry) -> str:
    parts: list[str] = []
    for value in entry.model_dump(mode="json", exclude={"id", "created_at", "updated_at"}).values():
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts.extend(str(v.get("topic", "") or v.get("note", "")) if isinstance(v, dict) else str(v) for v in value)
        elif isinstance(value, dict):
            parts.extend(str(v) for v in value.values())
    return " ".join(parts).casefold()


def _own_words(entry: Entry, names: dict[str, str]) -> str:
    """The words of the client's own things it rated and own questions it answered, for search."""
    ids = [*getattr(entry, "own_ratings", {}), *getattr(entry, "own_answers", {})]
    return " ".join(names[i] for i in ids if i in names).casefold()


def _first_answer(entry: CheckIn | Reflection) -> str:
    return next((text for text in entry.own_answers.values() if text.strip()), "")


def _item(entry: Entry, names: dict[str, str]) -> Item:
    if isinstance(entry, Reflection):
        if entry.overall is None:
            title = _("Reflection · connection not rated")
        else:
            # TRANSLATORS: {rating} is out of 10.
            title = _("Reflection · connection {rating}/10").format(rating=entry.overall)
        day = entry.session_date
        preview = entry.what_helped or entry.insights or entry.feelings_after or _first_answer(entry)
    elif isinstance(entry, CheckIn):
        if entry.wellbeing is None:
            title = _("Check-in")
        else:
            # TRANSLATORS: {rating} is how the client had been, out of 10.
            title = _("Check-in · feeling {rating}/10").format(rating=entry.wellbeing)
        day = entry.session_date or entry.created_at.date()
        preview = ", ".join(entry.topics) or entry.what_happened or _first_answer(entry)  # the client's words
    elif isinstance(entry, Goal):
        # TRANSLATORS: {title} is the client's goal, in their words.
        title = _("Goal · {title}").format(title=entry.title)
        day, preview = entry.created_at.date(), entry.why_it_matters
    else:
        assert isinstance(entry, FeedbackNote)
        day = entry.shared_on or entry.period_end or entry.created_at.date()
        title = _("Feedback note · shared") if entry.shared_on else _("Feedback note · not shared yet")
        preview = entry.body
    return Item(
        kind=entry.kind,
        id=entry.id,
        day=day,
        title=title,
        therapist=getattr(entry, "therapist", ""),
        preview=snippet(preview, 100),
        private=bool(getattr(entry, "private", False)),
        haystack=f"{_words(entry)} {_own_words(entry, names)}",
    )


def all_items(repo: Repository) -> list[Item]:
    def build() -> list[Item]:
        entries = [*repo.reflections(), *repo.checkins(), *repo.goals(), *repo.feedback_notes()]
        settings = repo.settings()
        names = {i.id: i.label for i in settings.own_items} | {q.id: q.prompt for q in settings.own_questions}
        return sorted((_item(e, names) for e in entries), key=lambda i: (i.day, i.kind), reverse=True)

    return repo.derived("history", build)


def matching(
    items: list[Item],
    *,
    text: str = "",
    kinds: set[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    therapist: str = "",
) -> list[Item]:
    words = text.casefold().split()
    if not (words or kinds or start or end or therapist):
        return items  # nothing chosen: everything, without copying ten years of entries
    return [
        i
        for i in items
        if (not kinds or i.kind in kinds)
        and (start is None or i.day >= start)
        and (end is None or i.day <= end)
        and (not therapist or i.therapist == therapist)
        and all(w in i.haystack for w in words)
    ]


def page(items: list[Item], number: int, size: int = PAGE_SIZE) -> tuple[list[Item], int]:
    """Page `number` (from 1) of `items`, and how many pages there are."""
    pages = max(1, -(-len(items) // size))
    number = min(max(1, number), pages)
    return items[(number - 1) * size : number * size], pages
