
"""Organisations (osapuolet): municipalities and the other bodies that sign or act."""

import re
import unicodedata
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


class BusinessIdChecksum(InvalidValue):
    code = "business_id.checksum"
    message = "The check digit of the business ID is wrong."


class BusinessIdFormat(InvalidValue):
    code = "business_id.format"
    message = "A business ID is seven digits, a hyphen and a check digit, e.g. 0211675-2."


class MunicipalityCodeFormat(InvalidValue):
    code = "municipality_code.format"
    message = "A municipality code is three digits, e.g. 837."


class MunicipalityCodeNotAllowed(InvalidValue):
    code = "municipality_code.only_municipalities"
    message = "Only a municipality has a municipality code."


class MunicipalityCodeMissing(InvalidValue):
    code = "municipality_code.missing"
    message = "A municipality needs its three-digit municipality code."


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
        raise BusinessIdChecksum("business_id") from None
    except (InvalidFormat, InvalidLength, ValidationError):
        raise BusinessIdFormat("business_id") from None


def normalise_municipality_code(value: str) -> str:
    """The official three-digit municipality code (kuntanumero), e.g. 837 for Tampere."""
    text = value.strip()
    if text.isdigit() and len(text) < 3:
        text = text.zfill(3)
    if not MUNICIPALITY_CODE.match(text):
        raise MunicipalityCodeFormat("municipality_code")
    return text


def check_municipality_code_kind(kind: OrganisationKind, municipality_code: str | None) -> None:
    """Only municipalities have a municipality code, and every municipality has one."""
    if municipality_code and kind is not OrganisationKind.MUNICIPALITY:
        raise MunicipalityCodeNotAllowed("municipality_code")
    if kind is OrganisationKind.MUNICIPALITY and not municipality_code:
        raise MunicipalityCodeMissing("municipality_code")


def search_text(*names: str | None) -> str:
    """The text a name search matches against, and a search typed: all names, case-folded and without accents, so
    that "Jyvaskyla" finds Jyväskylä and "pedersore" Pedersöre (ä, ö and å fold to a, o and a)."""
    folded = unicodedata.normalize("NFKD", " ".join(name for name in names if name).casefold())
    return "".join(character for character in folded if not unicodedata.combining(character))
