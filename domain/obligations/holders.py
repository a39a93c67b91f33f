"""Who holds a duty and for whom, from the holder rule and the version's parties."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from .errors import InvalidHolders
from .model import HolderRule, HolderScope


@dataclass(frozen=True)
class Holding:
    """One holder of a duty (velvoitettu) and the parties it holds it for (itself, or those a lead acts for)."""

    holder: Hashable
    on_behalf_of: tuple[Hashable, ...]


def holdings(rule: HolderRule, parties: Sequence[Hashable], lead: Hashable | None) -> tuple[Holding, ...]:
    """The holdings of ``rule`` among the version's ``parties`` (in their order), ``lead`` being the area's lead.

    Seed 001's integration services: ``HolderRule(LEAD, exceptions=(Valkeakoski,), exceptions_hold_themselves=True)``
    gives Tampere for the other thirteen parties and Valkeakoski for itself.
    """
    members = list(dict.fromkeys(parties))
    named_parties = () if rule.scope is HolderScope.GROUP else rule.named  # a group is not a party
    strangers = [p for p in (*named_parties, *rule.exceptions) if p not in members]
    if strangers:
        raise InvalidHolders("holders", reason="they name someone who is not a party", names=[str(p) for p in strangers])
    covered = tuple(p for p in members if p not in rule.exceptions)
    if rule.scope is HolderScope.EACH_PARTY:
        return tuple(Holding(party, (party,)) for party in covered)
    if rule.scope is HolderScope.NAMED_PARTIES:
        if not rule.named:
            raise InvalidHolders("holders", reason="no party is named")
        return tuple(Holding(party, (party,)) for party in dict.fromkeys(rule.named) if party not in rule.exceptions)
    if rule.scope is HolderScope.GROUP:
        if len(rule.named) != 1:
            raise InvalidHolders("holders", reason="name the one group that holds the duty")
        acting: Hashable = rule.named[0]
    else:
        if lead is None:
            raise InvalidHolders("holders", reason="the area has no lead")
        acting = lead
    result = [Holding(acting, covered)] if covered else []
    if rule.exceptions_hold_themselves:
        result += [Holding(party, (party,)) for party in members if party in rule.exceptions and party != acting]
    return tuple(result)


def held_by(rule: HolderRule, parties: Sequence[Hashable], lead: Hashable | None) -> tuple[Holding, ...]:
    """The holdings of ``rule`` among ``parties`` as they stand, where :func:`holdings` refuses a rule that no
    longer fits them: a party the rule names or excepts that is not a party of the version (an amendment left it
    out) holds nothing and is excepted from nothing, and a rule that then names no one gives no holdings."""
    members = set(parties)
    named = rule.named if rule.scope is HolderScope.GROUP else tuple(p for p in rule.named if p in members)
    fitted = HolderRule(rule.scope, named, tuple(p for p in rule.exceptions if p in members),
                        rule.exceptions_hold_themselves)
    try:
        return holdings(fitted, parties, lead)
    except InvalidHolders:
        return ()
