"""Seed 001's obligations in the demo: the duties its clauses write, with Tampere holding the integration services
for all but Valkeakoski, and instances for 2025 and 2026, most done with evidence, some open, a few overdue."""

import uuid
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.agreements import demo_data as seeds
from api.agreements.demo import LOADER, Loader
from api.agreements.models import Agreement, AgreementVersion
from api.areas.models import Area
from api.auth.models import User
from api.clock import today
from api.concurrency import etag_of
from api.obligations import service
from api.obligations.models import Obligation, ObligationInstance
from api.obligations.repository import ObligationRepository
from api.obligations.schemas import HoldersIn, MarkCreate, ObligationCreate, ScheduleIn
from api.organisations.models import Organisation
from api.people.models import ContactPerson, ObligationResponsible
from domain.obligations import Every, HolderScope, MarkKind, ObligationKind, ScheduleKind

START = date(2025, 1, 1)
#: (section, words of the quoted sentence, title fi, title sv, kind, holders, schedule)
DUTIES: list[tuple[str, str, str, str, ObligationKind, HoldersIn, ScheduleIn]] = [
    ("4", "perustaa sopimuskokonaisuudelle kuntakohtaisen koordinaatioryhmän",
     "Kuntakohtainen koordinaatioryhmä ja vastuuhenkilöt", "Kommunvis koordineringsgrupp och ansvarspersoner",
     ObligationKind.NAME_BODY_OR_PERSON, HoldersIn(scope=HolderScope.EACH_PARTY),
     ScheduleIn(kind=ScheduleKind.ONE_OFF, due_on=date(2025, 3, 31))),
    ("3", "päivittää suunnitelmat vuosittain", "Kuntakohtaisen toimintasuunnitelman päivitys",
     "Uppdatering av den kommunvisa verksamhetsplanen", ObligationKind.DELIVER_DOCUMENT,
     HoldersIn(scope=HolderScope.EACH_PARTY), ScheduleIn(kind=ScheduleKind.RECURRING, every=Every.YEARLY, month=1, day=31)),
    ("5", "paikallisen työnantaja- ja yrittäjyysverkoston", "Paikallinen työnantaja- ja yrittäjyysverkosto",
     "Lokalt arbetsgivar- och företagarnätverk", ObligationKind.NAME_BODY_OR_PERSON,
     HoldersIn(scope=HolderScope.EACH_PARTY), ScheduleIn(kind=ScheduleKind.ONE_OFF, due_on=date(2025, 4, 30))),
    ("7", "yhteensovittamisesta vastaavan henkilön", "Nuorten yhteispalvelun vastuuhenkilö",
     "Ansvarsperson för ungdomarnas samservice", ObligationKind.NAME_BODY_OR_PERSON,
     HoldersIn(scope=HolderScope.EACH_PARTY), ScheduleIn(kind=ScheduleKind.ONE_OFF, due_on=date(2025, 5, 31))),
    ("7", "osoittaa paikallisella tasolla tilat", "Tilat nuorten yhteispalvelulle", "Lokaler för ungdomarnas samservice",
     ObligationKind.PROVIDE, HoldersIn(scope=HolderScope.EACH_PARTY), ScheduleIn(kind=ScheduleKind.CONTINUOUS)),
    ("8", "tulee määrittää vastuutaho", "Maahanmuuttoasioiden yhteydenottojen vastuutaho",
     "Ansvarig instans för kontakter i invandrarfrågor", ObligationKind.NAME_BODY_OR_PERSON,
     HoldersIn(scope=HolderScope.EACH_PARTY), ScheduleIn(kind=ScheduleKind.ONE_OFF, due_on=date(2025, 6, 30))),
    ("8", "vastuukuntana vastaa muiden sopijakuntien puolesta", "Kotoutumisen edistämisen palvelut (laki 681/2023, 2. luku)",
     "Tjänster för främjande av integration (lag 681/2023, 2 kap.)", ObligationKind.PROVIDE,
     HoldersIn(scope=HolderScope.LEAD, exceptions_hold_themselves=True), ScheduleIn(kind=ScheduleKind.CONTINUOUS)),
    ("8", "kokoontuu säännöllisesti", "Yhteistyöverkosto kokoontuu", "Samarbetsnätverket sammanträder",
     ObligationKind.MEET, HoldersIn(scope=HolderScope.NAMED_PARTIES),
     ScheduleIn(kind=ScheduleKind.RECURRING, every=Every.YEARLY, month=11, day=30)),
    ("8", "pitämään tiedot ajantasaisina", "Yhteiset tiedot ajan tasalla", "Gemensamma uppgifter uppdaterade",
     ObligationKind.KEEP_UP_TO_DATE, HoldersIn(scope=HolderScope.EACH_PARTY), ScheduleIn(kind=ScheduleKind.CONTINUOUS)),
    ("10", "jokainen luovutus on arvioitava etukäteen", "Asiakastietojen luovutusten arviointi etukäteen",
     "Förhandsbedömning av utlämnande av kunduppgifter", ObligationKind.ASSESS_BEFOREHAND,
     HoldersIn(scope=HolderScope.EACH_PARTY), ScheduleIn(kind=ScheduleKind.CONTINUOUS)),
]
#: Who has not done a one-off duty yet (so that the front page has something overdue to say).
LATE = {"Maahanmuuttoasioiden yhteydenottojen vastuutaho": {"Nokia", "Virrat"},
        "Paikallinen työnantaja- ja yrittäjyysverkosto": {"Urjala"},
        "Kuntakohtaisen toimintasuunnitelman päivitys": {"Juupajoki"}}
