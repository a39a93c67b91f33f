"""axe-core over the main pages, in Finnish and in Swedish: no WCAG 2.1 A or AA violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = ["/", "/organisations", "/areas", "/agreements", "/decisions", "/costs", "/costs/statistics", "/users",
         "/agreements/import", "/obligations", "/obligations?status=overdue", "/obligations/calendar"]


def violations_on(page: Page, axe: Axe) -> list[str]:
    results = axe.run(page, options=WCAG_21_AA)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_main_pages_have_no_wcag_violations(page: Page, language: str) -> None:
    axe = Axe()
    page.goto(f"/language/{language}?next=/")
    found = {}
    for path in PAGES:
        page.goto(path)
        found[path] = violations_on(page, axe)
    page.goto("/agreements")
    page.locator("#results a[href^='/agreements/']").first.click()
    found["agreement"] = violations_on(page, axe)
    page.goto("/costs")
    page.locator("a[href^='/costs/plans/']").first.click()
    found["cost plan"] = violations_on(page, axe)
    page.goto("/obligations")
    page.locator("#results a[href^='/obligations/instances/']").first.click()
    found["duty"] = violations_on(page, axe)
    page.locator(".breadcrumb a[href$='/obligations']").last.click()
    found["obligations of an agreement"] = violations_on(page, axe)
    page.goto(page.url + "/suggestions")
    found["proposed obligations"] = violations_on(page, axe)
    assert {path: problems for path, problems in found.items() if problems} == {}
