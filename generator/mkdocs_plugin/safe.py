"""`mkdocs build` (not ``--dirty``) and `mkdocs gh-deploy`: a build that never harms the last good site.

The plugin makes one :class:`SafeBuild` for such a command (``on_startup``). It takes the lock
beside ``site/`` and puts right what a killed swap left, before the data is even read
(``begin``); points MkDocs at a staging folder once the configuration is settled (``stage``);
and swaps the finished site in (``finish``) or throws the staging folder away (``fail``). The
folders and the swap are :mod:`generator.staging`'s. `mkdocs serve` writes into a temporary
folder of its own and a dirty build keeps old files on purpose: neither stages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator import staging


class SafeBuild:
    """The lock on one site folder, held from ``begin`` to the swap, and the staging folder."""

    def __init__(self) -> None:
        self.lock: staging.BuildLock | None = None
        #: The real site folder while a staged build runs, and the configuration pointed away from it.
        self.site: str | None = None
        self.config: MkDocsConfig | None = None

    def begin(self, site: Path) -> None:
        """The lock on ``site`` (held until the swap), a killed swap undone or finished, the checks."""
        self.lock = staging.BuildLock(site)
        try:
            self.lock.acquire(say=logging.getLogger("mkdocs.plugins.compact").info)
            staging.start(site)
        except (staging.StagingError, OSError) as error:
            self.close()
            raise PluginError(sentence(error, site)) from None

    def stage(self, config: MkDocsConfig) -> None:
        """From here on, MkDocs writes to the staging folder."""
        self.site, self.config = config.site_dir, config
        config.site_dir = str(staging.staging_dir(Path(self.site)))

    def finish(self, config: MkDocsConfig, host_files: Callable[[Path], None]) -> None:
        """The site is written: add the ``host_files`` and swap it in (unless ``--strict`` is about
        to fail the build: then :meth:`fail` follows)."""
        if self.site is None or (config.strict and warnings_counted()):
            return
        host_files(Path(config.site_dir))
        site = Path(self.site)
        try:
            staging.swap_in(site)
        except OSError as error:
            raise PluginError(f"cannot put the new site in place: {sentence(error, site)} "
                              "(the next build completes the swap)") from None
        config.site_dir, self.site = self.site, None
        self.close()

    def fail(self) -> str | None:
        """The build failed: the staging folder goes, the site stays as it was; which site that is."""
        site, self.site = self.site, None
        if site is not None:
            staging.discard(Path(site))
            if self.config is not None:
                self.config.site_dir = site
        self.close()
        return site

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def sentence(error: Exception, site: Path) -> str:
    """A staging or file system error as the one sentence the user sees."""
    if isinstance(error, OSError):
        where = error.filename or site
        return f"cannot build into {site}: {error.strerror or error} ({where})"
    return str(error)


def warnings_counted() -> bool:
    """Whether MkDocs has counted warnings that ``--strict`` turns into a failed build.

    The counter is on the engine's own logger: ``mkdocs``, or ``properdocs`` under ProperDocs,
    whose package stands in for ``mkdocs`` (``import mkdocs`` gives it).
    """
    import mkdocs
    from mkdocs.utils import CountHandler

    handlers = logging.getLogger(mkdocs.__name__).handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)
