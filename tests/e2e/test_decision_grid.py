"""In a browser: seed 001 imported and sent, its fifteen parties' approvals recorded in one form, and a party's
notice confirmed with its consequence and answered in place."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

SEED_001 = Path(__file__).resolve().parents[2] / "data" / "seeds" / "001_tampere_region_agreement.txt"


def test_the_decision_grid_brings_seed_001_into_force_in_one_submit(page: Page) -> None:
    page.goto("/agreements/import")
    page.locator("#import-area").select_option(label="Tampereen seudun työllisyysalue")
    page.locator("#import-text").fill(SEED_001.read_text(encoding="utf-8"))
    page.locator("#import-form button[type=submit]").click()
    page.locator("#field-title").fill("Tampereen seudun työllisyysalueen sopimus (uusi kierros)")
    page.locator("#field-notice_months").fill("6")
    page.locator("#import-save button[type=submit]").click()
    expect(page.locator("h1 .status--draft")).to_be_visible()
    page.locator(".actions-panel a.hds-button").first.click()
    page.locator("#send-on").fill("2025-01-10")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator(".send-form button[type=submit]").click()
    expect(page.locator("h1 .status--circulating")).to_be_visible()
    assert asked and "15 osapuolelle päätettäväksi" in asked[0], "sending asks first, saying what it does"

    page.get_by_role("link", name=re.compile("Kirjaa osapuolten päätökset taulukkona")).click()
    grid = page.locator("#decision-grid")
    rows = grid.locator("tbody tr")
    expect(rows).to_have_count(15)
    first_body = rows.nth(0).locator("[data-column=body]")
    expect(first_body).to_be_focused()
    first_body.select_option("municipal_board")
    rows.nth(0).locator("[data-column=meeting_date]").fill("2025-01-20")
    expect(rows.nth(14).locator("[data-column=meeting_date]")).to_have_value("2025-01-20")
    rows.nth(3).locator("[data-column=meeting_date]").fill("2025-01-27")
    rows.nth(0).locator("[data-column=meeting_date]").fill("2025-01-21")
    expect(rows.nth(3).locator("[data-column=meeting_date]")).to_have_value("2025-01-27")  # a date typed in a row stays
    expect(rows.nth(4).locator("[data-column=meeting_date]")).to_have_value("2025-01-21")
    for index in range(15):
        rows.nth(index).locator("[data-column=section]").fill(str(100 + index))
    grid.locator("button[type=submit]").click()

    expect(page.locator("h1 .status--in_force")).to_be_visible()
    notice = page.locator("#flash")
    expect(notice).to_contain_text("15 päätöstä kirjattiin.")
    expect(notice).to_contain_text("15/15 osapuolta on hyväksynyt")
    expect(notice).to_be_focused()
    expect(page.locator("#matrix tbody tr", has=page.locator("th", has_text="Nokia"))).to_contain_text("§ 105")

    # Giving notice asks first, saying what it does, and answers without a reload of the page.
    page.evaluate("window.sameDocument = true")
    page.locator("#notice-party").select_option(label="Nokia")
    page.locator("#notice-given-on").fill("2025-08-31")
    page.locator("#notices form.inline-form button[type=submit]").click()
    confirm = page.locator("#notice-confirm")
    expect(confirm).to_contain_text("Nokia on osapuoli 28.2.2026 asti ja lakkaa sen jälkeen olemasta osapuoli.")
    expect(page.locator("#notices table")).to_have_count(0)
    confirm.locator("button[type=submit]").click()
    expect(page.locator("#flash")).to_contain_text("Irtisanominen kirjattiin: Nokia on osapuoli 28.2.2026 asti.")
    expect(page.locator("#flash")).to_be_focused()
    expect(page.locator("#notices table")).to_contain_text("28.2.2026")
    assert page.evaluate("window.sameDocument") is True, "the page answered in place, without a reload"
    expect(page.locator("#notice-party option", has_text="Nokia")).to_have_count(0)
