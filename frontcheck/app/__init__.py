"""Jobs: one module per concept, called by both faces (the CLI and the web app)."""
