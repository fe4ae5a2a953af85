"""Turning raw data into entries, with messages a person understands.

`parse_entry` is the one door through which data becomes an entry: forms, imports and the file on
disk all pass through it. pydantic finds the problems; this module words them. Anything a message
quotes from the data (an unknown field's name, a value) goes through `text.quoted`: short, printable.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from . import i18n
from .errors import InvalidEntryError, Problem
from .i18n import N_, _, ngettext
from .models import ENTRY_TYPES, Entry, title_of
from .text import quoted

# What is wrong with a field, said after its title ("Trust must be a whole number ..."): pydantic's
# error types, worded. Translated where they are used.
_WORDS = {
    "missing": N_("is required"),
    "string_too_short": N_("cannot be empty"),
    "date_parsing": N_("must be a real date, like 2026-03-14"),
    "date_from_datetime_parsing": N_("must be a real date, like 2026-03-14"),
    "date_from_datetime_inexact": N_("must be a date without a time, like 2026-03-14"),
    "date_type": N_("must be a real date, like 2026-03-14"),
    "datetime_parsing": N_("must be a date and time, like 2026-03-14T18:00:00Z"),
    "datetime_from_date_parsing": N_("must be a date and time, like 2026-03-14T18:00:00Z"),
    "datetime_type": N_("must be a date and time, like 2026-03-14T18:00:00Z"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "string_type": N_("must be text"),
    "extra_forbidden": N_("is not something this workbook knows about"),
    "dict_type": N_("must be a set of named values"),
    "tuple_type": N_("must be a list"),
    "list_type": N_("must be a list"),
    "model_type": N_("must be a set of named values"),
    "model_attributes_type": N_("must be a set of named values"),
    "time_parsing": N_("must be a time of day, like 17:30"),
    "time_type": N_("must be a time of day, like 17:30"),
    "float_parsing": N_("must be a number"),
    "float_type": N_("must be a number"),
    "uuid_parsing": N_("must be an id like 3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70"),
    "uuid_type": N_("must be an id like 3f2b6c1e-8d4a-4f7e-9c1a-2b3c4d5e6f70"),
    "string_unicode": N_("must be text"),
    "string_pattern_mismatch": N_("is not written in the form it needs"),
    "too_short": N_("has too few items"),
    "set_type": N_("must be a list"),
    "frozen_set_type": N_("must be a list"),
    "iterable_type": N_("must be a list"),
    "timezone_aware": N_("must include a time zone, like 2026-03-14T18:00:00Z"),
}

# A pattern said in words, for the fields that have one: what the field holds, with an example.
_PATTERNS = {"language": N_("must be a language code, like en or es (or nothing, to follow your browser)")}

# Said of a field when pydantic finds something this module has no words for: never pydantic's
# own English inside a sentence in another language.
_ANY = N_("is not valid here; check what is written in it")


# What the items of a list are called, where the field's title does not say it.
_ITEMS = {"ladder": N_("ladder levels")}


def _title(model: type[BaseModel] | None, name: str) -> str:
    if model is not None and name in model.model_fields:
        title = model.model_fields[name].title
        return _(title) if title else name
    return f"“{quoted(name)}”"  # a name from the data, not one of ours


def _where(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """'Topics to raise, item 2' for ('topics', 1); field titles come from the models."""
    words: list[str] = []
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            # TRANSLATORS: which item of a list: "Topics to raise, item 2".
            words.append(_("item {number}").format(number=part + 1))
            continue
        words.append(_title(current, str(part)))
        field = current.model_fields.get(str(part)) if current is not None else None
        current = _nested_model(field.annotation) if field is not None else None
    return ", ".join(words)


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _words(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    got = error.get("input")
    if got is None and kind.endswith("_type"):
        return _("is required")  # a required field left empty (optional fields accept None)
    if kind in (
        "greater_than_equal",
        "less_than_equal",
        "int_type",
        "int_parsing",
        "int_from_float",
        "int_parsing_size",
    ):
        return _whole_number(error.get("_bounds"), got)
    if kind in ("greater_than", "less_than"):
        return _beyond(kind, ctx)
    field = error["loc"][-1] if error["loc"] else ""
    if kind == "string_pattern_mismatch" and field in _PATTERNS:
        return _(_PATTERNS[field])
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return ngettext(
            "is too long ({count} character; the limit is {limit})",
            "is too long ({count} characters; the limit is {limit})",
            len(got),
        ).format(count=i18n.number(len(got)), limit=i18n.number(limit) if isinstance(limit, int) else limit)
    if kind in ("literal_error", "enum"):
        return _("must be one of: {choices}").format(choices=_choices(str(ctx.get("expected", ""))))
    if kind == "value_error" and isinstance(ctx.get("error"), ValueError):
        return str(ctx["error"])  # the models' own checks, worded (and translated) where they are raised
    return _(_WORDS.get(kind, _ANY))


def _beyond(kind: str, ctx: dict[str, Any]) -> str:
    """'must be more than 0' / 'must be less than 10', with the limit when pydantic gives it."""
    limit = ctx.get("gt" if kind == "greater_than" else "lt")
    shown = i18n.number(limit) if isinstance(limit, int | float) and not isinstance(limit, bool) else None
    if shown is None:
        return _(_ANY)
    if kind == "greater_than":
        return _("must be more than {limit}").format(limit=shown)
    return _("must be less than {limit}").format(limit=shown)


def _whole_number(bounds: tuple[int, int] | None, got: Any) -> str:
    """'must be a whole number from 0 to 10 (you gave 11)': the limits, and what was given if it can be shown."""
    given = quoted(got) if isinstance(got, int | float) else f"“{quoted(got)}”" if isinstance(got, str) else None
    if bounds is not None and given is not None:
        # TRANSLATORS: {given} is what was typed or found in a file, as it was: 11, or “abc” with its quotes.
        said = _("must be a whole number from {low} to {high} (you gave {given})")
    elif bounds is not None:
        said = _("must be a whole number from {low} to {high}")
    elif given is not None:
        said = _("must be a whole number from the allowed range (you gave {given})")
    else:
        said = _("must be a whole number from the allowed range")
    low, high = bounds or (None, None)
    return said.format(low=low, high=high, given=given)


def _choices(expected: str) -> str:
    """pydantic's "'active', 'paused' or 'let_go'" as "active, paused or let_go" (the values are the
    file's own words; only the "or" is the app's)."""
    values = expected.replace("'", "")
    if " or " not in values:
        return values
    first, last = values.rsplit(" or ", 1)
    # TRANSLATORS: the end of a list of values a field may take: "active, paused or let_go".
    return _("{values} or {last}").format(values=first, last=last)


def _collect_bounds(obj: Any, found: dict[str, Any]) -> None:
    """Find ge/le limits in a field's metadata, through Annotated, unions and FieldInfo."""
    for name in ("ge", "le"):
        value = getattr(obj, name, None)
        if isinstance(value, int) and name not in found:
            found[name] = value
    for meta in list(getattr(obj, "metadata", None) or ()) + list(getattr(obj, "__metadata__", None) or ()):
        _collect_bounds(meta, found)
    for arg in getattr(obj, "__args__", None) or ():
        _collect_bounds(arg, found)


