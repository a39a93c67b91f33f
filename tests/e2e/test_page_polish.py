"""In a browser: the pages offer only what a person may do, keep to one line and one width, and show a pool's key
fields only for the key chosen."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in

VIEWER = "lukija@kangasala.example"


def test_a_viewer_is_offered_no_create_buttons(anonymous_page: Page) -> None:
    log_in(anonymous_page, VIEWER)
    anonymous_page.goto("/organisations")
    expect(anonymous_page.get_by_role("heading", level=1)).to_be_visible()
    expect(anonymous_page.locator("a[href='/organisations/new']")).to_have_count(0)
    anonymous_page.goto("/agreements")
    expect(anonymous_page.locator("a[href='/agreements/import']")).to_have_count(0)
    anonymous_page.goto("/costs")
    expect(anonymous_page.locator("a[href='/costs/plans/new']")).to_have_count(0)


def test_the_header_keeps_to_one_line_and_a_phone_never_scrolls_sideways(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/agreements")
    assert page.locator(".site-header").bounding_box()["height"] < 70  # type: ignore[index]
    page.set_viewport_size({"width": 390, "height": 800})
    for path in ("/", "/agreements", "/organisations", "/decisions", "/costs", "/users"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways ({width} px)"


def test_the_pool_form_shows_only_the_chosen_key_s_fields(page: Page) -> None:
    page.goto("/costs")
    page.locator("a[href^='/costs/plans/']", has_text="luonnos").first.click()
    page.locator("a[href$='/pools/new']").click()
    statistic = page.locator("[data-key-fields=statistic]")
    fixed = page.locator("[data-key-fields=fixed]")
    expect(statistic).to_be_hidden()
    expect(fixed).to_be_hidden()
    page.locator("label[for=key-fixed]").click()
    expect(fixed).to_be_visible()
    expect(statistic).to_be_hidden()
    percentage = fixed.locator("input").first
    assert percentage.evaluate("e => getComputedStyle(e).borderTopWidth") == "2px", "styled as the HDS fields"
    page.locator("label[for=key-statistic]").click()
    expect(statistic).to_be_visible()
    expect(fixed).to_be_hidden()


def test_a_refused_htmx_action_says_why_in_place(page: Page) -> None:
    page.goto("/costs")
    page.locator("a[href^='/costs/plans/']", has_text="luonnos").first.click()
    page.locator("a[href$='/pools/new']").click()
    page.locator("#field-name").fill("Poistuva erä")
    page.locator("#field-amount").fill("1 000")
    page.locator("#pool-form button[type=submit]").click()
    expect(page.locator("#flash")).to_contain_text("Poistuva erä")
    stale = page.context.new_page()
    stale.goto(page.url)
    row = "tr:has-text('Poistuva erä') form"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(row).locator("button").click()
    expect(page.locator("#flash")).to_be_visible()
    expect(page.locator("tr", has_text="Poistuva erä")).to_have_count(0)
    stale.once("dialog", lambda dialog: dialog.accept())
    stale.locator(row).locator("button").click()
    refusal = stale.locator(".refusal[role=alert]")
    expect(refusal).to_be_visible()
    expect(refusal).not_to_contain_text("Not Found")
    expect(refusal).to_be_focused()
    stale.close()