EVIDENCE = {
    ObligationKind.NAME_BODY_OR_PERSON: "{board} {day} § {section}: nimetty.",
    ObligationKind.DELIVER_DOCUMENT: "Toimintasuunnitelma {year} hyväksytty, {board} {day} § {section}.",
}


async def load_obligations_demo(session: AsyncSession) -> dict[str, int]:
    repo = ObligationRepository(session)
    version_id = await session.scalar(
        select(AgreementVersion.id).join(Agreement, Agreement.id == AgreementVersion.agreement_id)
        .join(Area, Area.id == Agreement.area_id).where(Area.name == seeds.TAMPERE_AREA, AgreementVersion.number == 1))
    if version_id is None or await session.scalar(select(Obligation.id).where(Obligation.version_id == version_id)):
        return {"obligations": 0}
    names = dict((await session.execute(select(Organisation.id, Organisation.name_fi))).all())
    by_name = {name: organisation_id for organisation_id, name in names.items()}
    found = {s.quote: s for s in await service.suggestions(repo, version_id, today())}
    boards = Loader(session)
    await boards.prepare()
    added = 0
    for section, words, title_fi, title_sv, kind, holders, schedule in DUTIES:
        quote = next(q for q in found if words in q)
        if holders.scope is HolderScope.LEAD:
            holders = holders.model_copy(update={"exceptions": [by_name["Valkeakoski"]]})
        if holders.scope is HolderScope.NAMED_PARTIES:
            holders = holders.model_copy(update={"named": [by_name["Tampere"]]})
        obligation = await service.create_obligation(repo, LOADER, ObligationCreate(
            version_id=version_id, section_number=section, quote=quote, title_fi=title_fi, title_sv=title_sv,
            kind=kind, holders=holders, schedule=schedule, starts_on=START), today())
        added += 1
        await mark_demo_instances(repo, obligation, names, LATE.get(title_fi, set()), boards)
    await name_demo_responsibles(session, version_id, by_name)
    return {"obligations": added}


#: The demo's contact persons: the Nokia coordinator (who logs in) and a person of Tampere without a login.
CONTACTS = [("Nokia", "Nokian koordinaattori", "Työllisyyskoordinaattori", "koordinaattori@nokia.example", "fi"),
            ("Tampere", "Tampereen verkostokoordinaattori", "Verkostokoordinaattori", "verkosto@tampere.example", "fi")]


async def name_demo_responsibles(session: AsyncSession, version_id: uuid.UUID, by_name: dict[str, uuid.UUID]) -> None:
    """The contact persons, each responsible for every duty their organisation holds in seed 001's agreement."""
    users = dict((await session.execute(select(User.email, User.id))).all())
    obligations = list(await session.scalars(select(Obligation.id).where(Obligation.version_id == version_id)))
    for organisation, name, title, email, language in CONTACTS:
        contact = ContactPerson(id=uuid.uuid4(), organisation_id=by_name[organisation], name=name, title=title,
                                email=email, language=language, user_id=users.get(email))
        session.add(contact)
        held = set(await session.scalars(select(ObligationInstance.obligation_id).where(
            ObligationInstance.obligation_id.in_(obligations), ObligationInstance.holder_id == by_name[organisation])))
        session.add_all([ObligationResponsible(obligation_id=obligation_id, organisation_id=by_name[organisation],
                                               contact_id=contact.id) for obligation_id in held])
    await session.flush()


async def mark_demo_instances(repo: ObligationRepository, obligation: Obligation, names: dict[uuid.UUID, str],
                              late: set[str], boards: Loader) -> None:
    """Instances due by today are done (a week before their due date, with a board's § or a review as evidence),
    except the late parties' and this year's network meeting; what falls due later stays open."""
    rows = await repo.session.scalars(select(ObligationInstance).where(
        ObligationInstance.obligation_id == obligation.id, ObligationInstance.due_on <= today()))
    for number, row in enumerate(sorted(rows, key=lambda r: (r.due_on, names.get(r.holder_id or uuid.UUID(int=0), "")))):
        holder = names.get(row.holder_id, "") if row.holder_id else ""
        if holder in late or (obligation.kind == ObligationKind.MEET and row.nominal.year == today().year):
            continue
        day = row.due_on - timedelta(days=7 + number % 5)
        template = EVIDENCE.get(ObligationKind(obligation.kind), "Tehty {day}.")
        if obligation.schedule_kind == ScheduleKind.CONTINUOUS:
            template = "Vuoden {year} tarkistus tehty {day}."
        note = template.format(board=boards.board_name(holder),
                               day=f"{day.day}.{day.month}.{day.year}", section=12 + number, year=row.nominal.year)
        await service.mark_instance(repo, LOADER, row, MarkCreate(kind=MarkKind.DONE, note=note),
                                    etag_of(row.version), day)

