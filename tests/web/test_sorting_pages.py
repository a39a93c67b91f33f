"""Tables sort by their headers: each sortable header is a plain link to the page in the column's next order that
keeps the filters and drops the cursor, htmx-enhanced into the results block; the column in effect says its order
(aria-sort, an arrow) and the link says what a click does; the next page and the filter forms keep the sort."""

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import lxml.html
import pytest

from tests.api.agreement_helpers import TAMPERE_AREA, area_id
from tests.web.test_pages import HX, is_full_page

# The page, the API list it shows, the sort keys its headers link and the one in effect when none is asked.
PAGES = [
    ("/organisations", "/organisations", ["name_fi", "kind", "municipality_code", "region", "population"], "name_fi"),
    ("/areas", "/areas", ["name", "kind", "lead", "member_count"], "name"),
    ("/agreements", "/agreements", ["title", "kind", "area", "status", "in_force_from", "party_count"], "title"),
    ("/users", "/users", ["name", "email", "organisation", "is_active"], "email"),
    ("/costs", "/cost-plans", ["name", "year", "status", "reference_date", "pool_count"], "year"),
    ("/costs/statistics?name=customers&reference_date=2020-12-31", "/statistics",
     ["organisation", "municipality_code", "value", "source"], "municipality_code"),
]


def headers_of(html: str) -> dict[str, Any]:
    """The sort links of the page by their key: the link and its header cell."""
    document = lxml.html.fromstring(html)
    found = {}
    for link in document.xpath("//a[contains(concat(' ', @class, ' '), ' sort-link ')]"):
        key = parse_qs(urlsplit(link.get("href")).query)["sort"][0]
        found.setdefault(key, link)
    return found


def query_of(link: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(link.get("href")).query)


async def published_sorts(client: httpx.AsyncClient, api_path: str) -> list[str]:
    document = (await client.get("/api/openapi.json")).json()
    parameter = next(p for p in document["paths"][f"/api/v1{api_path}"]["get"]["parameters"] if p["name"] == "sort")
    return document["components"]["schemas"][parameter["schema"]["$ref"].rsplit("/", 1)[-1]]["enum"]


@pytest.mark.parametrize(("page", "api_path", "keys", "default"), PAGES, ids=[p[0].split("?")[0] for p in PAGES])
async def test_every_sortable_header_is_a_link_htmx_follows_and_the_column_in_effect_says_its_order(
    client: httpx.AsyncClient, page: str, api_path: str, keys: list[str], default: str
) -> None:
    assert set(keys) <= set(await published_sorts(client, api_path)), "headers link only the sorts the API offers"
    links = headers_of((await client.get(page)).text)
    assert list(links) == keys
    for key, link in links.items():
        cell = link.getparent()
        assert cell.tag == "th" and cell.get("scope") == "col"
        assert link.get("hx-get") == link.get("href") and link.get("hx-push-url") == "true" and link.get("hx-target")
        assert "cursor" not in query_of(link)
        if key == default:
            assert cell.get("aria-sort") in ("ascending", "descending")
            assert link.xpath(".//span[@class='sort-arrow']")[0].text in ("▲", "▼")
        else:
            assert cell.get("aria-sort") is None, key
            assert query_of(link)["order"] == ["asc"]
            assert link.get("aria-label") == f"{link.text_content()[:-1]}, lajittele nousevasti", link.get("aria-label")
            assert link.text_content().endswith("↕")


async def test_a_click_on_a_header_sorts_and_a_second_turns_the_order(client: httpx.AsyncClient) -> None:
    first = headers_of((await client.get("/organisations?region=Pirkanmaa&sort=population&order=asc")).text)
    population = first["population"]
    assert population.getparent().get("aria-sort") == "ascending"
    assert population.xpath(".//span[@class='sort-arrow']")[0].text == "▲"
    assert query_of(population) == {"region": ["Pirkanmaa"], "sort": ["population"], "order": ["desc"]}
    assert population.get("aria-label") == "Asukasluku, lajittele laskevasti" and population.text_content() == "Asukasluku▲"
    assert query_of(first["name_fi"]) == {"region": ["Pirkanmaa"], "sort": ["name_fi"], "order": ["asc"]}
    second = headers_of((await client.get(population.get("href"))).text)["population"]
    assert second.getparent().get("aria-sort") == "descending"
    assert query_of(second)["order"] == ["asc"]


async def test_the_rows_come_in_the_order_asked_and_htmx_gets_only_the_results(client: httpx.AsyncClient) -> None:
    url = "/organisations?region=Pirkanmaa&kind=municipality&sort=population&order=desc"
    fragment = (await client.get(url, headers=HX)).text
    assert not is_full_page(fragment) and "<form" not in fragment, "the filter form stays as it is"
    rows = lxml.html.fromstring(f"<div>{fragment}</div>").xpath("//tbody/tr/td[1]/a")
    assert [row.text for row in rows[:3]] == ["Tampere", "Nokia", "Ylöjärvi"]
    full = (await client.get(url)).text
    assert is_full_page(full) and [a.text for a in lxml.html.fromstring(full).xpath("//tbody/tr/td[1]/a")][:3] \
        == ["Tampere", "Nokia", "Ylöjärvi"]


