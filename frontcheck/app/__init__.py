"""Jobs: one module per concept, between the faces (CLI, web) and the store and core."""
