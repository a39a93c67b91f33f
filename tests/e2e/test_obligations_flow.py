"""In a browser: the Nokia coordinator sees an overdue duty on the front page, attaches the minutes as evidence,
and sees it done in the agreement's matrix."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in

TITLE = "Maahanmuuttoasioiden yhteydenottojen vastuutaho"


def test_an_overdue_duty_is_done_with_evidence_and_shows_done_in_the_matrix(anonymous_page: Page) -> None:
    page = anonymous_page
    log_in(page, "koordinaattori@nokia.example")
    page.goto("/")
    duties = page.locator("section[aria-labelledby=duties-heading]")
    row = duties.locator("tr", has_text=TITLE)
    expect(row.locator(".duty--overdue")).to_have_text("Myöhässä")
    row.get_by_role("link", name=TITLE).click()

    expect(page.locator("h1")).to_have_text(TITLE)
    page.locator("#mark-note").fill("Kaupunginhallitus 2.12.2026 § 201 nimesi vastuutahoksi työllisyyspalvelut.")
    page.locator("#mark-file").set_input_files(files=[
        {"name": "kh-poytakirja.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 poytakirjan ote"}])
    page.get_by_role("button", name="Merkitse tehdyksi").click()

    expect(page.locator("#flash")).to_contain_text(f"Nokia: {TITLE} merkitty tehdyksi.")
    expect(page.locator("#duty-status .duty--done")).to_have_text("Tehty")
    expect(page.get_by_role("link", name="kh-poytakirja.pdf")).to_be_visible()
    expect(page.get_by_role("button", name="Avaa uudelleen")).to_be_visible()

    page.get_by_role("link", name="Sopimuksen velvoitteet").click()
    page.locator("#matrix-year").fill("2025")
    page.get_by_role("button", name="Näytä").click()
    matrix_row = page.locator("tr", has_text=TITLE)
    nokia_column = page.locator(".obligation-matrix thead th").all_inner_texts().index("Nokia")
    expect(matrix_row.locator("td").nth(nokia_column - 1)).to_contain_text("Tehty")
