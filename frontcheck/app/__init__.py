"""Jobs: one module per concept, called by the CLI and the web API alike."""
