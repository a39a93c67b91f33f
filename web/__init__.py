"""Sopimo's pages: server-rendered Jinja2 + htmx, talking to the API only over HTTP."""
