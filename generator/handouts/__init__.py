"""A third-stage output: printable PDF handouts (the plan in :mod:`.plan`, the PDFs in :mod:`.pdf`)."""
