"""Editing an agreement's own facts: title, kind, description, the statutes it rests on, its links."""

import re
import uuid

from fastapi import APIRouter, Request
from fastapi.responses import Response

from web import i18n
from web.client import ApiClient, ApiError, get_api
from web.pages.agreement_labels import AGREEMENT_KINDS, LINK_KINDS
from web.pages.forms import redirect_after_post, summary_message, translated_errors
from web.rendering import render

router = APIRouter(prefix="/agreements/{agreement_id}/edit")

# "Laki työvoimapalveluiden järjestämisestä (380/2023)" or "… 380/2023": the name, then number/year.
STATUTE_LINE = re.compile(r"^(?P<name>.+?)\s*\(?\s*(?P<number>\d{1,4}/\d{1,4})\s*\)?$")


def statutes_text(statutes: list[dict]) -> str:
    return "\n".join(f"{s['name']} ({s['number']})" for s in statutes)


def parse_statutes(text: str) -> tuple[list[dict], str | None]:
    """The statutes of the textarea, one a line; the first line that is not "name (number/year)" is reported."""
    statutes: list[dict[str, str]] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        match = STATUTE_LINE.match(line)
        if match is None:
            return statutes, line
        statutes.append({"name": match["name"].rstrip(" ,;:"), "number": match["number"]})
    return statutes, None


async def edit_context(api: ApiClient, agreement_id: uuid.UUID) -> dict:
    agreement = await api.get(f"/agreements/{agreement_id}")
    others = [a for a in await api.get_all("/agreements", area_id=agreement["area"]["id"]) if a["id"] != str(agreement_id)]
    outgoing = [link for link in agreement["links"] if link["direction"] == "outgoing"]
    values = {
        "title": agreement["title"], "kind": agreement["kind"], "description": agreement["description"] or "",
        "statutes": statutes_text(agreement["statutes"]), "version": str(agreement["version"]),
    }
    return {"agreement": agreement, "others": others, "links": outgoing, "values": values, "errors": {},
            "kinds": AGREEMENT_KINDS, "link_kinds": LINK_KINDS}


@router.get("", include_in_schema=False)
async def edit_agreement(request: Request, agreement_id: uuid.UUID) -> Response:
    return render(request, "agreements/edit.html", await edit_context(get_api(request), agreement_id))


@router.post("", include_in_schema=False)
async def save_agreement(request: Request, agreement_id: uuid.UUID) -> Response:
    form = await request.form()
    values = {key: str(form.get(key, "")).strip() for key in ("title", "kind", "description", "statutes", "version",
                                                              "link_kind", "link_target")}
    kept = [str(item).split(":", 1) for item in form.getlist("keep_link")]
    links = [{"kind": kind, "target_id": target} for kind, target in kept]
    if values["link_kind"] and values["link_target"]:
        links.append({"kind": values["link_kind"], "target_id": values["link_target"]})
    statutes, bad_line = parse_statutes(values["statutes"])
    api = get_api(request)
    stale = False
    if bad_line is not None:
        errors = {"statutes": i18n.gettext(
            "Write each statute on a line of its own as name (number/year), e.g. %(example)s."
        ) % {"example": "Laki työvoimapalveluiden järjestämisestä (380/2023)"}}
        message = i18n.gettext("Check the marked fields.")
    else:
        payload = {"title": values["title"], "kind": values["kind"], "description": values["description"] or None,
                   "statutes": statutes, "links": links}
        try:
            await api.request("PATCH", f"/agreements/{agreement_id}", json=payload,
                              headers={"If-Match": f'"{values["version"]}"'})
        except ApiError as error:
            if error.status not in (409, 412, 422, 428):
                raise
            errors, message, stale = translated_errors(error), summary_message(error), error.status == 412
            if stale:
                message = i18n.gettext("Someone else changed this agreement while you were editing. Your changes "
                                       "are kept below: check them and save again.")
        else:
            return redirect_after_post(request, f"/agreements/{agreement_id}",
                                       notice=i18n.gettext("The agreement's details were saved."))
    context = await edit_context(api, agreement_id)
    # After a stale save the form carries the newer version, so that saving again knowingly replaces it.
    version = context["values"]["version"] if stale else values["version"]
    context.update(values={**values, "version": version}, errors=errors, message=message)
    return render(request, "agreements/edit.html", context, block="form", status_code=412 if stale else 422)
