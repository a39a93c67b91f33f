"""The pages decide nothing themselves: what may be done comes as allowed_actions, states as the API computed
them, and "today" from the API's one clock. A rule copied into web/ drifts from the API's (it did: the statuses
that take decisions, who handles costs, the front page's "today"), so none may be written there."""

import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "web"
# People and their roles are edited on the people pages: there a role is data typed in, not a rule applied.
ROLE_EDITING = ("users.py", "users/")
RULES = {
    "a status compared": re.compile(r"""(state\.status|\["status"\]|plan\.status)\s*(==|!=|\bin\b|not in)"""
                                    r"""|(select|reject)attr\(\s*["']state\.status"""),
    "a role checked": re.compile(r"""["'](area_admin|finance|coordinator|viewer)["']\s*(in|==)|\bis_admin\b|\["roles"\]"""),
    "a clock read": re.compile(r"date\.today\(|datetime\.now\(|time\.time\("),
    "the API's English shown": re.compile(r"\berror\.detail\b"),
}


def sources() -> list[Path]:
    return [path for path in [*WEB.rglob("*.py"), *WEB.rglob("*.html")]
            if "static" not in path.parts and not any(part in str(path.relative_to(WEB)) for part in ROLE_EDITING)]


def test_no_status_role_or_clock_rule_in_the_pages() -> None:
    found = []
    for path in sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for what, pattern in RULES.items():
                if pattern.search(line):
                    found.append(f"{path.relative_to(WEB)}:{number}: {what}: {line.strip()}")
    assert found == []


def test_the_guard_sees_a_rule() -> None:
    assert RULES["a status compared"].search('{% if v.state.status in ("circulating", "adopted") %}')
    assert RULES["a status compared"].search('versions | rejectattr("state.status", "equalto", "draft")')
    assert RULES["a status compared"].search('if version["state"]["status"] != "circulating":')
    assert not RULES["a status compared"].search("{{ status_badge(v.state.status) }}")
    assert RULES["a role checked"].search('any({"finance", "area_admin"} & set(a["roles"]) for a in me["areas"])')
    assert RULES["a clock read"].search("return datetime.now(HELSINKI).date()")
    assert RULES["the API's English shown"].search('context["message"] = i18n.gettext(error.detail)')
