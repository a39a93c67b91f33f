"""The floors Sopimo's routes are measured against: what the same stack does with nothing of Sopimo in it.

Run: DATABASE_URL=postgresql://… uvicorn bench.floors:app

- `/json`: a bare FastAPI JSON answer;
- `/raw/agreements/{id}`: the rows an agreement's detail reads (agreement, versions, parties with organisations,
  decisions, notices) by raw asyncpg, as JSON;
- `/orm/agreements`, `/orm/decisions?organisation_id=`: 50 rows through FastAPI + SQLAlchemy, as JSON;
- `/page/agreements`, `/page/agreements/{id}`: the same 50 rows, and one agreement with its versions and parties,
  as a Jinja2 page.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import selectinload

from api.agreements.models import Agreement, AgreementParty, AgreementVersion
from api.decisions.models import Decision
from api.settings import Settings

URL = Settings.model_validate({"database_url": os.environ["DATABASE_URL"]}).database_url
engine = create_async_engine(URL)
sessions = async_sessionmaker(engine, expire_on_commit=False)
pool: asyncpg.Pool | None = None

TEMPLATES = Environment(autoescape=True)
LIST_PAGE = TEMPLATES.from_string("""<!doctype html><html lang="fi"><head><title>Sopimukset</title></head><body>
<main><h1>Sopimukset</h1><table><thead><tr><th>Nimi</th><th>Laji</th><th>Alue</th></tr></thead><tbody>
{% for a in rows %}<tr><td><a href="/agreements/{{ a.id }}">{{ a.title }}</a></td><td>{{ a.kind }}</td>
<td>{{ a.area_id }}</td></tr>{% endfor %}</tbody></table></main></body></html>""")
AGREEMENT_PAGE = TEMPLATES.from_string("""<!doctype html><html lang="fi"><head><title>{{ a.title }}</title></head>
<body><main><h1>{{ a.title }}</h1>{% for v in a.versions %}<section><h2>Versio {{ v.number }}</h2>
<p>Lähetetty {{ v.sent_on }}</p><ul>{% for p in v.parties %}<li>{{ p.organisation.name_fi }} ({{ p.role }})</li>
{% endfor %}</ul>{% for s in v.sections %}<h3>{{ s.number }} {{ s.title }}</h3>{% for b in s.blocks %}
<p>{{ b.text }}</p>{% endfor %}{% endfor %}</section>{% endfor %}</main></body></html>""")


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    global pool
    if URL.startswith("postgresql"):
        pool = await asyncpg.create_pool(URL.replace("+asyncpg", ""), min_size=1, max_size=40)
    yield
    if pool is not None:
        await pool.close()
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


@app.get("/json")
async def bare() -> dict[str, Any]:
    return {"status": "ok"}


@app.get("/raw/agreements/{agreement_id}")
async def raw_agreement(agreement_id: uuid.UUID) -> dict[str, Any]:
    assert pool is not None
    async with pool.acquire() as connection:
        agreement = await connection.fetchrow("SELECT * FROM agreements WHERE id = $1", agreement_id)
        versions = await connection.fetch("SELECT * FROM agreement_versions WHERE agreement_id = $1 ORDER BY number",
                                          agreement_id)
        parties = await connection.fetch(
            "SELECT p.*, o.name_fi, o.name_sv, o.municipality_code FROM agreement_parties p "
            "JOIN organisations o ON o.id = p.organisation_id WHERE p.agreement_id = $1 ORDER BY p.position",
            agreement_id)
        decisions = await connection.fetch("SELECT * FROM decisions WHERE agreement_id = $1 ORDER BY meeting_date",
                                            agreement_id)
        notices = await connection.fetch("SELECT * FROM agreement_notices WHERE agreement_id = $1", agreement_id)
    return {"agreement": dict(agreement or {}), "versions": [dict(v) for v in versions],
            "parties": [dict(p) for p in parties], "decisions": [dict(d) for d in decisions],
            "notices": [dict(n) for n in notices]}


async def fifty_agreements(session: AsyncSession) -> list[Agreement]:
    return list(await session.scalars(select(Agreement).order_by(Agreement.title, Agreement.id).limit(50)))


def agreement_dict(row: Agreement) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "kind": row.kind, "area_id": row.area_id, "version": row.version}


@app.get("/orm/agreements")
async def orm_agreements() -> list[dict[str, Any]]:
    async with sessions() as session:
        return [agreement_dict(row) for row in await fifty_agreements(session)]


@app.get("/orm/decisions")
async def orm_decisions(organisation_id: uuid.UUID) -> list[dict[str, Any]]:
    async with sessions() as session:
        rows = await session.scalars(select(Decision).where(Decision.organisation_id == organisation_id)
                                     .order_by(Decision.meeting_date, Decision.id).limit(50))
        return [{"id": d.id, "body": d.body, "meeting_date": d.meeting_date, "section": d.section,
                 "outcome": d.outcome, "version_id": d.version_id} for d in rows]


@app.get("/page/agreements", response_class=HTMLResponse)
async def page_of_agreements() -> str:
    async with sessions() as session:
        return LIST_PAGE.render(rows=await fifty_agreements(session))


@app.get("/page/agreements/{agreement_id}", response_class=HTMLResponse)
async def page_of_agreement(agreement_id: uuid.UUID) -> str:
    async with sessions() as session:
        agreement = await session.scalar(select(Agreement).where(Agreement.id == agreement_id).options(
            selectinload(Agreement.versions).selectinload(AgreementVersion.parties)
            .selectinload(AgreementParty.organisation)))
        return AGREEMENT_PAGE.render(a=agreement)
