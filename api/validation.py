"""Validation that happens after a payload has been read (merging a partial update, say)."""

from typing import TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


def validate_as(model: type[Model], data: dict) -> Model:
    """Validate merged data; a failure is a 422 naming the fields, as if the payload itself had been wrong."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise RequestValidationError(
            [{**item, "loc": ("body", *item["loc"])} for item in error.errors(include_url=False)]
        ) from None


NUL_MESSAGE = "Text cannot contain a NUL character."


async def refuse_nul_characters(request: Request) -> None:
    """A NUL character in the path, the query or a form is refused (422 `value.nul`) before anything reads it: PostgreSQL
    cannot store one and would fail the request, SQLite would keep it where no person can see it."""
    places: list[tuple[str, str]] = [("path", name) for name, value in request.path_params.items()
                                     if "\x00" in str(value)]
    places += [("query", name) for name, value in request.query_params.multi_items() if "\x00" in name + value]
    if request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        # The route has read its form already (Starlette keeps it); a file's bytes are not text and are not looked at.
        form = await request.form()
        places += [("body", name) for name, value in form.multi_items()
                   if isinstance(value, str) and "\x00" in name + value]
    if places:
        raise RequestValidationError([{"type": "string_nul", "loc": place, "msg": NUL_MESSAGE, "input": None}
                                      for place in places])