def _attach_bounds(model: type[BaseModel], error: dict[str, Any]) -> None:
    current: type[BaseModel] | None = model
    field = None
    for part in error["loc"]:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(str(part))
        current = _nested_model(field.annotation) if field is not None else None
    if field is None:
        return
    found: dict[str, Any] = {}
    _collect_bounds(field, found)
    _collect_bounds(field.annotation, found)
    if "ge" in found and "le" in found:
        error["_bounds"] = (found["ge"], found["le"])


def _too_many(model: type[BaseModel], error: dict[str, Any]) -> str:
    """'This goal has more than 5,000 progress ratings (1,000,000); at most 5,000 are allowed.'"""
    loc, ctx = error["loc"], error.get("ctx") or {}
    limit, actual = ctx.get("max_length", 0), ctx.get("actual_length")
    name = str(loc[-1]) if loc else ""
    items = _(_ITEMS[name]) if name in _ITEMS else _where(model, loc).rsplit(", ", 1)[-1].lower()
    fields = {
        "limit": i18n.number(limit),
        "items": items,
        "count": f" ({i18n.number(actual)})" if isinstance(actual, int) else "",
    }
    if len(loc) > 1:
        # TRANSLATORS: {where} is a part of an entry: "Goals touched, item 2"; {items} the name of a list
        # in lower case ("progress ratings"); {count} how many it holds, in brackets after a space
        # (" (1,000,000)"), or nothing when that is not known.
        said = _("{where} has more than {limit} {items}{count}; at most {limit} are allowed.")
        return said.format(where=_where(model, loc[:-1]), **fields)
    if getattr(model, "kind", "") == "settings":
        # TRANSLATORS: {items} is the name of a list in lower case; {count}: " (1,000,000)" or nothing.
        return _("The settings have more than {limit} {items}{count}; at most {limit} are allowed.").format(**fields)
    label = getattr(model, "label", None)
    if label is None:
        # TRANSLATORS: {items} is the name of a list in lower case; {count}: " (1,000,000)" or nothing.
        return _("This entry has more than {limit} {items}{count}; at most {limit} are allowed.").format(**fields)
    # TRANSLATORS: {label} is a kind of entry, as translated on its own: "goal", "check-in", "reflection",
    # "feedback note"; {items} the name of a list in lower case; {count}: " (1,000,000)" or nothing.
    said = _("This {label} has more than {limit} {items}{count}; at most {limit} are allowed.")
    return said.format(label=_(label), **fields)


