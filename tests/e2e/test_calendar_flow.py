"""In a browser: the Nokia coordinator finds their calendar address, copies it, and resets it after being asked;
the old address then answers 404 and the new one gives the feed."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in


def test_a_coordinator_copies_their_calendar_address_and_resets_it(anonymous_page: Page) -> None:
    page = anonymous_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, "koordinaattori@nokia.example")
    page.goto("/obligations")
    page.get_by_role("link", name="Kalenteri").click()
    expect(page.locator("h1")).to_have_text("Kalenteri")

    own = page.get_by_label("Omien velvoitteidesi osoite")
    old = own.input_value()
    assert old.endswith("/me.ics")
    feed = page.request.get(old)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    assert "Maahanmuuttoasioiden yhteydenottojen vastuutaho – Nokia" in feed.text().replace("\r\n ", "")
    page.get_by_role("button", name="Kopioi Omien velvoitteidesi osoite").click()
    expect(page.locator(".calendar-address:has(#feed-me) .copy-status")).to_have_text("Kopioitu.")
    assert page.evaluate("navigator.clipboard.readText()") == old

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Vaihda osoitteet").click()
    expect(page.locator("#flash")).to_contain_text("Kalenterin osoitteesi vaihdettiin: vanhat eivät enää toimi.")
    assert asked and asked[0].startswith("Vaihdetaanko kalenterin osoitteesi?")
    new = own.input_value()
    assert new != old
    assert page.request.get(old).status == 404
    assert page.request.get(new).ok
