"""Tables that sort by their headers: each sortable header is a plain link to the same page with `sort` and `order`
(keeping the page's filters, dropping its cursor) that htmx follows into the results block.

The API sorts; a page only passes the reader's choice on. It checks the choice against nothing but the names the
API publishes for the list (the `sort` enum of its OpenAPI document), so that a link from an older page or a typo
shows the list in its own order rather than an error.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from web.client import ApiClient, ApiError


@dataclass(frozen=True)
class Published:
    """What the API says of a list's sorting: the names it sorts by, and its own sort and order."""

    names: tuple[str, ...]
    default: str
    orders: tuple[str, ...]
    default_order: str


NOTHING_PUBLISHED = Published(names=(), default="", orders=(), default_order="")


def read_published(document: dict[str, Any], api_path: str) -> Published:
    """The sort names and defaults of the list at `api_path` (e.g. "/organisations"), from the OpenAPI document."""
    schemas = document["components"]["schemas"]
    parameters = {p["name"]: p for p in document["paths"][f"/api/v1{api_path}"]["get"]["parameters"]}

    def schema_of(name: str) -> dict[str, Any]:
        schema = parameters[name]["schema"]
        return {**schemas[schema["$ref"].rsplit("/", 1)[-1]], **schema} if "$ref" in schema else schema

    sort, order = schema_of("sort"), schema_of("order")
    return Published(tuple(sort["enum"]), sort["default"], tuple(order["enum"]), order["default"])


async def published(api: ApiClient, request: Request, api_path: str) -> Published:
    """The list's sorting as the API publishes it, read once per pages app (an API that publishes none: no sorts,
    and the list comes in its own order)."""
    state = request.app.state
    sorts = getattr(state, "published_sorts", None)
    if sorts is None:
        try:
            state.openapi_document = await api.document()
        except ApiError:
            return NOTHING_PUBLISHED
        sorts = state.published_sorts = {}
    if api_path not in sorts:
        try:
            sorts[api_path] = read_published(state.openapi_document, api_path)
        except (KeyError, IndexError, TypeError):
            sorts[api_path] = NOTHING_PUBLISHED
    return sorts[api_path]


@dataclass(frozen=True)
class Sorting:
    """The sort a table is shown in, and the links of its headers and of its next page."""

    path: str
    filters: dict[str, str]
    sort: str
    order: str
    asked: bool

    @property
    def params(self) -> dict[str, str]:
        """The sort as the API takes it (none where the API offers none)."""
        return {"sort": self.sort, "order": self.order} if self.sort else {}

    @property
    def kept(self) -> dict[str, str]:
        """What the page's other links and forms carry along: the sort, if the reader chose one."""
        return self.params if self.asked else {}

    @property
    def kept_query(self) -> str:
        """The sort chosen as a query string to append to a form's address ("" if none was chosen)."""
        return f"?{urlencode(self.kept)}" if self.kept else ""

    def is_active(self, key: str) -> bool:
        return key == self.sort

    def aria_sort(self, key: str) -> str | None:
        if not self.is_active(key):
            return None
        return "ascending" if self.order == "asc" else "descending"

    def next_order(self, key: str) -> str:
        """A click on the column in effect turns its order; on another it sorts ascending."""
        if self.is_active(key):
            return "desc" if self.order == "asc" else "asc"
        return "asc"

    def link(self, key: str) -> str:
        return self.url({**self.filters, "sort": key, "order": self.next_order(key)})

    def next_page(self, cursor: str) -> str:
        return self.url({**self.filters, **self.kept, "cursor": cursor})

    def url(self, query: dict[str, str]) -> str:
        query = {key: value for key, value in query.items() if value}
        return f"{self.path}?{urlencode(query)}" if query else self.path


async def sorting_of(api: ApiClient, request: Request, api_path: str, filters: dict[str, str] | None = None, *,
                     default: tuple[str, str] | None = None, page_path: str | None = None) -> Sorting:
    """The sort the reader asked for in the page's query (`sort`, `order`) if the API offers it for `api_path`, else
    `default` (the page's own, among the API's names) or the API's; `filters` are the page's, kept by its links to
    `page_path` (the page's own address unless an action's answer shows the page)."""
    offered = await published(api, request, api_path)
    sort = request.query_params.get("sort", "")
    order = request.query_params.get("order", "")
    asked = sort in offered.names
    if not asked:
        sort, order = default if default and default[0] in offered.names else (offered.default, offered.default_order)
    elif order not in offered.orders:
        order = offered.default_order
    return Sorting(path=page_path or request.url.path, filters={k: v for k, v in (filters or {}).items() if v}, sort=sort,
                   order=order, asked=asked)  # an API that offers no sort: sort "", and the list comes as it does
