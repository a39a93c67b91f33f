"""One template per page with named blocks: the whole page, or one block for an htmx request."""

import json
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2_fragments.fastapi import Jinja2Blocks

from web import i18n
from web.error_texts import problem_text
from web.labels import kind_label, organisation_name
from web.notices import take_notice

TEMPLATES_DIR = Path(__file__).parent / "templates"

HTMX_CONFIG = {
    # 422 carries a form with its errors: swap it in like a success.
    "responseHandling": [
        {"code": "204", "swap": False},
        {"code": "[23]..", "swap": True},
        {"code": "422", "swap": True},
        {"code": "409", "swap": True},
        {"code": "412", "swap": True},
        {"code": "[45]..", "swap": False, "error": True},
    ],
    "historyCacheSize": 0,
    # The Content-Security-Policy allows no inline styles or eval: app.css styles the indicators.
    "includeIndicatorStyles": False,
    "allowEval": False,
    "allowScriptTags": False,
}

environment = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(), extensions=["jinja2.ext.i18n"]
)
templates = Jinja2Blocks(env=environment)
# The i18n extension adds this method to the environment at run time; Environment's annotations do not have it.
templates.env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
templates.env.filters.update(
    number=i18n.format_number, money=i18n.format_money, date=i18n.format_date, datetime=i18n.format_datetime,
    problem_text=problem_text, organisation_name=organisation_name,
)
templates.env.globals.update(
    languages=i18n.LANGUAGES,
    kind_label=kind_label,
    htmx_config=json.dumps(HTMX_CONFIG),
)


def is_htmx(request: Request) -> bool:
    """htmx asked for a part of the page; a request for the whole <main> (after an action) gets the whole page."""
    return (request.headers.get("hx-request") == "true" and request.headers.get("hx-history-restore-request") != "true"
            and request.headers.get("hx-target") != "main")


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    block: str | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """The page, or only `block` when htmx asked for a part of it."""
    full_context = page_context(request, context)
    if block and is_htmx(request):
        return templates.TemplateResponse(
            request, template, full_context, block_name=block, status_code=status_code, headers=headers
        )
    return templates.TemplateResponse(request, template, full_context, status_code=status_code, headers=headers)


def page_context(request: Request, context: dict[str, Any] | None = None, *, notice: bool = True) -> dict[str, Any]:
    return {
        "language": i18n.current_language.get(),
        "path": request.url.path,
        "csrf_token": getattr(request.state, "csrf_token", ""),
        "me": getattr(request.state, "me", None),
        "flash": take_notice(request) if notice else None,
        **(context or {}),
    }


def render_text(request: Request, template: str, context: dict[str, Any] | None = None) -> str:
    """The page as a string (the HTML a PDF file is made of); a notice waiting for the next page stays waiting."""
    return environment.get_template(template).render({**page_context(request, context, notice=False),
                                                      "request": request})
