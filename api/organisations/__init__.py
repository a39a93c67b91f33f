"""Organisations: municipalities and the other bodies that take part."""
