"""`mkdocs serve` notices a saved file at once.

MkDocs' server looks at the watched folders every half second and then waits a tenth of a
second for the saving to settle, so on average a third of a second passes before a rebuild
starts: a third of the second in which an edit is to be served (issue 17). Looking more often
costs the rebuild itself time (each look lists and ``stat``s every file, in a thread that
shares the interpreter with the build). The system's own file events (inotify on Linux, as
watchdog's ``Observer`` chooses) cost nothing between saves and arrive at once.

Only changes count: the system also reports each time a file is opened or read, and every
build reads the watched files, so those events would start a rebuild after every rebuild.

Where the system cannot watch (its limit of inotify instances or watches reached), the server
looks at the files every half second, as MkDocs does. Where it watches but never reports
(a Windows drive under WSL, some network and container shares), nothing here can tell: the
plugin's ``watch_events: false`` (``COMPACT_WATCH_EVENTS=false``) keeps MkDocs' own server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

#: How long the server waits for a save's events to stop (MkDocs' own: 0.1 s, two of its looks at
#: the files): the system reports a save's few events within milliseconds of each other.
SETTLE_SECONDS = 0.05
#: What saving, adding, renaming or removing a file makes the system report.
CHANGES: list[type[FileSystemEvent]] = [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent]
#: How often the fallback looks at the files (MkDocs' own interval).
POLL_SECONDS = 0.5


class ChangeObserver:
    """The system's observer, scheduling every watch for ``CHANGES`` only: what the server
    calls of its observer (``schedule``, ``unschedule``, ``start``, ``stop``, ``join``)."""

    def __init__(self, observer: BaseObserver | None = None) -> None:
        self.observer = observer or Observer()
        #: Every watch scheduled and not unscheduled, to schedule again on the fallback.
        self.watches: dict[ObservedWatch, tuple[FileSystemEventHandler, str, bool]] = {}

    @property
    def polling(self) -> bool:
        return isinstance(self.observer, PollingObserver)

    def schedule(self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False) -> ObservedWatch:
        watch = self.observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)
        self.watches[watch] = (handler, path, recursive)
        return watch

    def unschedule(self, watch: ObservedWatch) -> None:
        self.observer.unschedule(watch)  # (a watch of the first observer is equal to its fallback's)
        self.watches.pop(watch, None)

    def start(self) -> None:
        try:
            self.observer.start()
        except OSError as error:  # inotify's instances or watches used up: look at the files instead
            logging.getLogger("mkdocs.plugins.compact").info(
                "The system cannot report changed files (%s): looking at them every %s s", error, POLL_SECONDS)
            self.observer = PollingObserver(timeout=POLL_SECONDS)
            for handler, path, recursive in self.watches.values():
                self.observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)
            self.observer.start()

    def stop(self) -> None:
        self.observer.stop()

    def join(self, timeout: float | None = None) -> None:
        self.observer.join(timeout)


def sooner(server: LiveReloadServer, builder: Callable[..., None]) -> LiveReloadServer:
    """The server ``mkdocs serve`` made, as one told of changes by the system: same address,
    folder, builder, error pages and watched paths (it has not started yet, so nothing is lost)."""
    host, port = server.server_address[:2]
    quick = LiveReloadServer(builder=builder, host=str(host), port=int(port), root=server.root,
                             mount_path=server.mount_path)
    quick.observer = ChangeObserver()  # type: ignore[assignment]  # before any watch: each is scheduled on it
    quick.error_handler = server.error_handler
    quick.build_delay = SETTLE_SECONDS
    for path, times in server._watched_paths.items():  # what `mkdocs serve` chose to watch (--watch-theme…)
        for _ in range(times):
            quick.watch(path)
    return quick
