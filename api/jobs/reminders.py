"""Reminders of obligations by e-mail: found each day, queued once per instance, kind and recipient, and sent by a
worker in the recipient's language (14 and 1 days before the due date, and when it becomes overdue)."""

import uuid
from datetime import date, timedelta
from typing import Any

from babel.dates import format_date
from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.models import User, UserRole
from api.jobs import queue
from api.jobs.mail import Message
from api.jobs.models import OutgoingMail
from api.obligations.models import Obligation, ObligationInstance
from api.organisations.models import Organisation
from api.people.models import ContactPerson, ObligationResponsible
from domain.access import Role
from domain.obligations import stored_status
from domain.obligations.reminders import OVERDUE_WINDOW_DAYS, ReminderKind, recipients, reminder_due

KIND = "obligation_reminder"
SUBJECTS = {
    "fi": {ReminderKind.DUE_IN_14_DAYS: "Muistutus: {title} erääntyy {date}",
           ReminderKind.DUE_TOMORROW: "Muistutus: {title} erääntyy huomenna {date}",
           ReminderKind.OVERDUE: "Myöhässä: {title} (määräpäivä {date})"},
    "sv": {ReminderKind.DUE_IN_14_DAYS: "Påminnelse: {title} förfaller {date}",
           ReminderKind.DUE_TOMORROW: "Påminnelse: {title} förfaller i morgon {date}",
           ReminderKind.OVERDUE: "Försenad: {title} (förfallodag {date})"},
    "en": {ReminderKind.DUE_IN_14_DAYS: "Reminder: {title} is due on {date}",
           ReminderKind.DUE_TOMORROW: "Reminder: {title} is due tomorrow, {date}",
           ReminderKind.OVERDUE: "Overdue: {title} (due on {date})"},
}
BODIES = {
    "fi": "Hei {name},\n\n{holder}: {title}\nMääräpäivä: {date}\nSopimus: {agreement}\n\n"
          "Merkitse velvoite tehdyksi tai kerro, miksi se ei koske:\n{url}\n\nTämä on Sopimon automaattinen muistutus.",
    "sv": "Hej {name},\n\n{holder}: {title}\nFörfallodag: {date}\nAvtal: {agreement}\n\n"
          "Markera skyldigheten som utförd eller ange varför den inte gäller:\n{url}\n\n"
          "Detta är en automatisk påminnelse från Sopimo.",
    "en": "Hello {name},\n\n{holder}: {title}\nDue on: {date}\nAgreement: {agreement}\n\n"
          "Mark the duty done, or say why it does not apply:\n{url}\n\nThis is an automatic reminder from Sopimo.",
}


def written_date(day: date, language: str) -> str:
    return format_date(day, "d.M.yyyy", locale={"sv": "sv_FI", "en": "en_FI"}.get(language, "fi_FI"))


async def queue_reminders(session: AsyncSession, today: date) -> int:
    """Queue the reminders whose day has come; one already queued is not queued again (its key is taken)."""
    rows = (await session.execute(
        select(ObligationInstance, Obligation.area_id)
        .join(Obligation, Obligation.id == ObligationInstance.obligation_id)
        .where(ObligationInstance.lapsed.is_(False), ObligationInstance.state.is_(None),
               ObligationInstance.due_on >= today - timedelta(days=OVERDUE_WINDOW_DAYS),
               ObligationInstance.due_on <= today + timedelta(days=14))
    )).all()
    due = [(row, kind) for row, _ in rows
           if (kind := reminder_due(row.due_on, stored_status(row.state, row.state_on, row.due_on, today), today))]
    if not due:
        return 0
    pairs = {(row.obligation_id, row.holder_id) for row, _ in due if row.holder_id}
    named: dict[tuple[uuid.UUID, uuid.UUID], list[tuple[str, str, str]]] = {}
    if pairs:
        for obligation_id, organisation_id, name, email, language in await session.execute(
            select(ObligationResponsible.obligation_id, ObligationResponsible.organisation_id, ContactPerson.name,
                   ContactPerson.email, ContactPerson.language)
            .join(ContactPerson, ContactPerson.id == ObligationResponsible.contact_id)
            .where(tuple_(ObligationResponsible.obligation_id, ObligationResponsible.organisation_id).in_(pairs),
                   ContactPerson.email.is_not(None))
        ):
            named.setdefault((obligation_id, organisation_id), []).append((name, str(email), language))
    admins: dict[uuid.UUID, list[tuple[str, str, str]]] = {}
    for area_id, name, email in await session.execute(
        select(UserRole.area_id, User.name, User.email).join(User, User.id == UserRole.user_id)
        .where(UserRole.role == Role.AREA_ADMIN.value, UserRole.area_id.in_({row.area_id for row, _ in due}),
               User.is_active.is_(True))
    ):
        admins.setdefault(area_id, []).append((name, email, "fi"))
    jobs = []
    for row, kind in due:
        people = named.get((row.obligation_id, row.holder_id), []) if row.holder_id else []
        for name, email, language in recipients(people, admins.get(row.area_id, [])):  # type: ignore[misc]
            jobs.append({"kind": KIND, "key": f"reminder:{row.id}:{kind.value}:{str(email).lower()}",
                         "payload": {"instance_id": str(row.id), "reminder": kind.value, "to": email, "name": name,
                                     "language": language}})
    await queue.enqueue(session, jobs)
    return len(jobs)


async def reminder_message(session: AsyncSession, key: str, payload: dict[str, Any], public_url: str,
                           today: date) -> tuple[Message, ObligationInstance, Obligation] | None:
    """The message of a queued reminder, or None when it no longer applies (the duty was done meanwhile)."""
    instance = await session.get(ObligationInstance, uuid.UUID(payload["instance_id"]))
    if instance is None or instance.lapsed or instance.state is not None:
        return None
    obligation = await session.get(Obligation, instance.obligation_id)
    assert obligation is not None
    holder = await session.get(Organisation, instance.holder_id) if instance.holder_id else None
    from api.agreements.models import Agreement

    agreement = await session.get(Agreement, obligation.agreement_id)
    language = str(payload.get("language") or "fi")
    if language not in SUBJECTS:
        language = "fi"
    title = obligation.title_sv if language == "sv" and obligation.title_sv else obligation.title_fi
    holder_name = (holder.name_sv if language == "sv" and holder and holder.name_sv else
                   holder.name_fi if holder else obligation.holder_group or "")
    values = {"title": title, "date": written_date(instance.due_on, language), "name": payload.get("name", ""),
              "holder": holder_name, "agreement": agreement.title if agreement else "",
              "url": f"{public_url.rstrip('/')}/obligations/instances/{instance.id}"}
    kind = ReminderKind(payload["reminder"])
    message = Message(to=payload["to"], subject=SUBJECTS[language][kind].format(**values),
                      body=BODIES[language].format(**values), language=language, key=key)
    return message, instance, obligation


async def already_sent(session: AsyncSession, key: str) -> bool:
    return await session.scalar(select(OutgoingMail.id).where(OutgoingMail.job_key == key)) is not None


def recorded(message: Message, transport: str, instance: ObligationInstance, obligation: Obligation,
             reminder: str) -> OutgoingMail:
    return OutgoingMail(job_key=message.key, area_id=obligation.area_id, instance_id=instance.id, reminder=reminder,
                        to_address=message.to, language=message.language, subject=message.subject,
                        body=message.body, message_id=message.message_id, transport=transport)


