"""Organisations (osapuolet): municipalities and the other bodies that sign or act."""

import re
from enum import StrEnum

from stdnum.exceptions import (
    InvalidChecksum,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from stdnum.fi import ytunnus

from domain.errors import InvalidValue

MUNICIPALITY_CODE = re.compile(r"^\d{3}$")


class OrganisationKind(StrEnum):
    """What kind of body an organisation is."""

    MUNICIPALITY = "municipality"  # kunta, kaupunki
    STATE_AGENCY = "state_agency"  # valtion virasto, e.g. ELY-keskus, KEHA-keskus
    WELLBEING_COUNTY = "wellbeing_services_county"  # hyvinvointialue
    EDUCATION_PROVIDER = "education_provider"  # koulutuksen järjestäjä
    ASSOCIATION = "association"  # yhdistys
    COMPANY = "company"  # yritys
    OTHER = "other"


def normalise_business_id(value: str) -> str:
    """The Y-tunnus (business_id) in its standard form NNNNNNN-C, or InvalidValue with a clear reason."""
    text = value.strip()
    try:
        return ytunnus.format(ytunnus.validate(text))
    except InvalidChecksum:
        raise InvalidValue(
            "business_id",
            "The check digit of the business ID is wrong.",
            "business_id_checksum",
        ) from None
    except (InvalidFormat, InvalidLength):
        raise InvalidValue(
            "business_id",
            "A business ID is seven digits, a hyphen and a check digit, e.g. 0211675-2.",
            "business_id_format",
        ) from None
    except ValidationError:
        raise InvalidValue("business_id", "This is not a valid business ID.", "business_id_format") from None


def normalise_municipality_code(value: str) -> str:
    """The official three-digit municipality code (kuntanumero), e.g. 837 for Tampere."""
    text = value.strip()
    if text.isdigit() and len(text) < 3:
        text = text.zfill(3)
    if not MUNICIPALITY_CODE.match(text):
        raise InvalidValue(
            "municipality_code",
            "A municipality code is three digits, e.g. 837.",
            "municipality_code_format",
        )
    return text


def check_municipality_code_kind(kind: OrganisationKind, municipality_code: str | None) -> None:
    """Only municipalities have a municipality code, and every municipality has one."""
    if municipality_code and kind is not OrganisationKind.MUNICIPALITY:
        raise InvalidValue(
            "municipality_code",
            "Only a municipality has a municipality code.",
            "municipality_code_kind",
        )
    if kind is OrganisationKind.MUNICIPALITY and not municipality_code:
        raise InvalidValue(
            "municipality_code",
            "A municipality needs its three-digit municipality code.",
            "municipality_code_missing",
        )


def search_text(*names: str | None) -> str:
    """The text a name search matches against: all names, case-folded (ä and å fold too)."""
    return " ".join(name for name in names if name).casefold()
