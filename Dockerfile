# Production image: assets from npm, dependencies from the lock file, a non-root user,
# migrations at start, then uvicorn workers. DATABASE_URL comes from the environment.
# On PostgreSQL use two roles (README, "Database roles"): MIGRATION_DATABASE_URL is the owner role that
# migrates and SOPIMO_APP_ROLE names the application role, granted its rights after each migration;
# DATABASE_URL is the application role, which can read and add audit entries but never truncate, change
# or delete them, nor disable their trigger. Behind a reverse proxy set SOPIMO_TRUSTED_PROXIES.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error \
 && mkdir -p vendor/hds-core vendor/swagger-ui \
 && cp node_modules/htmx.org/dist/htmx.min.js vendor/ \
 && cp node_modules/hds-core/lib/base.min.css node_modules/hds-core/lib/components/all.min.css vendor/hds-core/ \
 && cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css vendor/swagger-ui/

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN python -m venv /opt/venv
COPY requirements.lock ./
RUN /opt/venv/bin/pip install -r requirements.lock
COPY alembic.ini ./
COPY domain domain
COPY api api
COPY web web
COPY migrations migrations
COPY data data

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH PYTHONPATH=/app PYTHONUNBUFFERED=1 HOST=0.0.0.0 PORT=8000 WEB_CONCURRENCY=2 SOPIMO_ENVIRONMENT=production
# WeasyPrint, which makes the pages' PDF files, loads Pango, HarfBuzz and fontconfig from Debian; DejaVu is the font.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
    libfontconfig1 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /app sopimo
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
COPY --from=assets /build/vendor /app/web/static/vendor
USER sopimo
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz')"
# Migrations run as MIGRATION_DATABASE_URL (the owner) when it is set; the server always as DATABASE_URL.
CMD ["sh", "-c", "python -m api.cli migrate && exec python -m api.cli serve"]