def problems_of(model: type[BaseModel], exc: ValidationError) -> tuple[Problem, ...]:
    found = []
    for raw in exc.errors(include_url=False):
        error = dict(raw)
        top = str(error["loc"][0]) if error["loc"] else ""
        if error["type"] == "too_long":
            found.append(Problem(field=top, message=_too_many(model, error)))
            continue
        _attach_bounds(model, error)
        where, words = _where(model, error["loc"]), _words(error)
        if where:
            # TRANSLATORS: a field's title, then what is wrong with it: "Trust" "must be a whole number from 0 to 10".
            said = _("{field} {problem}.").format(field=where, problem=words)
        else:
            said = f"{words[:1].upper()}{words[1:]}."
        found.append(Problem(field=top, message=said))
    return tuple(found)


def parse_entry(kind: str, data: Any, *, what: str | None = None) -> Entry:
    """Validate `data` as an entry of `kind`; raise InvalidEntryError with a readable message."""
    model = ENTRY_TYPES.get(kind)
    if model is None:
        # TRANSLATORS: {what} names the record: "This entry", or "export.json, goals record 3 (id …)".
        said = _("{what}: unknown kind of entry “{kind}”.")
        raise InvalidEntryError(said.format(what=what or _("This entry"), kind=quoted(kind)))
    if not isinstance(data, dict):
        said = _("{what}: must be a set of named values.")
        raise InvalidEntryError(said.format(what=what or title_of(model)))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = problems_of(model, exc)
        raise _invalid(what or title_of(model), problems) from None


def build_entry(model: type[Entry], **fields: Any) -> Entry:
    """Make a new entry from form fields; the error names each field, for showing beside it."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        raise _invalid(title_of(model), problems_of(model, exc)) from None


def _invalid(what: str, problems: tuple[Problem, ...]) -> InvalidEntryError:
    more = len(problems) - 1
    if more > 0:
        # TRANSLATORS: {what} names the record ("Reflection"), {problem} is the first sentence saying what is wrong.
        said = ngettext(
            "{what}: {problem} (and {count} more problem)", "{what}: {problem} (and {count} more problems)", more
        )
    else:
        said = _("{what}: {problem}")
    return InvalidEntryError(said.format(what=what, problem=problems[0].message, count=more), problems)
