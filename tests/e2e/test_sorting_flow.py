"""Sorting a table by its headers in a browser: htmx reorders the rows in place and puts the sort in the address,
a second click turns the order, the back button brings the previous order; without JavaScript the same header is a
plain link that loads the page sorted."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in

PIRKANMAA = "/organisations?region=Pirkanmaa&kind=municipality"


def first_names(page: Page, count: int = 3) -> list[str]:
    return page.locator("#results tbody tr td:first-child a").all_inner_texts()[:count]


def test_a_header_sorts_the_rows_in_place_and_a_second_click_turns_the_order(page: Page) -> None:
    page.goto(PIRKANMAA)
    population = page.locator("#results th", has=page.locator("#sort-population"))
    expect(population).not_to_have_attribute("aria-sort", re.compile("."))
    assert first_names(page)[0] == "Akaa", "in name order to begin with"
    page.evaluate("window.notReloaded = true")

    page.get_by_role("link", name="Asukasluku, lajittele nousevasti").click()
    expect(page).to_have_url(re.compile(r"sort=population&order=asc"))
    expect(population).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("#sort-population")).to_be_focused()
    assert first_names(page)[0] == "Juupajoki", "the smallest municipality of Pirkanmaa first"
    assert page.evaluate("window.notReloaded") is True, "htmx swapped the rows; the page was not loaded again"

    page.get_by_role("link", name="Asukasluku, lajittele laskevasti").click()
    expect(page).to_have_url(re.compile(r"sort=population&order=desc"))
    expect(population).to_have_attribute("aria-sort", "descending")
    expect(page.locator("#results tbody tr").first).to_contain_text("Tampere")
    assert first_names(page) == ["Tampere", "Nokia", "Ylöjärvi"]
    assert "region=Pirkanmaa" in page.url and "kind=municipality" in page.url, "the filters stay"
    assert page.evaluate("window.notReloaded") is True

    page.locator("#search").fill("ka")
    expect(page.locator("#results tbody tr").first).to_contain_text("Kangasala")
    assert "sort=population" in page.url and "order=desc" in page.url, "a search keeps the sort"

    page.go_back()
    expect(page).to_have_url(re.compile(r"order=desc$"))
    expect(population).to_have_attribute("aria-sort", "descending")


def test_the_focus_stays_on_the_header_of_a_table_with_forms_in_its_rows(page: Page) -> None:
    page.goto("/users")
    page.get_by_role("link", name="Nimi, lajittele nousevasti").click()
    expect(page).to_have_url(re.compile(r"sort=name&order=asc"))
    expect(page.locator("#results th", has=page.locator("#sort-name"))).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("#sort-name")).to_be_focused()
    names = page.locator("#results tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names)


def test_without_javascript_the_header_is_a_plain_link_to_the_sorted_page(live_server: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server, locale="fi-FI", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        log_in(page, "paakayttaja@sopimo.example")
        page.goto(PIRKANMAA)
        page.get_by_role("link", name="Asukasluku, lajittele nousevasti").click()
        expect(page).to_have_url(re.compile(r"sort=population&order=asc"))
        population = page.locator("#results th", has=page.locator("#sort-population"))
        expect(population).to_have_attribute("aria-sort", "ascending")
        assert first_names(page)[0] == "Juupajoki"
        page.get_by_role("link", name="Asukasluku, lajittele laskevasti").click()
        expect(page).to_have_url(re.compile(r"sort=population&order=desc"))
        assert first_names(page)[0] == "Tampere"
        page.locator("#search").fill("ka")
        page.get_by_role("button", name="Hae").click()
        expect(page).to_have_url(re.compile(r"q=ka"))
        assert "sort=population" in page.url, "the form sends the sort it shows"
        assert first_names(page)[0] == "Kangasala"
    finally:
        context.close()
