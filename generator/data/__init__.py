"""The first stage: reading ``compact_data/`` into checked shapes, with every problem located.

Imports nothing from the later stages (model, pages, handouts, open data, build, plugin).
"""
