"""Sopimo's backend: the JSON API under /api/v1, which owns the database."""
