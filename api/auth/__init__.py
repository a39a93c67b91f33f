"""People, their roles in areas, login tokens and the API keys of systems."""
