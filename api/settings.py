"""Runtime settings, read once from the environment."""

import ipaddress
import os
from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/sopimo.db"


class Settings(BaseSettings):
    """Settings of one process; every field can be set by an environment variable."""

    model_config = SettingsConfigDict(env_prefix="SOPIMO_", extra="ignore")

    database_url: str = Field(DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    migration_database_url: str | None = Field(
        None,
        validation_alias="MIGRATION_DATABASE_URL",
        description=("PostgreSQL: the owner role that `sopimo migrate` runs as; unset means DATABASE_URL. "
                     "The application itself connects as a less privileged role (DATABASE_URL)."),
    )
    app_role: str | None = Field(
        None,
        description=("PostgreSQL: the role the application connects as; `sopimo migrate` grants it what it needs "
                     "after migrating (rows of every table, only SELECT and INSERT on the audit trail)."),
    )
    environment: Literal["development", "test", "production"] = "development"
    api_url: str | None = Field(
        None,
        validation_alias="API_URL",
        description="Where the pages reach the API; unset means in the same process.",
    )
    public_url: str = Field(
        default_factory=lambda: local_url(os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")),
        description=("The address people reach this installation at, e.g. `https://sopimo.example.fi`: the calendar "
                     "feeds give their own addresses under it and link back to its pages. Unset: the address "
                     "`sopimo serve` listens at (HOST, PORT)."),
    )
    log_level: str = "INFO"
    session_idle_minutes: int = Field(30, description="A login ends after this long without requests.")
    session_absolute_hours: int = Field(12, description="A login ends this long after it began, used or not.")
    secret_key: str = Field(
        "development-only-secret-change-me",
        description="Signs the pages' CSRF tokens; set a long random value in production.",
    )
    page_size_default: int = 50
    # Uploaded files are read in a worker process of their own (api/uploads.py), within these limits.
    upload_max_mb: int = Field(10, ge=1, description="The largest document to import (.txt, .docx, .pdf) or annex.")
    csv_max_mb: int = Field(5, ge=1, description="The largest CSV file to import (statistics, organisations).")
    request_max_mb: int = Field(20, ge=1, description=(
        "The largest request body of all, refused before it is read; above the upload limits, as a page's form "
        "carries a previewed file again in base64."))
    import_max_unpacked_mb: int = Field(30, ge=1, description="A .docx may unpack to at most this many MB.")
    import_max_parts: int = Field(1000, ge=1, description="A .docx may have at most this many parts (zip entries).")
    import_max_pages: int = Field(500, ge=1, description="A PDF may have at most this many pages.")
    import_max_text_chars: int = Field(2_000_000, ge=1, description="The text read from a document, at most.")
    parse_timeout_seconds: float = Field(20, gt=0, description="Reading one file is stopped after this long.")
    parse_memory_mb: int = Field(1024, ge=128, description="The memory (address space) of a process reading a file.")
    parse_workers: int = Field(2, ge=1, description="At most this many files are read at once; others wait.")
    # The pages' PDF files are made by the same workers (web/printing.py), within these limits.
    pdf_timeout_seconds: float = Field(30, gt=0, description="Making one PDF file is stopped after this long.")
    pdf_max_pages: int = Field(300, ge=1, description="A PDF file of a page has at most this many pages.")
    pdf_max_mb: int = Field(20, ge=1, description="A PDF file of a page is at most this many MB.")
    smtp_url: str | None = Field(None, validation_alias="SMTP_URL", description=(
        "Where mail goes: smtp://user:password@host:port (starttls) or smtps://… (TLS). Unset: development mail, kept "
        "for the installation's admins to read at /mail."))
    mail_from: str = Field("Sopimo <sopimo@localhost>", description="The sender of the service's mail.")
    run_worker: bool | None = Field(None, description=(
        "Run one background worker inside the server process. Unset: yes on SQLite (what `make run` serves), no on "
        "PostgreSQL, where `sopimo worker` processes do the work (any number of them)."))
    worker_poll_seconds: float = Field(5, gt=0, description="How often a worker looks for work when it has none.")
    trusted_proxies: str = Field(
        "",
        description=("The reverse proxies in front of this service, comma-separated addresses or networks "
                     "(e.g. `10.0.0.5, 192.168.0.0/24`); X-Forwarded-For and X-Forwarded-Proto are believed "
                     "only from these. Empty: from nobody."),
    )

    @model_validator(mode="after")
    def _normalise_database_url(self) -> "Settings":
        self.database_url = normalise_database_url(self.database_url)
        if self.migration_database_url:
            self.migration_database_url = normalise_database_url(self.migration_database_url)
        for part in self.trusted_proxies.split(","):
            if part.strip():
                ipaddress.ip_network(part.strip(), strict=False)  # a wrong entry stops the start, not a request
        self.public_url = self.public_url.rstrip("/")
        if self.environment == "production" and self.secret_key.startswith("development-only"):
            raise ValueError("Set SOPIMO_SECRET_KEY to a long random value in production.")
        return self


def local_url(host: str, port: str) -> str:
    """The address of a server listening at `host`:`port`, as a browser on the same machine reaches it."""
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def normalise_database_url(url: str) -> str:
    """Accept the plain URLs people paste (postgres://, postgresql://, sqlite://) and pick the async drivers."""
    for plain, async_prefix in (
        ("postgres://", "postgresql+asyncpg://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return async_prefix + url[len(plain):]
    return url


@lru_cache
def get_settings() -> Settings:
    return Settings()
