"""The audit trail (muutoshistoria): every change, who made it and when; never changed or deleted."""
