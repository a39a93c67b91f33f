"""Sopimo's pure rules: no I/O, no framework, no clock (today's date is an argument)."""
