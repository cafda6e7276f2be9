"""Records as tables: flat columns, CSV cells and map features that GIS tools and spreadsheets read (no I/O)."""
