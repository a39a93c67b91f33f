"""Uploading a CSV file through a preview: the preview page sends the same bytes back to apply them."""

import base64
import binascii
from typing import Any

from fastapi import Request, UploadFile
from fastapi.responses import Response

from api.settings import get_settings
from web import i18n
from web.client import ApiError, get_api
from web.error_texts import error_text
from web.rendering import render


async def preview_or_apply(
    request: Request, *, api_path: str, template: str, file: UploadFile | None, content: str, filename: str,
    apply: str, applied_notice: str | None = None,
) -> Response:
    """Preview the uploaded file (or the bytes the preview carried), or apply them; the API decides every row."""
    if file is not None and file.filename:
        data = await file.read(get_settings().csv_max_mb * 2**20 + 1)
        filename = file.filename
    else:
        try:
            data = base64.b64decode(content.encode(), validate=True)
        except (binascii.Error, ValueError):
            data = b""
    context: dict[str, Any] = {"report": None, "filename": filename, "content": base64.b64encode(data).decode()}
    if not data:
        context["message"] = i18n.gettext("Choose a CSV file to import.")
        return render(request, template, context, status_code=422)
    if len(data) > get_settings().csv_max_mb * 2**20:
        context["message"] = error_text("upload.too_large", {"limit_mb": get_settings().csv_max_mb})
        return render(request, template, context, status_code=413)
    wants_apply = apply == "true"
    api = get_api(request)
    upload = {"file": (filename or "upload.csv", data, "text/csv")}
    try:
        response = await api.request("POST", api_path, params={"apply": str(wants_apply).lower()}, files=upload)
    except ApiError as error:
        if error.status not in (413, 422):
            raise
        context["message"] = error.message
        if wants_apply:
            # Nothing was saved: show the rows again with what is wrong in them.
            context["report"] = (await api.request("POST", api_path, params={"apply": "false"}, files=upload)).json()
        return render(request, template, context, status_code=422)
    context["report"] = response.json()
    if context["report"]["applied"] and applied_notice:
        context["notice"] = applied_notice
    return render(request, template, context)