async def test_the_filter_form_and_the_next_page_keep_the_sort(client: httpx.AsyncClient) -> None:
    html = (await client.get("/organisations?kind=municipality&sort=population&order=desc")).text
    document = lxml.html.fromstring(html)
    kept = {i.get("name"): i.get("value") for i in document.xpath("//input[@type='hidden'][@form='filters']")}
    assert kept == {"sort": "population", "order": "desc"}
    assert document.xpath("//form[@id='filters']")
    following = document.xpath("//div[@id='results']//p/a[contains(@class, 'hds-button')]")[0]
    assert {k: v for k, v in query_of(following).items() if k != "cursor"} == \
        {"kind": ["municipality"], "sort": ["population"], "order": ["desc"]} and query_of(following)["cursor"]
    second = lxml.html.fromstring((await client.get(following.get("href"))).text)
    populations = [int(td.text_content().replace("\u00a0", "")) for td in second.xpath("//tbody//td[contains(@class, 'number')]")]
    assert populations == sorted(populations, reverse=True) and populations[0] < 30_000
    unsorted = lxml.html.fromstring((await client.get("/organisations?kind=municipality")).text)
    assert not unsorted.xpath("//input[@type='hidden'][@name='sort']"), "no sort asked: the form sends none"


async def test_a_sort_the_api_does_not_offer_shows_the_list_in_its_own_order(client: httpx.AsyncClient) -> None:
    response = await client.get("/organisations?sort=password_hash&order=sideways")
    assert response.status_code == 200
    assert headers_of(response.text)["name_fi"].getparent().get("aria-sort") == "ascending"
    odd_order = await client.get("/organisations?sort=population&order=sideways")
    assert headers_of(odd_order.text)["population"].getparent().get("aria-sort") == "ascending"


async def test_the_links_say_what_a_click_does_in_swedish_and_english(client: httpx.AsyncClient) -> None:
    for language, name in (("sv", "Invånarantal, sortera fallande"), ("en", "Population, sort descending")):
        client.cookies.set("sopimo_lang", language)
        links = headers_of((await client.get("/organisations?sort=population&order=asc")).text)
        assert links["population"].get("aria-label") == name
    client.cookies.delete("sopimo_lang")


async def test_decisions_sort_by_links_above_the_cards(client: httpx.AsyncClient) -> None:
    html = (await client.get("/decisions?sort=organisation&order=asc")).text
    document = lxml.html.fromstring(html)
    nav = document.xpath("//nav[contains(@class, 'sort-links')]")[0]
    assert nav.get("aria-label") == "Lajittele"
    links = {query_of(a)["sort"][0]: a for a in nav.xpath(".//a")}
    assert list(links) == ["meeting_date", "organisation", "body", "case_number", "outcome"]
    assert set(links) <= set(await published_sorts(client, "/decisions"))
    assert links["organisation"].get("aria-current") == "true" and query_of(links["organisation"])["order"] == ["desc"]
    assert links["meeting_date"].get("aria-current") is None
    names = [strong.text.split(":")[0] for strong in document.xpath("//ol[contains(@class, 'decisions')]/li/strong")]
    assert names == sorted(names)


async def test_an_areas_api_keys_sort_by_their_headers_and_the_actions_keep_the_sort(
    client: httpx.AsyncClient, credentials  # type: ignore[no-untyped-def]
) -> None:
    await credentials.api_key(TAMPERE_AREA, "read")
    page = f"/areas/{await area_id(client, TAMPERE_AREA)}/api-keys"
    assert {"name", "prefix", "created_at", "last_used_at", "revoked_at"} <= \
        set(await published_sorts(client, "/areas/{area_id}/api-keys"))
    html = (await client.get(f"{page}?sort=name&order=desc")).text
    links = headers_of(html)
    assert list(links) == ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    assert links["name"].getparent().get("aria-sort") == "descending"
    assert links["name"].get("hx-target") == "#keys" and links["name"].get("hx-swap") == "outerHTML"
    assert all(urlsplit(link.get("href")).path == page for link in links.values())
    forms = lxml.html.fromstring(html).xpath("//section[@id='keys']//form[@method='post']")
    assert forms and all(form.get("action").endswith("?sort=name&order=desc") for form in forms)
    fragment = (await client.get(f"{page}?sort=name&order=desc", headers=HX)).text
    assert not is_full_page(fragment) and fragment.lstrip().startswith('<section id="keys"')
