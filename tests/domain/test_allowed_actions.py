"""What a person may do now (allowed_actions), from the state of things and their rights: one rule per resource."""

import uuid

from domain.access import (
    Actor,
    ActorKind,
    AgreementFacts,
    Role,
    Scope,
    VersionFacts,
    actor_actions,
    agreement_actions,
    cost_plan_actions,
    decision_cell_actions,
    notice_actions,
    overview_scope,
    party_actions,
    version_actions,
)

AREA, OTHER_AREA = uuid.uuid4(), uuid.uuid4()
NOKIA, TAMPERE = uuid.uuid4(), uuid.uuid4()
ADMIN = Actor(ActorKind.USER, uuid.uuid4(), "admin", is_admin=True)


def person(*roles: Role, organisation: uuid.UUID = NOKIA, area: uuid.UUID = AREA) -> Actor:
    return Actor(ActorKind.USER, uuid.uuid4(), "x", organisation_id=organisation, roles={area: frozenset(roles)})


def agreement(**changes: object) -> AgreementFacts:
    facts = {"area_id": AREA, "published": True, "has_draft": False, "has_version_in_force": True,
             "deciding_parties": frozenset({NOKIA, TAMPERE})}
    return AgreementFacts(**{**facts, **changes})  # type: ignore[arg-type]


def test_the_area_admin_manages_the_agreement_and_a_coordinator_acts_for_their_own_party() -> None:
    assert agreement_actions(person(Role.AREA_ADMIN), agreement()) == ["update", "amend", "record_decision", "give_notice"]
    assert agreement_actions(person(Role.COORDINATOR), agreement()) == ["record_decision", "give_notice"]
    assert agreement_actions(person(Role.COORDINATOR), agreement(deciding_parties=frozenset({TAMPERE}))) == []
    assert agreement_actions(person(Role.VIEWER), agreement()) == []
    assert agreement_actions(None, agreement()) == []
    assert agreement_actions(person(Role.AREA_ADMIN, area=OTHER_AREA), agreement()) == []


def test_one_draft_at_a_time_and_a_published_agreement_is_never_deleted() -> None:
    admin = person(Role.AREA_ADMIN)
    assert "amend" not in agreement_actions(admin, agreement(has_draft=True))
    assert "send" in agreement_actions(admin, agreement(has_draft=True))
    assert "delete" not in agreement_actions(admin, agreement())
    assert "delete" in agreement_actions(admin, agreement(published=False))
    assert "amend" not in agreement_actions(admin, agreement(has_version_in_force=False))


def test_a_draft_is_edited_and_a_sent_version_takes_decisions_and_signatures() -> None:
    draft = VersionFacts(area_id=AREA, is_draft=True, on_signature=False, only_version=False, parties=frozenset({NOKIA}))
    assert version_actions(person(Role.AREA_ADMIN), draft) == ["edit", "send", "delete"]
    assert version_actions(person(Role.AREA_ADMIN), VersionFacts(**{**draft.__dict__, "only_version": True})) == [
        "edit", "send"]
    assert version_actions(person(Role.COORDINATOR), draft) == []
    sent = VersionFacts(area_id=AREA, is_draft=False, on_signature=True, only_version=False, parties=frozenset({NOKIA}))
    assert version_actions(person(Role.COORDINATOR), sent) == ["record_decision", "sign"]
    assert version_actions(person(Role.COORDINATOR, organisation=TAMPERE), sent) == []


def test_a_matrix_cell_a_party_and_a_notice() -> None:
    nokia = person(Role.COORDINATOR)
    assert decision_cell_actions(nokia, AREA, NOKIA, is_party=True, version_sent=True) == ["record_decision"]
    assert decision_cell_actions(nokia, AREA, NOKIA, is_party=True, version_sent=False) == []
    assert decision_cell_actions(nokia, AREA, NOKIA, is_party=False, version_sent=True) == []
    assert decision_cell_actions(nokia, AREA, TAMPERE, is_party=True, version_sent=True) == []
    assert party_actions(nokia, AREA, NOKIA, version_sent=True, version_in_force=True, gave_notice=False) == [
        "record_decision", "give_notice"]
    assert party_actions(nokia, AREA, NOKIA, version_sent=True, version_in_force=True, gave_notice=True) == [
        "record_decision"]
    assert notice_actions(nokia, AREA, NOKIA) == ["withdraw"] and notice_actions(nokia, AREA, TAMPERE) == []


def test_costs_are_handled_by_finance_people_and_an_approved_plan_is_revised() -> None:
    finance = person(Role.FINANCE)
    assert cost_plan_actions(finance, AREA, approved=False) == ["update", "delete", "copy", "record_actual_costs", "what_if"]
    assert cost_plan_actions(finance, AREA, approved=True)[0] == "revise"
    assert cost_plan_actions(person(Role.VIEWER), AREA, approved=False) == ["what_if"]
    assert cost_plan_actions(person(Role.COORDINATOR), AREA, approved=False) == ["what_if"]
    key = Actor(ActorKind.API_KEY, uuid.uuid4(), "key", key_area_id=AREA, scopes=frozenset({Scope.READ, Scope.FINANCE}))
    assert "update" in cost_plan_actions(key, AREA, approved=False)


def test_what_a_person_may_start_and_what_their_front_page_looks_at() -> None:
    assert "create_cost_plan" in actor_actions(person(Role.FINANCE))
    assert actor_actions(person(Role.VIEWER)) == []
    assert "create_agreement" in actor_actions(person(Role.AREA_ADMIN))
    assert set(actor_actions(ADMIN)) >= {"create_area", "manage_people", "create_organisation", "create_cost_plan"}
    coordinator = overview_scope(person(Role.COORDINATOR))
    assert coordinator.organisation_id == NOKIA and not coordinator.whole_area
    area_admin = overview_scope(person(Role.AREA_ADMIN))
    assert area_admin.whole_area and area_admin.area_ids == frozenset({AREA})
    assert overview_scope(ADMIN).area_ids is None
