"""The database holds the rules a race could break, and each of its refusals comes back as the service's own 409."""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.agreements.models import Agreement, AgreementNotice, AgreementVersion
from api.areas.models import Area
from api.auth.models import User
from api.decisions.models import Decision
from api.errors import ConflictingWrite
from api.integrity import refusal_of
from api.organisations.models import Organisation
from api.problems import status_of
from domain import agreements as rules
from domain.errors import CodedError, ValueTaken


async def refusal_of_second(session: AsyncSession, make: Callable[[], object]) -> CodedError:
    """Store `make()` twice, the second time past every check of the services: what the database says."""
    session.add(make())
    await session.flush()
    with pytest.raises(IntegrityError) as refused:
        async with session.begin_nested():
            session.add(make())
    return refusal_of(refused.value)


async def some_agreement(session: AsyncSession) -> Agreement:
    agreement = await session.scalar(select(Agreement).limit(1))
    assert agreement is not None
    return agreement


async def test_a_decision_recorded_twice_is_refused_by_the_database(session: AsyncSession) -> None:
    version = await session.scalar(select(AgreementVersion).where(AgreementVersion.status == "circulating").limit(1))
    assert version is not None
    organisation_id = await session.scalar(select(Organisation.id).limit(1))

    def decision(outcome: str, section: int | None = None) -> Callable[[], Decision]:
        return lambda: Decision(area_id=version.area_id, organisation_id=organisation_id,
                                agreement_id=version.agreement_id, version_id=version.id, body="municipal_board",
                                meeting_date=date(2031, 5, 4), section=section, outcome=outcome)

    refused = await refusal_of_second(session, decision("approved", 17))
    assert isinstance(refused, rules.DecisionAlreadyRecorded) and status_of(refused) == 409
    # Without a § the meeting's decision is still one: § left out counts as § 0.
    assert isinstance(await refusal_of_second(session, decision("rejected")), rules.DecisionAlreadyRecorded)
    # Decisions on no version (an area's own) are not bound by it.
    for _ in range(2):
        session.add(Decision(area_id=version.area_id, organisation_id=organisation_id, body="municipal_board",
                             meeting_date=date(2031, 5, 4), section=17, outcome="approved"))
    await session.flush()


async def test_a_second_open_draft_is_refused_by_the_database(session: AsyncSession) -> None:
    agreement = await some_agreement(session)
    numbers = iter(range(900, 910))

    def draft() -> AgreementVersion:
        return AgreementVersion(agreement_id=agreement.id, area_id=agreement.area_id, number=next(numbers),
                                title="Luonnos", status="draft")

    session.add(draft())  # the agreement may have a draft already; then the first one here is refused too
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as refused:
        assert isinstance(refusal_of(refused), rules.DraftExists)
        return
    with pytest.raises(IntegrityError) as refused_again:
        async with session.begin_nested():
            session.add(draft())
    assert isinstance(refusal_of(refused_again.value), rules.DraftExists)


async def test_a_second_notice_of_a_party_is_refused_by_the_database(session: AsyncSession) -> None:
    agreement = await some_agreement(session)
    newcomer = Organisation(kind="municipality", name_fi="Irtisanoja")
    session.add(newcomer)
    await session.flush()
    organisation_id = newcomer.id
    refused = await refusal_of_second(session, lambda: AgreementNotice(
        agreement_id=agreement.id, area_id=agreement.area_id, organisation_id=organisation_id,
        given_on=date(2030, 1, 1), notice_months=6))
    assert isinstance(refused, rules.NoticeAlreadyGiven)


async def test_unique_values_and_other_constraints(session: AsyncSession) -> None:
    organisation_id = await session.scalar(select(Organisation.id).limit(1))
    refused = await refusal_of_second(session, lambda: User(
        email="sama@kunta.example", name="Sama", organisation_id=organisation_id, password_hash="x"))
    assert isinstance(refused, ValueTaken) and refused.field == "email"
    refused = await refusal_of_second(session, lambda: Organisation(kind="municipality", name_fi="Kopio",
                                                                    business_id="9999999-9"))
    assert isinstance(refused, ValueTaken) and refused.field == "business_id"
    # A constraint without a refusal of its own is still a conflict, never a server error.
    area = await session.scalar(select(Area).limit(1))
    assert area is not None
    with pytest.raises(IntegrityError) as refused_area:
        async with session.begin_nested():
            await session.execute(insert(Area).values(id=area.id, name="Kopio", kind=area.kind, search_text="",
                                                      lead_organisation_id=area.lead_organisation_id))
    assert isinstance(refusal_of(refused_area.value), ConflictingWrite)
