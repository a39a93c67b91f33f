"""In a real browser the pages and Swagger UI work under the Content-Security-Policy without one violation."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import watch_violations

PAGES = ["/", "/organisations", "/areas", "/agreements", "/costs", "/users"]


def test_the_pages_work_and_break_no_rule_of_the_policy(page: Page) -> None:
    violations = watch_violations(page)
    for path in PAGES:
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
    page.goto("/areas")
    page.locator("main a[href^='/areas/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert violations == []


def test_a_confirmed_form_asks_first(page: Page) -> None:
    violations = watch_violations(page)
    page.goto("/organisations/new")
    page.locator("#field-name_fi").fill("Poistettava ry")
    page.locator("#field-kind").select_option("association")
    page.locator("#organisation-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Poistettava ry")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("form[data-confirm] button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Poistettava ry")
    assert asked, "the browser asked before deleting"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[data-confirm] button[type=submit]").click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/organisations"))
    assert violations == []


def test_swagger_ui_at_api_docs_starts_under_the_policy(anonymous_page: Page) -> None:
    page = anonymous_page
    violations = watch_violations(page)
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .information-container")).to_contain_text("Sopimo API")
    expect(page.locator(".opblock").first).to_be_visible()
    page.locator(".opblock").first.click()
    assert violations == []
