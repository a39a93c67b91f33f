from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.db import get_database

router = APIRouter(tags=["Health"])


@router.get("/healthz", summary="Is the process up")
async def healthz() -> dict[str, str]:
    """Answers as long as the process serves requests; touches nothing else."""
    return {"status": "ok"}


@router.get("/readyz", summary="Does the database answer", responses={503: {"description": "Database unreachable."}})
async def readyz() -> JSONResponse:
    """Ready when the database answers a query; a load balancer sends traffic only then."""
    try:
        async with get_database().engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to reach the database means not ready
        return JSONResponse({"status": "unavailable", "detail": type(error).__name__}, status_code=503)
    return JSONResponse({"status": "ok"})
