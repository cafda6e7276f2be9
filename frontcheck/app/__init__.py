"""Jobs: one module per concept, called by the command line and the web API alike."""
