"""Page routes, one module per section."""
