"""`mkdocs serve` renders again only the pages an edit changed, and writes what a full build writes.

The builds run in this process, as `mkdocs serve` runs them (one plugin for the whole session,
a rebuild after each change), without PDFs: what is reused does not depend on them. An edit is
made to Bristol's data, whose many pages show how few an edit renders again; the other tests
rebuild the small synthetic Compact (``support.shapes.SMALL``), since what they prove does not
depend on the data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from support import without_source
from support.shapes import small_project

from generator.mkdocs_plugin.plugin import CompactPlugin
from generator.mkdocs_plugin.reuse import PageMemory

SERVE_URL = "http://127.0.0.1:8000/"
THEME_1 = Path("compact_data/themes/1-allocating-resources.yaml")
#: Pages an edit to the words of commitment 1.4 shows in, and their copies at the edition's address.
SHOWING_1_4 = {"commitments/1.4.md", "commitments/index.md", "themes/allocating-resources.md", "sectors/shared.md"}
COPIES_1_4 = {"editions/2012/" + page for page in SHOWING_1_4}
NOT_SHOWING_1_4 = {"about.md", "values.md", "commitments/2.1.md", "themes/volunteering.md"}

#: The one generated page with no title in its front matter (the theme names it after the site): always rendered.
HOME = "index.md"

Rebuild = Callable[[str], CompactPlugin]


@contextmanager
def serving_session(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rebuild]:
    """Build ``project`` as `mkdocs serve` does, into ``tmp_path/<name>``: the first call starts the session."""
    without_source(project / "compact_data")  # the edits below change the Compact's words
    monkeypatch.setenv("COMPACT_PDF", "false")
    monkeypatch.setenv("COMPACT_CACHE", str(tmp_path / "cache"))
    configs: list[MkDocsConfig] = []

    def run(name: str) -> CompactPlugin:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / name))
        config.site_url = SERVE_URL
        if not configs:
            config.plugins.on_startup(command="serve", dirty=False)
        configs.append(config)
        build(config, serve_url=SERVE_URL)
        plugin = config.plugins["compact"]
        assert isinstance(plugin, CompactPlugin)
        return plugin

    yield run
    if configs:
        configs[-1].plugins.on_shutdown()
        # The plugin is this process's (MkDocs keeps it between configs): leave it as builds find it.
        configs[-1].plugins.on_startup(command="build", dirty=False)


@pytest.fixture
def rebuild(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rebuild]:
    """A `mkdocs serve` session of a copy of the repository's site."""
    with serving_session(project, tmp_path, monkeypatch) as run:
        yield run


@pytest.fixture
def rebuild_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rebuild]:
    """A `mkdocs serve` session of the small Compact's site."""
    with serving_session(small_project(tmp_path / "project"), tmp_path, monkeypatch) as run:
        yield run


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def rendered(plugin: CompactPlugin) -> frozenset[str]:
    assert plugin.preview is not None
    return plugin.preview.memory.last_rendered


def test_an_edit_renders_again_only_the_pages_that_show_it_and_writes_what_a_full_build_writes(
    rebuild: Rebuild, project: Path, tmp_path: Path
) -> None:
    """The pages at the current address first; their copies at the edition's address are a build
    late (the plugin asks for that build at once), and then the site is what a full build writes."""
    plugin = rebuild("first")
    assert plugin.preview is not None
    every = plugin.preview.memory.generated
    assert rendered(plugin) == every  # nothing to reuse yet
    # Nothing changed: every generated page is reused but the home page, whose title is its heading.
    assert rendered(rebuild("unchanged")) == {HOME}

    data = project / THEME_1
    words = data.read_text(encoding="utf-8")
    data.write_text(words.replace("Apply full cost recovery", "Apply complete cost recovery"), encoding="utf-8")
    plugin = rebuild("edited")
    again = rendered(plugin)
    listed = ", ".join(sorted(again))
    assert SHOWING_1_4 <= again, listed
    assert not NOT_SHOWING_1_4 & again, listed
    assert len(again) < len(every) / 8, listed
    assert plugin.preview is not None
    assert COPIES_1_4 <= plugin.preview.memory.last_late and not COPIES_1_4 & again
    assert all(page.startswith("editions/2012/") for page in plugin.preview.memory.last_late)
    page = (tmp_path / "edited" / "commitments" / "1.4" / "index.html").read_text(encoding="utf-8")
    assert "Apply complete cost recovery" in page
    copy_1_4 = Path("editions", "2012", "commitments", "1.4", "index.html")
    # As it was, for one build:
    assert "Apply full cost recovery" in (tmp_path / "edited" / copy_1_4).read_text(encoding="utf-8")
    assert (tmp_path / "cache" / "rebuild" / "next").is_file(), "the plugin asked for the next build"

    late = plugin.preview.memory.last_late
    follow_up = rebuild("follow-up")
    assert rendered(follow_up) == late | {HOME}
    assert follow_up.preview is not None and not follow_up.preview.memory.last_late
    assert "Apply complete cost recovery" in (tmp_path / "follow-up" / copy_1_4).read_text(encoding="utf-8")

    plugin.preview.memory = PageMemory()  # forget every page: the same data rendered in full
    full = rebuild("full")
    assert rendered(full) == every
    reused, whole = files_of(tmp_path / "follow-up"), files_of(tmp_path / "full")
    assert reused.keys() == whole.keys()
    assert [path for path in whole if reused[path] != whole[path]] == []


def test_a_change_to_the_theme_overrides_renders_every_page_again(rebuild_small: Rebuild, tmp_path: Path) -> None:
    every = rendered(rebuild_small("first"))
    main = tmp_path / "project" / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "{#- changed -#}\n", encoding="utf-8")
    assert rendered(rebuild_small("changed")) == every


