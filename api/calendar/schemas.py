"""Answers of the calendar API: a person's feed addresses."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from api.agreements.schemas import AreaRef
from api.organisations.schemas import OrganisationSummary
from domain.obligations.calendar import FeedKind


class FeedLanguage(StrEnum):
    """The language of a feed's titles and descriptions."""

    FI = "fi"
    SV = "sv"
    EN = "en"


class FeedRead(BaseModel):
    """One calendar feed: its address, and what it follows."""

    scope: str = Field(description="`me`, `area-<id>` or `organisation-<id>`: the last part of the address.")
    kind: FeedKind
    whole_areas: bool = Field(False, description="`me` of an area admin (or installation admin): every duty of the "
                                                 "areas they run, not only their organisation's.")
    organisation: OrganisationSummary | None = Field(
        None, description="The organisation whose duties the feed holds (`organisation`, and `me` of a coordinator).")
    area: AreaRef | None = Field(None, description="The area whose duties the feed holds (`area`).")
    url: str = Field(description="The address to subscribe to in a calendar (it needs no token: keep it to yourself).")


EXAMPLE: JsonDict = {
    "made_at": "2026-12-04T08:15:00Z",
    "language": "fi",
    "feeds": [
        {"scope": "me", "kind": "me", "whole_areas": False,
         "organisation": {"id": "9b2f5c1e-8a47-4c3d-9e61-0f6a2b7c4d15", "kind": "municipality", "name_fi": "Nokia",
                          "name_sv": "Nokia", "municipality_code": "536"},
         "url": "https://sopimo.example.fi/api/v1/calendar/4xK2…/me.ics"},
        {"scope": "area-3c9d7e21-5b84-4f0a-a6c2-1e8f9b3d7a40", "kind": "area", "whole_areas": False,
         "area": {"id": "3c9d7e21-5b84-4f0a-a6c2-1e8f9b3d7a40", "name": "Tampereen seudun työllisyysalue"},
         "url": "https://sopimo.example.fi/api/v1/calendar/4xK2…/area-3c9d7e21-5b84-4f0a-a6c2-1e8f9b3d7a40.ics"},
    ],
    "allowed_actions": ["reset"],
}


class CalendarRead(BaseModel):
    """The caller's calendar feeds: their own duties, each of their areas, each organisation of those areas."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    made_at: datetime = Field(description="When the secret of these addresses was made (first asked for, or reset).")
    language: FeedLanguage = Field(description="The language the addresses ask their feeds in.")
    feeds: list[FeedRead]
    allowed_actions: list[str] = Field(description="reset")

