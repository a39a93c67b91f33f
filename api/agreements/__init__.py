"""Agreements (sopimukset), their versions, decisions (päätökset) and notices, end to end through the API.

models → repository (SQL) → state (stored rows → domain.agreements' rules) → service / decision_service
(use cases) → reads (answers) → endpoints / decision_endpoints (routes; public reads apart from changes).
"""