def test_nothing_is_kept_from_a_build_that_warned(rebuild_small: Rebuild, tmp_path: Path) -> None:
    """A warning shows again in every build until it is mended, as MkDocs shows it (in a hand-written
    page: the statement written by hand, as a site without accessibility.yaml, like this one, may)."""
    assert not (tmp_path / "project" / "compact_data" / "accessibility.yaml").exists()
    page = tmp_path / "project" / "content" / "accessibility.md"
    words = "# Accessibility statement\n\nWritten by hand for this test.\n"
    page.write_text(words + "\nSee [the missing page](missing.md).\n", encoding="utf-8")
    for name in ("warned", "warned again"):
        with pytest.raises(Abort):  # mkdocs.yml is strict: a warning fails the build
            rebuild_small(name)
    page.write_text(words, encoding="utf-8")  # mended: the same pages as before
    mended = rebuild_small("mended")
    assert mended.preview is not None
    assert rendered(mended) == mended.preview.memory.generated, "nothing was kept from the builds that warned"
    assert rendered(rebuild_small("after")) == {HOME}
    assert (tmp_path / "after" / "accessibility" / "index.html").is_file()


def test_the_preview_server_is_told_of_changes_at_once_and_not_of_reads(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds on the system's file events: a save, a new file, a removal, never a
    file being read (every build reads the watched files: that would rebuild for ever)."""
    import threading

    from mkdocs.livereload import LiveReloadServer
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    from generator.mkdocs_plugin import watching

    def builder() -> None:
        pass

    folder = tmp_path / "data"
    folder.mkdir()
    data = folder / "theme.yaml"
    data.write_text("id: 1\n", encoding="utf-8")
    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(folder))
    quick = watching.sooner(server, builder)
    assert quick is not server and isinstance(quick.observer, watching.ChangeObserver)
    assert quick.builder is builder and quick.root == server.root
    assert set(quick._watched_paths) == {str(folder)}

    seen: list[FileSystemEvent] = []
    arrived = threading.Event()

    class Record(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if not event.is_directory:
                seen.append(event)
                arrived.set()

    observer = watching.ChangeObserver()
    observer.schedule(Record(), str(folder), recursive=True)
    observer.start()
    try:
        for _ in range(3):
            data.read_text(encoding="utf-8")
        assert not arrived.wait(0.5), [type(e).__name__ for e in seen]
        data.write_text("id: 2\n", encoding="utf-8")
        assert arrived.wait(2), "a save is reported"
        (folder / "new.yaml").write_text("id: 3\n", encoding="utf-8")
        (folder / "new.yaml").unlink()
        deadline = 2.0
        while deadline > 0 and not any(type(e).__name__ == "FileDeletedEvent" for e in seen):
            threading.Event().wait(0.05)
            deadline -= 0.05
        kinds = {type(e).__name__ for e in seen}
        assert {"FileModifiedEvent", "FileCreatedEvent", "FileDeletedEvent"} <= kinds, kinds
        assert not kinds & {"FileOpenedEvent", "FileClosedNoWriteEvent", "FileClosedEvent"}, kinds
    finally:
        observer.stop()
        observer.join(5)



def test_where_the_system_cannot_watch_the_server_looks_at_the_files_instead(tmp_path: Path) -> None:
    """inotify's limits reached (its instances or watches used up): changes are still reported,
    by looking, for every watch the server scheduled and did not take back."""
    import errno
    import threading
    import time

    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers.inotify import InotifyObserver

    from generator.mkdocs_plugin import watching

    class Exhausted(InotifyObserver):
        def start(self) -> None:
            raise OSError(errno.EMFILE, "inotify instance limit reached")

    watched, dropped = tmp_path / "data", tmp_path / "templates"
    watched.mkdir()
    dropped.mkdir()
    data = watched / "theme.yaml"
    data.write_text("id: 1\n", encoding="utf-8")
    arrived = threading.Event()

    class Record(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if not event.is_directory and type(event).__name__ == "FileModifiedEvent":
                arrived.set()

    observer = watching.ChangeObserver(Exhausted())
    kept = observer.schedule(Record(), str(watched), recursive=True)
    observer.unschedule(observer.schedule(Record(), str(dropped), recursive=True))
    observer.start()
    try:
        assert observer.polling
        assert [path for _, path, _ in observer.watches.values()] == [str(watched)]
        time.sleep(2 * watching.POLL_SECONDS)  # the first looks list the files as they were
        data.write_text("id: 2, a longer line\n", encoding="utf-8")
        assert arrived.wait(5), "a save is reported by looking"
        observer.unschedule(kept)  # the server's watch, equal to the fallback's own
        assert observer.watches == {}
    finally:
        observer.stop()
        observer.join(5)


@pytest.mark.parametrize("watch_events", [True, False])
def test_the_server_is_told_of_changes_unless_watch_events_is_off(project: Path, watch_events: bool) -> None:
    """Off, `mkdocs serve` keeps MkDocs' own server, which looks at the files every half second."""
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    from generator.mkdocs_plugin import watching

    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["compact"]
    assert isinstance(plugin, CompactPlugin)
    plugin.config.watch_events = watch_events
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(project))
    served = plugin.on_serve(server, config, lambda: None)
    assert str(project / "compact_data") in served._watched_paths
    if watch_events:
        assert served is not server and isinstance(served.observer, watching.ChangeObserver)
    else:
        assert served is server and isinstance(served.observer, PollingObserver)
