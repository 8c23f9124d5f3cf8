"""A third-stage output: the site's pages as Markdown, from Jinja2 templates (:mod:`.render`)."""
