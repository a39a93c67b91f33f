"""In a browser: import an agreement → send it to the parties → record each party's decision → it is in force."""

import re

from playwright.sync_api import Page, expect

TEXT = """Kirkkonummen seudun työllisyyssopimus

1. Sopijaosapuolet

Kirkkonummen kunta, Siuntion kunta ja Vihdin kunta.

2. Sopimuksen tarkoitus

Kunnat järjestävät työllisyyspalvelut yhdessä:

• neuvonta
• ohjaus

3. Voimassaolo

Sopimus on voimassa toistaiseksi. Sopimus on irtisanottavissa 6 kuukauden irtisanomisajalla.
"""


def test_import_send_decide_and_the_agreement_is_in_force(page: Page) -> None:
    page.goto("/agreements/import")
    page.locator("#import-area").select_option(label="Kirkkonummen työllisyysalue")
    page.locator("#import-text").fill(TEXT)
    page.locator("#import-form button[type=submit]").click()

    preview = page.locator("#preview")
    expect(preview.locator(".agreement-section")).to_have_count(3)
    expect(preview).to_contain_text("Sopimuksen tarkoitus")
    expect(page.locator("#field-title")).to_have_value("Kirkkonummen seudun työllisyyssopimus")
    page.locator("#field-notice_months").fill("6")
    page.locator("#import-save button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/agreements/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kirkkonummen seudun työllisyyssopimus")
    expect(page.locator("h1 .status--draft")).to_be_visible()
    expect(page.locator("#section-2")).to_contain_text("neuvonta")

    page.locator(".actions-panel a.hds-button").first.click()
    expect(page.locator("#draft-form")).to_be_visible()
    page.locator("#send-on").fill("2025-01-10")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator(".send-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/agreements/[0-9a-f-]{36}(#matrix)?$"))
    expect(page.locator("#flash")).to_contain_text("lähetettiin osapuolille")
    expect(page.locator("h1 .status--circulating")).to_be_visible()
    assert asked and "3 osapuolelle päätettäväksi" in asked[0], "sending asks first, saying what it does"

    matrix = page.locator("#matrix")
    parties = ["Kirkkonummi", "Siuntio", "Vihti"]
    for number, party in enumerate(parties, start=1):
        row = matrix.locator("tbody tr", has=page.locator("th", has_text=party))
        row.locator("a.record-decision").click()
        form = page.locator("#decision-form")
        expect(form).to_be_visible()
        expect(form.locator("h3")).to_contain_text(party)
        form.locator("#field-meeting_date").fill(f"2025-02-0{number}")
        form.locator("#field-section").fill(str(10 + number))
        form.locator("#field-outcome").select_option("approved")
        form.locator("button[type=submit]").click()
        expect(page.locator("#decision-form")).to_have_count(0)
        expect(matrix.locator("tbody tr", has=page.locator("th", has_text=party)).locator(".standing--approved")).to_be_visible()
        if number < len(parties):
            expect(matrix.locator(".version-states .status--circulating")).to_be_visible()

    expect(matrix.locator(".version-states .status--in_force")).to_be_visible()
    expect(matrix.locator(".version-states")).to_contain_text("3.2.2025")
    page.reload()
    expect(page.locator("h1 .status--in_force")).to_be_visible()
    expect(page.locator("#text-heading")).to_be_visible()


def test_the_public_reads_an_agreement_and_its_tracked_changes(anonymous_page: Page) -> None:
    page = anonymous_page
    page.goto("/agreements?q=Pirkanmaan")
    page.locator("#results tbody a").first.click()
    expect(page.locator("h1 .status--in_force")).to_be_visible()
    expect(page.locator("a.record-decision")).to_have_count(0)
    page.locator("a[href$='/redline']").first.click()
    expect(page.locator("#redline ins").first).to_be_visible()
    expect(page.locator("#redline")).to_contain_text("OMA-valmentajan")
