"""The change history (muutoshistoria) of a resource, for the pages that show one."""

from typing import Any

from web.client import ApiClient, ApiError


async def change_history(api: ApiClient, resource_id: str, limit: int = 20) -> list[dict[str, Any]] | None:
    """The newest entries about the resource and its parts; None when the reader may not see them."""
    try:
        return (await api.get("/audit", resource_id=resource_id, limit=limit))["items"]
    except ApiError as error:
        if error.status in (401, 403):
            return None
        raise
