"""The served application: the API at /api, the pages everywhere else."""

from fastapi import FastAPI

from api.main import create_app
from api.settings import get_settings
from web.app import create_web_app


def compose() -> FastAPI:
    app = create_app()
    app.mount("/", create_web_app(app, get_settings().api_url))
    return app


app = compose()
