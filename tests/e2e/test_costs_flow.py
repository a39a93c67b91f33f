"""A finance officer's way through cost sharing: import statistics → make a plan → table, chart, explanation → XLSX."""

import re

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in

FINANCE = "talous@tampere.example"
SERVICE_USERS = {  # made-up figures of the 15 municipalities of the Tampere region on 31.12.2020
    "837": 9000, "020": 600, "177": 80, "211": 1100, "418": 800, "536": 1200, "562": 300, "604": 650, "635": 200,
    "702": 150, "887": 170, "908": 700, "922": 140, "936": 230, "980": 1000,
}


def statistics_file() -> bytes:
    lines = ["code;statistic;reference_date;value"]
    lines += [f"{code};service_users;31.12.2020;{value}" for code, value in SERVICE_USERS.items()]
    return "\n".join(lines).encode()


def test_from_statistics_to_an_exported_plan(anonymous_page: Page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = anonymous_page
    log_in(page, FINANCE)

    # 1. Import the statistics: a preview first, then the same rows applied.
    page.goto("/costs/statistics/import")
    page.set_input_files("#file", files=[{"name": "palvelukayttajat.csv", "mimeType": "text/csv",
                                          "buffer": statistics_file()}])
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    rows = page.locator("section table tbody tr")
    expect(rows).to_have_count(15)
    expect(page.locator("section table")).to_contain_text("Tampere")
    page.locator("input[name=apply][value=true] ~ button[type=submit]").click()
    expect(page.locator("[role=status]")).to_be_visible()
    page.goto("/costs/statistics?name=service_users&reference_date=31.12.2020")
    expect(page.locator("#results")).to_contain_text("9 000")

    # 2. A plan on the Tampere region agreement.
    page.goto("/costs/plans/new")
    version = page.locator("#field-agreement_version_id option", has_text="Tampereen seudun").first.get_attribute("value")
    page.locator("#field-agreement_version_id").select_option(version)
    page.locator("#field-name").fill("Palveluiden käyttö 2027")
    page.locator("#field-year").fill("2027")
    page.locator("#field-reference_date").fill("31.12.2020")
    page.locator("#plan-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/costs/plans/[0-9a-f-]{36}$"))

    # 3. A pool split by the imported statistic.
    page.locator("a[href$='/pools/new']").click()
    page.locator("#field-name").fill("Yhteiset palvelut")
    page.locator("#field-amount").fill("100 000")
    page.locator("label[for=key-statistic]").click()
    expect(page.locator("#key-statistic")).to_be_checked()
    page.locator("#field-statistic").select_option("service_users")
    page.locator("#pool-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/costs/plans/[0-9a-f-]{36}(#pools)?$"))
    expect(page.locator("#flash")).to_contain_text("Yhteiset palvelut")
    pools_url = page.url

    # 4. The table, the chart and, one click away, the explanation of a share.
    summary = page.locator("section.cost-summary")
    expect(summary.locator("table")).to_contain_text("Tampere")
    expect(summary.locator("table")).to_contain_text("55\u00a0147,06\u00a0€")  # 100 000 × 9 000/16 320
    chart = summary.locator("svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart.locator("title").first).to_contain_text("Palveluiden käyttö 2027")
    expect(chart.locator("rect")).to_have_count(15)
    page.locator("#results a[href*='/explain?']", has_text="55\u00a0147,06").click()
    explanation = page.locator("#explanation")
    expect(explanation).to_contain_text("≈ 100\u00a0000,00\u00a0€ × 55,1471\u00a0% (service users 31.12.2020)")
    expect(explanation.locator("details.exact-figures dd").first).not_to_be_visible()
    explanation.locator("details.exact-figures summary").click()
    expect(explanation.locator("details.exact-figures dd").first).to_have_text("75/136")  # 9 000/16 320 reduced
    assert page.url == pools_url, "the explanation opened beside the table, not on a page of its own"

    # 5. The whole plan as XLSX, numbers as numbers.
    with page.expect_download() as download_info:
        page.locator("a[href$='/export?format=xlsx']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    book = load_workbook(target)
    totals = book.worksheets[0]
    tampere = next(row for row in totals.iter_rows(min_row=2) if row[0].value == "Tampere")
    assert float(tampere[3].value) == 55147.06
    assert tampere[3].number_format == '#,##0.00 "€"'
