"""One way to validate input files: pydantic models, whose errors become one `PATH:LINE: FIELD: message`
line each through the evidence loader's adapter (`validation_problems`) and the YAML line map.

- `Strict` is the base of input models: unknown fields are errors that name the allowed ones.
- `Issues` collects the problems one validator finds (a value outside the vocabulary, two entries
  that overlap), each at its own location below the model being validated, and raises them
  together: pydantic nests the locations under the field, so every problem keeps its line.
- `validate(model, data, path, lines, context)` returns the model or raises `InputError` listing
  every problem of the file.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from umbrella.errors import InputError
from umbrella.yamlio import Lines

M = TypeVar("M", bound=BaseModel)
Loc = tuple


class Issues:
    """Problems found by one validator, raised together as a `ValidationError`."""

    def __init__(self) -> None:
        self.details: list[InitErrorDetails] = []

    def add(self, loc: Loc, message: str, value: Any = None) -> None:
        # the message is the template; braces in user values must not be read as placeholders
        error = PydanticCustomError("invalid", message.replace("{", "{{").replace("}", "}}"))
        self.details.append(InitErrorDetails(type=error, loc=tuple(loc), input=value))

    def extend(self, exc: ValidationError) -> None:
        """Add the errors pydantic found (types, formats) to those of the validator."""
        for e in exc.errors(include_url=False):
            if not any(tuple(d["loc"]) == tuple(e["loc"]) for d in self.details):
                self.add(e["loc"], " ".join(str(e["msg"]).replace("Value error, ", "").split()), e.get("input"))

    def __bool__(self) -> bool:
        return bool(self.details)

    def raise_if_any(self, title: str = "input") -> None:
        if self.details:
            raise ValidationError.from_exception_data(title, self.details)


def _field_names(model: type[BaseModel]) -> list[str]:
    return sorted(f.alias or name for name, f in model.model_fields.items())


class Strict(BaseModel):
    """An input model: unknown fields are errors (`unknown field (allowed: ...)`)."""
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="wrap")
    @classmethod
    def _name_allowed_fields(cls, data: Any, handler: Any) -> Any:
        try:
            return handler(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            if not any(e["type"] == "extra_forbidden" and len(e["loc"]) == 1 for e in errors):
                raise
            allowed = ", ".join(_field_names(cls))
            details = []
            for e in errors:
                if e["type"] == "extra_forbidden" and len(e["loc"]) == 1:
                    kind = PydanticCustomError("unknown_field", "unknown field (allowed: {allowed})",
                                               {"allowed": allowed})
                    details.append(InitErrorDetails(type=kind, loc=e["loc"], input=e["input"]))
                else:
                    details.append(InitErrorDetails(type=PydanticCustomError(e["type"], e["msg"].replace(
                        "{", "{{").replace("}", "}}")), loc=e["loc"], input=e["input"]))
            raise ValidationError.from_exception_data(exc.title, details) from None


class _Untagged:
    """A ValidationError's errors without the tags of discriminated unions in their locations
    (pydantic puts `kind` values there: `check.lever_sweep.variable`; the file says `check.variable`)."""

    def __init__(self, exc: ValidationError, tags: Callable[[tuple], bool]):
        self.exc, self.tags = exc, tags

    def errors(self, **kwargs: Any) -> list[dict]:
        out = []
        for e in self.exc.errors(**kwargs):
            loc = tuple(part for i, part in enumerate(e["loc"]) if not self.tags(e["loc"][:i + 1]))
            out.append({**e, "loc": loc})
        return out


def validate(model: type[M], data: Any, path: str, lines: Lines, context: Optional[dict] = None,
             prefix: tuple = (), tags: Optional[Callable[[tuple], bool]] = None) -> M:
    """`model` validated from `data` (read from `path`, whose line map is `lines`), or InputError
    with one problem per error. `tags(loc)` says whether the last part of `loc` is a union's tag."""
    from umbrella.evidence.loader import validation_problems
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        errors = _Untagged(exc, tags) if tags else exc
        raise InputError(validation_problems(errors, path, lines, prefix)) from None  # type: ignore[arg-type]
