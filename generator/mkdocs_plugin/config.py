"""The ``compact`` plugin's options in ``mkdocs.yml``, one docstring each."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from generator.export import DATA_DIR, PUBLISHED_URLS, TEMPLATES_DIR, not_a_switch


class Switch(c.Type[bool]):
    """True or false, said in words when it is neither (``COMPACT_PDF=maybe`` through ``!ENV``)."""

    def __init__(self, default: bool) -> None:
        super().__init__(bool, default=default)

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(not_a_switch(value))
        return value


class CompactConfig(base.Config):
    data_dir = c.Type(str, default=DATA_DIR)
    """Folder of the Compact's YAML data, relative to ``mkdocs.yml``."""

    templates_dir = c.Type(str, default=TEMPLATES_DIR)
    """Folder whose Jinja2 templates override the generator's own, file by file (outside the
    theme's ``custom_dir``, so that no engine publishes them)."""

    nav = Switch(default=True)
    """Build the site's navigation from the data unless ``mkdocs.yml`` sets ``nav:``."""

    pdf = Switch(default=True)
    """Build the printable PDF handouts (a few seconds); turn off for quick ``mkdocs serve`` work."""

    watch_events = Switch(default=True)
    """``mkdocs serve`` hears of saved files from the system at once (inotify on Linux). False: it
    looks at them every half second, as MkDocs alone does: for folders whose changes the system
    never reports, such as a Windows drive under WSL and some network and container shares."""

    cache_dir = c.Type(str, default=".cache")
    """Folder, relative to ``mkdocs.yml``, of what builds keep by content: laid-out handouts
    (``handouts/``, so a build lays out again only the handouts its changes touch) and compiled
    templates (``templates/``); empty: no cache."""

    published_urls = c.Type(str, default=PUBLISHED_URLS)
    """The site's list of public addresses, relative to ``mkdocs.yml``: a build that would stop
    serving one of them fails. Each site keeps its own; absent, there is nothing to check."""
