"""Jobs between the two faces (CLI, web) and the store: one module per concept."""
