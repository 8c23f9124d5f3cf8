"""The fifth stage: the MkDocs plugin (entry point ``compact``), the only code that imports MkDocs."""
