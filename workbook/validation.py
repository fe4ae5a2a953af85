"""Turning raw data into entries, with messages a person understands.

`parse_entry` is the one door through which data becomes an entry: forms, imports and the file on
disk all pass through it. pydantic finds the problems; this module words them. Anything a message
quotes from the data (an unknown field's name, a value) goes through `text.quoted`: short, printable.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InvalidEntryError, Problem
from .models import ENTRY_TYPES, Entry
from .text import quoted

_WORDS = {
    "missing": "is required",
    "string_too_short": "cannot be empty",
    "date_parsing": "must be a real date, like 2026-03-14",
    "date_from_datetime_parsing": "must be a real date, like 2026-03-14",
    "date_from_datetime_inexact": "must be a date without a time, like 2026-03-14",
    "date_type": "must be a real date, like 2026-03-14",
    "datetime_parsing": "must be a date and time, like 2026-03-14T18:00:00Z",
    "datetime_from_date_parsing": "must be a date and time, like 2026-03-14T18:00:00Z",
    "datetime_type": "must be a date and time, like 2026-03-14T18:00:00Z",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be text",
    "extra_forbidden": "is not something this workbook knows about",
    "dict_type": "must be a set of named values",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "model_type": "must be a set of named values",
    "model_attributes_type": "must be a set of named values",
}


# What the items of a list are called, where the field's title does not say it.
_ITEMS = {"ladder": "ladder levels"}


def _title(model: type[BaseModel] | None, name: str) -> str:
    if model is not None and name in model.model_fields:
        return model.model_fields[name].title or name
    return f"“{quoted(name)}”"  # a name from the data, not one of ours


def _where(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """'Topics to raise, item 2' for ('topics', 1); field titles come from the models."""
    words: list[str] = []
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            words.append(f"item {part + 1}")
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
        return "is required"  # a required field left empty (optional fields accept None)
    if kind in ("greater_than_equal", "less_than_equal", "int_type", "int_parsing", "int_from_float"):
        bounds = _bounds(error)
        shown = f" (you gave {quoted(got)})" if isinstance(got, int | float) else ""
        if isinstance(got, str):
            shown = f" (you gave “{quoted(got)}”)"
        return f"must be a whole number from {bounds}{shown}"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return f"is too long ({len(got):,} characters; the limit is {limit:,})"
    if kind == "literal_error":
        return f"must be one of: {ctx.get('expected', '').replace(chr(39), '')}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return _WORDS.get(kind, error["msg"].lower())


def _bounds(error: dict[str, Any]) -> str:
    return error.get("_bounds", "the allowed range")


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
        error["_bounds"] = f"{found['ge']} to {found['le']}"


def _too_many(model: type[BaseModel], error: dict[str, Any]) -> str:
    """'This goal has more than 5,000 progress ratings (1,000,000); at most 5,000 are allowed.'"""
    loc, ctx = error["loc"], error.get("ctx") or {}
    limit, actual = ctx.get("max_length", 0), ctx.get("actual_length")
    name = str(loc[-1]) if loc else ""
    items = _ITEMS.get(name) or _where(model, loc).rsplit(", ", 1)[-1].lower()
    if len(loc) > 1:
        subject = f"{_where(model, loc[:-1])} has"
    elif getattr(model, "kind", "") == "settings":
        subject = "The settings have"
    else:
        subject = f"This {getattr(model, 'label', 'entry')} has"
    count = f" ({actual:,})" if isinstance(actual, int) else ""
    return f"{subject} more than {limit:,} {items}{count}; at most {limit:,} are allowed."


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
        found.append(Problem(field=top, message=f"{where} {words}." if where else f"{words[:1].upper()}{words[1:]}."))
    return tuple(found)


def parse_entry(kind: str, data: Any, *, what: str | None = None) -> Entry:
    """Validate `data` as an entry of `kind`; raise InvalidEntryError with a readable message."""
    model = ENTRY_TYPES.get(kind)
    if model is None:
        raise InvalidEntryError(f"{what or 'This entry'}: unknown kind of entry “{quoted(kind)}”.")
    if not isinstance(data, dict):
        raise InvalidEntryError(f"{what or model.label.capitalize()}: must be a set of named values.")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = problems_of(model, exc)
        raise _invalid(what or model.label.capitalize(), problems) from None


def build_entry(model: type[Entry], **fields: Any) -> Entry:
    """Make a new entry from form fields; the error names each field, for showing beside it."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        raise _invalid(model.label.capitalize(), problems_of(model, exc)) from None


def _invalid(what: str, problems: tuple[Problem, ...]) -> InvalidEntryError:
    more = len(problems) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    return InvalidEntryError(f"{what}: {problems[0].message}{tail}", problems)
