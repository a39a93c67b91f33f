"""A feed as an iCalendar document (RFC 5545), built with the icalendar package: one all-day event per instance on
its due date, in the language the address asks for (Finnish by default)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, vDuration

from api.calendar.repository import FeedEntry
from api.calendar.schemas import FeedLanguage
from domain import obligations as rules
from domain.obligations.calendar import event_end, event_status

PRODUCT = "-//Sopimo//Velvoitteet//FI"
#: How often a calendar is asked to fetch the feed again.
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class Words:
    """A feed's words in one language."""

    statuses: dict[rules.InstanceStatus, str]
    holder: str
    status: str
    due: str
    agreement: str
    section: str
    for_parties: tuple[str, str]
    mine: str
    of_name: str
    description: str


WORDS = {
    FeedLanguage.FI: Words(
        statuses={rules.InstanceStatus.OPEN: "Avoin", rules.InstanceStatus.DONE: "Tehty",
                  rules.InstanceStatus.OVERDUE: "Myöhässä", rules.InstanceStatus.NOT_APPLICABLE: "Ei koske"},
        holder="Velvoitettu", status="Tila", due="Määräpäivä", agreement="Sopimus", section="Kohta {number}",
        for_parties=("{count} osapuolen puolesta", "{count} osapuolen puolesta"),
        mine="Sopimo: omat velvoitteet", of_name="Sopimo: {name}, velvoitteet",
        description="Sopimuksiin kirjatut velvoitteet määräpäivineen.",
    ),
    FeedLanguage.SV: Words(
        statuses={rules.InstanceStatus.OPEN: "Öppen", rules.InstanceStatus.DONE: "Utförd",
                  rules.InstanceStatus.OVERDUE: "Försenad", rules.InstanceStatus.NOT_APPLICABLE: "Gäller inte"},
        holder="Förpliktad", status="Status", due="Förfallodag", agreement="Avtal", section="Punkt {number}",
        for_parties=("för {count} part", "för {count} parter"),
        mine="Sopimo: mina skyldigheter", of_name="Sopimo: {name}, skyldigheter",
        description="Skyldigheterna i avtalen med sina förfallodagar.",
    ),
    FeedLanguage.EN: Words(
        statuses={rules.InstanceStatus.OPEN: "Open", rules.InstanceStatus.DONE: "Done",
                  rules.InstanceStatus.OVERDUE: "Overdue", rules.InstanceStatus.NOT_APPLICABLE: "Not applicable"},
        holder="Holder", status="Status", due="Due", agreement="Agreement", section="Section {number}",
        for_parties=("for {count} party", "for {count} parties"),
        mine="Sopimo: my obligations", of_name="Sopimo: obligations of {name}",
        description="The obligations written in the agreements, with their due dates.",
    ),
}


def finnish_date(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def title_of(entry: FeedEntry, language: FeedLanguage) -> str:
    obligation = entry.obligation
    return obligation.title_sv if language is FeedLanguage.SV and obligation.title_sv else obligation.title_fi


def holder_of(entry: FeedEntry, language: FeedLanguage) -> str:
    if entry.holder is None:
        return entry.obligation.holder_group or ""
    return entry.holder.name_sv if language is FeedLanguage.SV and entry.holder.name_sv else entry.holder.name_fi


def calendar_name(name: str | None, language: FeedLanguage) -> str:
    """The feed's own name: "my obligations", or those of the organisation or area named."""
    words = WORDS[language]
    return words.mine if name is None else words.of_name.format(name=name)


def event_of(entry: FeedEntry, *, language: FeedLanguage, on: date, stamp: datetime, link: str) -> Event:
    words = WORDS[language]
    instance, obligation = entry.instance, entry.obligation
    status = rules.stored_status(instance.state, instance.state_on, instance.due_on, on)
    holder = holder_of(entry, language)
    lines = [f"{words.holder}: {holder}"]
    others = [party for party in instance.on_behalf_of if party != str(instance.holder_id)]
    if others:
        count = len(instance.on_behalf_of)
        lines[0] += f" ({words.for_parties[0 if count == 1 else 1].format(count=count)})"
    lines += [f"{words.status}: {words.statuses[status]}", f"{words.due}: {finnish_date(instance.due_on)}",
              f"{words.agreement}: {entry.agreement_title}"]
    if obligation.section_number:
        clause = words.section.format(number=obligation.section_number)
        lines.append(f"{clause}: “{obligation.quote}”" if obligation.quote else clause)
    elif obligation.quote:
        lines.append(f"“{obligation.quote}”")
    lines.append(link)

    event = Event()
    event.add("uid", f"{instance.id}@sopimo")
    event.add("dtstamp", stamp)
    event.add("dtstart", instance.due_on)
    event.add("dtend", event_end(instance.due_on))
    event.add("summary", f"{title_of(entry, language)} – {holder}" if holder else title_of(entry, language))
    event.add("description", "\n".join(lines))
    event.add("url", link)
    event.add("status", event_status(status).value)
    event.add("categories", [words.statuses[status]])
    event.add("transp", "TRANSPARENT")
    event.add("sequence", max(instance.version - 1, 0))
    event.add("last-modified", instance.updated_at)
    return event


def feed_document(entries: Sequence[FeedEntry], *, name: str | None, language: FeedLanguage, on: date,
                  stamp: datetime, base_url: str) -> bytes:
    """The feed's iCalendar text: the calendar's name, and an event per instance linking to its page."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    title = calendar_name(name, language)
    calendar.add("name", title)
    calendar.add("x-wr-calname", title)
    calendar.add("description", WORDS[language].description)
    calendar.add("x-wr-caldesc", WORDS[language].description)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())  # an X- property: its text as written
    # The page answers in the feed's language, as the link asks.
    query = "" if language is FeedLanguage.FI else f"?lang={language.value}"
    for entry in entries:
        link = f"{base_url}/obligations/instances/{entry.instance.id}{query}"
        calendar.add_component(event_of(entry, language=language, on=on, stamp=stamp, link=link))
    return calendar.to_ical()
