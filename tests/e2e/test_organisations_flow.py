import re

from playwright.sync_api import Page, expect


def test_search_for_an_organisation_and_open_it(page: Page) -> None:
    page.goto("/organisations")
    page.get_by_role("searchbox").fill("tammer")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Tampere", exact=True)).to_be_visible()
    expect(results.get_by_role("link", name="Nokia")).to_have_count(0)
    assert "q=tammer" in page.url, "the search is in the address, so it can be bookmarked"
    results.get_by_role("link", name="Tampere", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tampere")
    expect(page.locator(".facts")).to_contain_text("0211675-2")


def test_a_search_typed_without_accents_finds_the_name_with_them(page: Page) -> None:
    page.goto("/organisations")
    page.get_by_role("searchbox").fill("Jyvaskyla")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Jyväskylä", exact=True)).to_be_visible()
    page.get_by_role("searchbox").fill("kyrkslatt")
    expect(results.get_by_role("link", name="Kirkkonummi", exact=True)).to_be_visible()


def test_edit_an_organisation_and_see_the_error_for_a_wrong_business_id(page: Page) -> None:
    page.goto("/organisations?q=nokia")
    page.get_by_role("link", name="Nokia", exact=True).click()
    page.locator("a[href$='/edit']").click()
    business_id = page.locator("#field-business_id")
    business_id.fill("0211675-3")
    page.locator("#field-street_address").fill("Harjuniitynkatu 7")
    page.locator("#organisation-form button[type=submit]").click()
    error = page.locator("#error-business_id")
    expect(error).to_be_visible()
    expect(business_id).to_have_attribute("aria-invalid", "true")
    expect(business_id).to_have_value("0211675-3")
    expect(page.locator("#field-street_address")).to_have_value("Harjuniitynkatu 7")
    business_id.fill("")
    page.locator("#organisation-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/organisations/[0-9a-f-]{36}$"))
    expect(page.locator(".facts")).to_contain_text("Harjuniitynkatu 7")


def test_add_and_remove_an_area_member_inline(page: Page) -> None:
    page.goto("/areas?q=Kirkkonummen")
    page.locator("#results tbody a").first.click()
    members = page.locator("#members")
    page.locator("#member-organisation").select_option(label="Espoo (049)")
    page.locator("#member-from").fill("2026-01-01")
    members.locator("form.inline-form button[type=submit]").click()
    expect(members.get_by_role("link", name="Espoo")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    members.locator("tr", has_text="Espoo").get_by_role("button").click()
    expect(members.get_by_role("link", name="Espoo")).to_have_count(0)
