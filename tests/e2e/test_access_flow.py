from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in


def test_nokia_coordinator_edits_nokia_reads_tampere_and_logs_out(anonymous_page: Page) -> None:
    page = anonymous_page
    page.goto("/organisations")
    assert "/login" in page.url, "a visitor is sent to the login page"
    log_in(page, "koordinaattori@nokia.example")
    expect(page.locator(".session__who")).to_contain_text("Nokian koordinaattori")

    page.goto("/organisations?q=nokia")
    page.locator("#results").get_by_role("link", name="Nokia", exact=True).click()
    edit = page.locator("a[href$='/edit']")
    expect(edit).to_be_visible()
    edit.click()
    page.locator("#field-street_address").fill("Harjuniitynkatu 7")
    page.locator("#organisation-form button[type=submit]").click()
    expect(page.locator(".facts")).to_contain_text("Harjuniitynkatu 7")
    expect(page.locator(".history")).to_contain_text("koordinaattori@nokia.example")

    page.goto("/organisations?q=tampere")
    page.locator("#results").get_by_role("link", name="Tampere", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tampere")
    expect(page.locator("a[href$='/edit']")).to_have_count(0)
    expect(page.locator(".read-only-note")).to_be_visible()

    page.locator(".session__logout button").click()
    page.wait_for_url(lambda url: "/login" in url)
    page.goto("/organisations")
    assert "/login" in page.url, "after logging out the pages need a login again"
