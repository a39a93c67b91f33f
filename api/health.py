import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.db import get_database
from api.errors import DatabaseUnavailable

router = APIRouter(tags=["Health"])

#: A load balancer asks often; an answer that takes longer than this is as good as none.
PROBE_TIMEOUT_SECONDS = 3


@router.get("/healthz", summary="Is the process up")
async def healthz() -> dict[str, str]:
    """Answers as long as the process serves requests; touches nothing else."""
    return {"status": "ok"}


@router.get("/readyz", summary="Does the database answer", responses={503: {"description": "Database unreachable."}})
async def readyz() -> JSONResponse:
    """Ready when the database answers a query within a few seconds; a load balancer sends traffic only then."""
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_SECONDS), get_database().engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except TimeoutError:
        return not_ready(f"The database did not answer within {PROBE_TIMEOUT_SECONDS} seconds.")
    except Exception as error:  # any failure to reach the database means not ready
        return not_ready(f"The database does not answer: {type(error).__name__}.")
    return JSONResponse({"status": "ok"})


def not_ready(detail: str) -> JSONResponse:
    unavailable = DatabaseUnavailable()
    return JSONResponse({"status": "unavailable", "code": unavailable.code, "detail": detail}, status_code=503,
                        headers={"Retry-After": str(unavailable.params["seconds"])})
