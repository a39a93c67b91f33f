"""Demo agreements and decisions from the seeds, loaded through the services; running it twice adds nothing."""

import csv
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.agreements import demo_data as seeds
from api.agreements import service
from api.agreements.models import Agreement, AgreementVersion
from api.agreements.repository import AgreementRepository
from api.agreements.schemas import (
    AgreementCreate,
    PartyData,
    SectionData,
    Statute,
    VersionUpdate,
)
from api.areas.models import Area
from api.clock import today
from api.decisions import service as decision_service
from api.decisions.schemas import DecisionCreate
from api.organisations.models import Organisation
from domain.access import Actor, ActorKind

SEEDS_DIR = Path(__file__).resolve().parents[2] / "data" / "seeds"
LOADER = Actor(kind=ActorKind.USER, id=uuid.UUID(int=0), label="demo data", is_admin=True)


class Loader:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = AgreementRepository(session)
        self.municipalities: dict[str, uuid.UUID] = {}
        self.areas: dict[str, uuid.UUID] = {}
        self.cities: set[str] = set()

    def board_name(self, organisation: str) -> str:
        """A city's board is the kaupunginhallitus, a municipality's the kunnanhallitus."""
        return "Kaupunginhallitus" if organisation in self.cities else "Kunnanhallitus"

    async def prepare(self) -> None:
        with (SEEDS_DIR.parent / "municipalities.csv").open(encoding="utf-8") as file:
            self.cities = {row["name_fi"] for row in csv.DictReader(file) if row["kind"] == "city"}
        rows = await self.session.execute(
            select(Organisation.name_fi, Organisation.id).where(Organisation.kind == "municipality"))
        self.municipalities = dict(rows.all())
        self.areas = dict((await self.session.execute(select(Area.name, Area.id))).all())

    async def exists(self, area: str, title: str) -> bool:
        return await self.repo.find_by_title(self.areas[area], title) is not None

    def parties(self, names: list[str]) -> list[PartyData]:
        return [PartyData(organisation_id=self.municipalities[name], role="lead" if i == 0 else "member")
                for i, name in enumerate(names)]

    async def create(self, area: str, title: str, kind: str, names: list[str], sections: list[dict], *,
                     statutes: Sequence[tuple[str, str]] = (), notice_months: int | None = None,
                     effective_date: date | None = None, description: str | None = None,
                     preamble: Sequence[dict] = ()) -> Agreement:
        return await service.create_agreement(self.repo, AgreementCreate(
            area_id=self.areas[area], title=title, kind=kind, description=description,
            statutes=[Statute(name=n, number=num) for n, num in statutes], notice_months=notice_months,
            effective_date=effective_date, parties=self.parties(names), preamble=list(preamble),
            sections=[SectionData.model_validate(s) for s in sections],
        ))

    async def send(self, agreement_id: uuid.UUID, version_id: uuid.UUID, on: date) -> None:
        agreement = await service.reload(self.repo, agreement_id)
        version = next(v for v in agreement.versions if v.id == version_id)
        await service.send_version(self.repo, agreement, version, on, f'"{version.version}"')

    async def decide(self, version_id: uuid.UUID | None, organisation: str, when: date, outcome: str, *,
                     section: int | None = None, body_name: str | None = None, area: str | None = None,
                     proposal: str | None = None, text: str | None = seeds.STAND_IN_TEXT, case_number: str | None = None,
                     title: str | None = None, cap: str | None = None, note: str | None = None) -> None:
        await decision_service.record_decision(self.repo, LOADER, DecisionCreate(
            organisation_id=self.municipalities[organisation], version_id=version_id,
            area_id=self.areas[area] if area else None, body="municipal_board",
            body_name=body_name or self.board_name(organisation),
            meeting_date=when, section=section, case_number=case_number, title=title, proposal=proposal,
            outcome=outcome, decision_text=text, commitment_cap=cap, commitment_note=note,
        ), today())

    async def amend(self, agreement_id: uuid.UUID, on: date, reasons: str, sections: list[dict],
                    effective_date: date | None) -> AgreementVersion:
        agreement = await service.reload(self.repo, agreement_id)
        version = await service.start_amendment(self.repo, agreement, reasons, on)
        await service.update_version(self.repo, agreement, version, VersionUpdate(
            sections=[SectionData.model_validate(s) for s in sections], effective_date=effective_date,
        ), f'"{version.version}"')
        return version

    # --- the four seeds ------------------------------------------------------------------------------------

    async def tampere_region(self) -> int:
        preview = await service.import_preview((SEEDS_DIR / seeds.TAMPERE_FILE).read_bytes(), seeds.TAMPERE_FILE, None)
        title = preview.title or "Tampereen seudun työllisyysalueen sopimus"
        if await self.exists(seeds.TAMPERE_AREA, title):
            return 0
        agreement = await self.create(
            seeds.TAMPERE_AREA, title, "cooperation_agreement", seeds.TAMPERE_PARTIES,
            [s.to_dict() for s in preview.sections], statutes=seeds.TAMPERE_STATUTES, notice_months=6,
            effective_date=seeds.TAMPERE_EFFECTIVE,
        )
        version_id = agreement.versions[0].id
        await self.send(agreement.id, version_id, seeds.TAMPERE_SENT)
        for name in seeds.TAMPERE_PARTIES:
            await self.decide(version_id, name, seeds.TAMPERE_DECIDED, "approved")
        return 1

    async def pirkanmaa_pilot(self) -> int:
        if await self.exists(seeds.PILOT_AREA, seeds.PILOT_TITLE):
            return 0
        names = seeds.PILOT_PARTIES
        agreement_id: uuid.UUID | None = None
        for stage, sent_on, decided_on, section, outcome, proposal, text, effective, reasons in seeds.PILOT_VERSIONS:
            if agreement_id is None:
                agreement = await self.create(
                    seeds.PILOT_AREA, seeds.PILOT_TITLE, "cooperation_agreement", names,
                    seeds.pilot_sections(stage), statutes=seeds.PILOT_STATUTES, notice_months=6,
                    effective_date=effective, description=seeds.PILOT_DESCRIPTION,
                    preamble=[seeds.p(seeds.PILOT_NOTE)],
                )
                agreement_id, version_id = agreement.id, agreement.versions[0].id
            else:
                version = await self.amend(agreement_id, sent_on, reasons, seeds.pilot_sections(stage), effective)
                version_id = version.id
            await self.send(agreement_id, version_id, sent_on)
            await self.decide(version_id, "Tampere", decided_on, outcome, section=section,
                              body_name="Kaupunginhallitus", proposal=proposal, text=text)
            stand_in = decided_on + timedelta(days=seeds.PILOT_STAND_IN_DELAY_DAYS)
            for name in names[1:]:
                await self.decide(version_id, name, stand_in, "approved")
        return 1

    async def pohjois_savo(self) -> int:
        preview = await service.import_preview((SEEDS_DIR / seeds.SAVO_FILE).read_bytes(), seeds.SAVO_FILE, None)
        title = preview.title or "Kuntien välinen aiesopimus työllisyyden kuntakokeilun toteuttamisesta Pohjois-Savossa"
        if await self.exists(seeds.SAVO_AREA, title):
            return 0
        agreement = await self.create(seeds.SAVO_AREA, title, "letter_of_intent", seeds.SAVO_PARTIES,
                                      [s.to_dict() for s in preview.sections])
        version_id = agreement.versions[0].id
        await self.send(agreement.id, version_id, seeds.SAVO_SENT)
        for name, when, outcome in seeds.SAVO_DECISIONS:
            await self.decide(version_id, name, when, outcome)
        return 1

    async def haapajarvi_chain(self) -> int:
        if await self.exists(seeds.ESR_AREA, seeds.ESR_TITLE):
            return 0
        agreement = await self.create(seeds.ESR_AREA, seeds.ESR_TITLE, "project_agreement", seeds.ESR_PARTIES,
                                      seeds.ESR_SECTIONS)
        version_id = agreement.versions[0].id
        await self.send(agreement.id, version_id, seeds.ESR_SENT)
        for when, section, on_version, outcome, proposal, text, cap, note in seeds.ESR_DECISIONS:
            await self.decide(version_id if on_version else None, "Haapajärvi", when, outcome, section=section,
                              body_name="KHALL", area=None if on_version else seeds.ESR_AREA, proposal=proposal,
                              text=text, case_number=seeds.ESR_CASE, title=seeds.ESR_CASE_TITLE, cap=cap, note=note)
        for name, when in seeds.ESR_STAND_IN_COMMITMENTS:
            await self.decide(version_id, name, when, "approved", cap="1950.00", note=seeds.ESR_COMMITMENT_NOTE)
        return 1


async def load_agreements_demo(session: AsyncSession) -> dict[str, int]:
    """The Tampere region agreement (seed 001), the Pirkanmaa pilot agreement with its amendments (seed 000),
    the Pohjois-Savo letter of intent (seed 003) and Haapajärvi's decisions on case 133/00.04.01/2019 (seed 004)."""
    loader = Loader(session)
    await loader.prepare()
    added = 0
    for step in (loader.tampere_region, loader.pirkanmaa_pilot, loader.pohjois_savo, loader.haapajarvi_chain):
        added += await step()
    await session.flush()
    return {"agreements": added}
