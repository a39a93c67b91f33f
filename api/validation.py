"""Validation that happens after a payload has been read (merging a partial update, say)."""

from typing import TypeVar

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
