"""Cooperation areas: members, a lead organisation, sub-regions."""
