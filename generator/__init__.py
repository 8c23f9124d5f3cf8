"""Turn a Compact's YAML data into a website, handouts and open data.

Everything here except :mod:`generator.mkdocs_plugin` is free of MkDocs, so the
content model and the rendered Markdown outlive any one site engine.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "1.0.0"
