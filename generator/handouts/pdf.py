"""Render handouts to tagged, reproducible PDFs with WeasyPrint.

HTML comes from Jinja2 templates in ``generator/handouts/templates/`` (overridable
like the page templates, in ``<override dir>/pdf/``). This environment is
separate from the Markdown one: it autoescapes HTML, because here the output
*is* HTML, and it is strict, so a missing value is an error.

Accessibility and honesty: PDF/UA-1 tagging, ``lang="en-GB"``, a title in the
metadata, bookmarks from the headings, fonts embedded (WeasyPrint always
embeds; the stylesheet names locally installed DejaVu/Liberation fonts, so
nothing is fetched). Reproducibility: the dates come from ``SOURCE_DATE_EPOCH``
or the Compact's edition, and WeasyPrint's file identifier is a hash of the
content, so the same input gives the same bytes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import importlib.metadata
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from generator import urls
from generator.cachefiles import content_key, kept_or_made
from generator.environment import EnvironmentProblem, source_date
from generator.handouts.cache import CacheUse, Job, Laid, layout_key
from generator.handouts.plan import Handout, HandoutFile, HandoutKind, PdfError, Status, plan_handouts
from generator.handouts.wrapping import breakable
from generator.model import Commitment, Compact
from generator.model.group import split_printed

if TYPE_CHECKING:  # WeasyPrint is imported only to lay out: a build whose handouts are all cached never loads it
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

PDF_TEMPLATE_DIR = Path(__file__).parent / "templates"
STYLESHEET = "handout.css"
TEMPLATES: dict[HandoutKind, str] = {
    "compact": "compact.html.j2",
    "sector": "handout.html.j2",
    "theme": "handout.html.j2",
    "checklist": "checklist.html.j2",
}
#: Tagged PDF for assistive technology (WeasyPrint sets PDF 1.7 and tags).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}
#: The handouts' fonts, named by their files (Debian's fonts-dejavu-core and fonts-dejavu-extra),
#: so that no other installed font, and no font configuration, can stand in for them.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
#: The handouts' font configuration: no fonts and no rules of the machine's.
FONT_CONFIG = Path(__file__).parent / "fonts.conf"
#: The family the stylesheet uses: a name of our own, which no installed font has.
FONT_FAMILY = "Handout DejaVu Sans"
FONT_FILES = {
    ("normal", "normal"): "DejaVuSans.ttf",
    ("bold", "normal"): "DejaVuSans-Bold.ttf",
    ("normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): "DejaVuSans-BoldOblique.ttf",
}


def make_pdf_environment(
    override_dirs: Sequence[Path] = (), bytecode_cache: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    """HTML templates: autoescaped (data is text, never markup) and strict."""
    search_path = [str(d / "pdf") for d in override_dirs if (d / "pdf").is_dir()] + [str(PDF_TEMPLATE_DIR)]
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path),
        bytecode_cache=bytecode_cache,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def document_date(compact: Compact, environ: Mapping[str, str] = os.environ) -> str:
    """The PDFs' creation date, fixed so that builds are reproducible.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention, read by :mod:`generator.environment`'s
    one rule) wins; otherwise the first day of the Compact's edition year.
    """
    try:
        moment = source_date(environ)
    except EnvironmentProblem as problem:
        raise PdfError(str(problem)) from None
    if moment is None:
        return f"{compact.year:04d}-01-01T00:00:00Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def font_faces(font_dir: Path = FONT_DIR) -> str:
    """``@font-face`` rules naming the font files themselves; :class:`PdfError` if one is missing."""
    missing = [name for name in FONT_FILES.values() if not (font_dir / name).is_file()]
    if missing:
        raise PdfError(
            f"the handouts' fonts are missing from {font_dir}: {', '.join(missing)} "
            "(install the Debian packages fonts-dejavu-core and fonts-dejavu-extra, or turn PDFs off with pdf: false)"
        )
    return "".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{(font_dir / name).as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}\n"
        for (weight, style), name in FONT_FILES.items()
    )


#: How a QR code is made and drawn: with its address, label and segno's version, the key of a kept code.
QR_MAKE: dict[str, Any] = {"error": "m", "micro": False}
QR_DRAW: dict[str, Any] = {"scale": 3, "border": 2, "svgclass": "qr", "lineclass": None}
#: The bound of the folder of kept QR codes (a code is about 5 KB: some four thousand codes).
QR_MAX_BYTES = 20 * 1024 * 1024
#: What makes a QR code besides its address and label (with them, the key of a kept code): the
#: installed segno's version and the settings above, constants of the installation.
QR_ENVIRONMENT = f"segno {importlib.metadata.version('segno')} {sorted(QR_MAKE.items())} {sorted(QR_DRAW.items())}"


def qr_code(url: str, label: str, kept: Path | None = None) -> Markup:
    """The QR code for ``url`` as inline SVG, with a title that tagged PDF uses as alt text.

    Every build renders each handout's HTML (it is the key of the kept PDFs), so making the
    codes again, and importing segno, was most of what a build with nothing to lay out added;
    given ``kept``, they are kept in that folder.
    """
    def make() -> bytes:
        import segno

        return str(segno.make(url, **QR_MAKE).svg_inline(title=label, **QR_DRAW)).encode("utf-8")

    if kept is None:
        return Markup(make().decode("utf-8"))
    path = kept / f"{content_key(QR_ENVIRONMENT, label, url)}.svg"
    return Markup(kept_or_made(path, make, QR_MAX_BYTES).decode("utf-8"))


class PdfRenderer:
    """Renders handouts of one Compact (laid out by ``typesetter``: a build's editions share one)."""

    def __init__(
        self,
        compact: Compact,
        site: urls.Site,
        override_dirs: Sequence[Path] = (),
        pages: urls.Pages = urls.CURRENT,
        bytecode_cache: jinja2.BytecodeCache | None = None,
        typesetter: Typesetter | None = None,
        current: Compact | None = None,
    ) -> None:
        self.compact = compact
        self.typesetter = typesetter or Typesetter()
        #: The current edition, whose pages a printed address leads to (an earlier edition does not hold it).
        self.current = current or compact
        self.site = site
        self.pages = pages
        self.env = make_pdf_environment(override_dirs, bytecode_cache)
        assert self.env.loader is not None  # make_pdf_environment always gives one
        css_source, css_file, _ = self.env.loader.get_source(self.env, STYLESHEET)
        assert css_file is not None  # a FileSystemLoader names the file it read
        self.stylesheet_source = (font_faces() + css_source, css_file)
        self.date = document_date(self.compact)
        #: Everything besides a handout's HTML that decides its bytes (the cache's key).
        self.environment = "\n".join((*self.stylesheet_source, self.typesetter.environment))

    def permalink(self, item: Commitment | str) -> str:
        page = self.pages.commitment_page(item) if isinstance(item, Commitment) else item
        return self.site.permalink(page)

    def short_permalink(self, item: Commitment | str) -> str:
        page = self.pages.commitment_page(item) if isinstance(item, Commitment) else item
        return self.site.short_permalink(page)

    def html(self, handout: Handout, kept_codes: Path | None = None) -> str:
        """The handout as one HTML document (its QR code kept in ``kept_codes``, if given)."""
        web = self.permalink(handout.web_page)
        context = {
            "compact": self.compact,
            "words": self.compact.words,
            "urls": self.pages,
            "handout": handout,
            "date": self.date,
            "permalink": self.permalink,
            "short_permalink": self.short_permalink,
            "web_url": web,
            "web_short": self.short_permalink(handout.web_page),
            "qr": qr_code(web, f"QR code: the web version of this handout, {web}", kept_codes),
            # The addresses the Compact prints about this site, linked (the current edition's pages).
            "printed": lambda text: split_printed(text, self.current.printed_addresses),
            "printed_target": lambda address: urls.printed_target(address, self.current),
        }
        return breakable(self.env.get_template(TEMPLATES[handout.kind]).render(context))

    def render(self, handout: Handout) -> HandoutFile:
        """Lay out and write one handout; the page count is kept for the downloads page."""
        content, pages = self.typesetter.layout(self.html(handout), self.stylesheet_source)
        return HandoutFile(handout=handout, content=content, pages=pages)

    def render_all(
        self, handouts: Sequence[Handout], workers: int | None = None, cache: CacheUse | None = None
    ) -> list[HandoutFile]:
        """Lay out many handouts, reusing from ``cache`` those whose HTML and environment it has.

        A preview's cache (with stand-ins) lays nothing out: the others come back ``PENDING`` or
        ``STALE``, listed in ``cache.pending`` for a worker process.
        """
        store = None if cache is None else cache.store
        documents = [self.html(handout, None if store is None else store.codes) for handout in handouts]
        keys = [layout_key(document, self.environment) for document in documents]
        laid: list[Laid | None] = [store.get(key) if store else None for key in keys]
        missing = [index for index, found in enumerate(laid) if found is None]
        if cache is not None:
            cache.reused += [handouts[i].path for i in range(len(keys)) if i not in missing]
        if cache is not None and cache.stand_ins is not None:
            cache.pending += [Job(keys[i], documents[i], handouts[i].path, self.stylesheet_source) for i in missing]
            return [_deferred(handout, made, cache.stand_ins.get(handout.path))
                    for handout, made in zip(handouts, laid, strict=True)]
        laying_out = self.typesetter.lay_out([documents[i] for i in missing], self.stylesheet_source, workers)
        for index, made in zip(missing, laying_out, strict=True):
            laid[index] = made
            if cache is not None:
                cache.store.put(keys[index], made)
                cache.laid_out.append(handouts[index].path)
        return [
            HandoutFile(handout=handout, content=made.content, pages=made.pages)
            for handout, made in zip(handouts, laid, strict=True)
            if made is not None
        ]


def _deferred(handout: Handout, made: Laid | None, earlier: Laid | None) -> HandoutFile:
    """A handout of a preview build: made, or the last one standing in, or not there yet."""
    if made is not None:
        return HandoutFile(handout=handout, content=made.content, pages=made.pages)
    if earlier is not None:
        return HandoutFile(handout=handout, content=earlier.content, pages=earlier.pages, status=Status.STALE)
    return HandoutFile(handout=handout, content=b"", pages=0, status=Status.PENDING)


class Typesetter:
    """WeasyPrint's side of one build's handouts (or of one preview worker's): the font configuration
    and the parsed stylesheets, made when first laid out, and what besides a handout's HTML decides
    its bytes, worked out once. Nothing of it outlives the build: a font configuration freed in the
    interpreter's teardown, where WeasyPrint's modules are no longer whole, prints an ignored exception."""

    def __init__(self) -> None:
        self._fonts: FontConfiguration | None = None
        self._stylesheets: dict[tuple[str, str], CSS] = {}

    @functools.cached_property
    def environment(self) -> str:
        """:func:`layout_environment`, once for the build's editions."""
        return layout_environment()

    def fonts(self) -> FontConfiguration:
        """Where the ``@font-face`` fonts are registered (a forked worker inherits it).

        It is loaded from the handouts' own ``fonts.conf``, not the machine's: no other font is
        there to stand in for the named ones (not even for a missing glyph), and no rule of the
        machine's (an alias, a preferred family) applies.
        """
        if self._fonts is None:
            from weasyprint.text.fonts import FontConfiguration

            previous = os.environ.get("FONTCONFIG_FILE")
            os.environ["FONTCONFIG_FILE"] = str(FONT_CONFIG)
            try:
                self._fonts = FontConfiguration()
            finally:
                if previous is None:
                    del os.environ["FONTCONFIG_FILE"]
                else:
                    os.environ["FONTCONFIG_FILE"] = previous
        return self._fonts

    def stylesheet(self, source: tuple[str, str]) -> CSS:
        """The stylesheet, parsed once for the build, not once per handout."""
        if source not in self._stylesheets:
            from weasyprint import CSS

            text, base_url = source
            self._stylesheets[source] = CSS(string=text, base_url=base_url, font_config=self.fonts())
        return self._stylesheets[source]

    def layout(self, html: str, stylesheet_source: tuple[str, str]) -> tuple[bytes, int]:
        """One finished HTML document as PDF bytes, and its number of pages: laid out once more a
        little tighter (``FIT``) when a page holds only a few lines, kept if that saves the page."""
        document = self._render(html, stylesheet_source)
        if BODY in html and _has_short_page(document.pages):
            tighter = self._render(html.replace(BODY, f"{BODY}{FIT} ", 1), stylesheet_source)
            if len(tighter.pages) < len(document.pages):
                document = tighter
        return document.write_pdf(**PDF_OPTIONS), len(document.pages)

    def _render(self, html: str, stylesheet_source: tuple[str, str]) -> Any:
        from weasyprint import HTML

        return HTML(string=html, base_url=str(PDF_TEMPLATE_DIR) + "/").render(
            stylesheets=[self.stylesheet(stylesheet_source)], font_config=self.fonts(), **PDF_OPTIONS
        )

    def lay_out(self, documents: Sequence[str], stylesheet_source: tuple[str, str],
                workers: int | None = None) -> list[Laid]:
        """Lay out finished HTML documents, on every core: layout is nearly all of the time it takes.

        Only the finished HTML and the stylesheet's text go to the worker processes, forked
        from this one so they start at once with WeasyPrint loaded and this typesetter's fonts
        and stylesheet. Forking is only safe in a process with one thread, so beside the server
        threads of ``mkdocs serve`` the handouts are laid out here, one after another. Either way
        the bytes are the same, in the same order.
        """
        workers = min(len(documents), workers or os.cpu_count() or 1)
        if documents:
            self.stylesheet(stylesheet_source)  # WeasyPrint loaded before forking: the workers start with it
        if workers <= 1 or threading.active_count() > 1:
            results = [self.layout(document, stylesheet_source) for document in documents]
        else:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(
                workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), self)
            ) as pool:
                results = list(pool.map(_layout_in_worker, documents, repeat(stylesheet_source)))
        return [Laid(content, pages) for content, pages in results]


def layout_environment() -> str:
    """What decides a handout's bytes besides its HTML and stylesheet: this module's code, the
    PDF options, the font files and fonts.conf, and the versions of WeasyPrint, of every package
    it requires and of the Pango and HarfBuzz libraries it lays text out with."""
    parts = [f"options {sorted(PDF_OPTIONS.items())}"]
    for path in (Path(__file__), FONT_CONFIG, *(FONT_DIR / name for name in sorted(FONT_FILES.values()))):
        try:
            parts.append(f"{path.name} {hashlib.sha256(path.read_bytes()).hexdigest()}")
        except OSError:
            parts.append(f"{path.name} missing")  # font_faces() has reported it already
    for requirement in ["weasyprint", *(importlib.metadata.requires("weasyprint") or [])]:
        if "extra ==" in requirement:
            continue
        name = requirement.split(" ")[0].split("[")[0].split(">")[0].split("=")[0].split("<")[0]
        try:
            parts.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name} absent")
    pango = _library("pango-1.0", "libpango-1.0.so.0")  # as WeasyPrint finds it, without loading WeasyPrint
    parts.append(f"pango {pango.pango_version() if pango else 'absent'}")
    harfbuzz = _library("harfbuzz", "libharfbuzz.so.0")
    if harfbuzz is not None:
        version = harfbuzz.hb_version_string
        version.restype = ctypes.c_char_p
        parts.append(f"harfbuzz {version().decode()}")
    return "\n".join(parts)


def _library(name: str, soname: str) -> ctypes.CDLL | None:
    """A shared library by its usual file name (no ``ldconfig`` run: a tenth of a warm build's
    handout time), else wherever ``find_library`` finds it, else None."""
    try:
        return ctypes.CDLL(soname)
    except OSError:
        found = ctypes.util.find_library(name)
        return ctypes.CDLL(found) if found else None


#: ``prctl`` option: the signal a process gets when its parent dies (Linux).
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a worker: end with the build. A killed build would otherwise leave its workers
    waiting for work for ever, since they hold their own ends of the pipes."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before the request took effect
        os._exit(1)


#: A last page whose content ends above this fraction of its height is a few lines alone on a
#: sheet, and so is the page before one that starts a section of its own (``PAGE_STARTS``): the
#: handout is laid out once more with the stylesheet's ``handout--fit`` rules (a little tighter),
#: and that layout is kept when it has fewer pages.
SHORT_PAGE = 0.25
#: The ids of the sections that start a page (the checklist's summary, in ``_review.html.j2``).
PAGE_STARTS = frozenset({"review-summary"})
#: The class the second layout adds to the body (the templates' ``<body class="handout …">``).
BODY = '<body class="handout '
FIT = "handout--fit"


def _has_short_page(pages: Sequence[Any]) -> bool:
    """Whether the last page, or one before a section that starts a page, holds only a few lines."""
    ends = [i - 1 for i, page in enumerate(pages) if i > 0 and PAGE_STARTS & set(page.anchors)]
    return len(pages) > 1 and any(filled(pages[i]) < SHORT_PAGE for i in [*ends, len(pages) - 1])


def filled(page: Any) -> float:
    """How far down its content area a laid-out page's content goes (0 to 1): the lowest line of text,
    ruled box or table cell outside the page's margin boxes (read from WeasyPrint's page box, which
    its API does not document)."""
    from weasyprint.formatting_structure import boxes

    page_box = page._page_box
    top, height = float(page_box.content_box_y()), float(page_box.height)
    lowest = top
    for child in page_box.children:
        if isinstance(child, boxes.MarginBox):
            continue
        for box in child.descendants():
            if isinstance(box, boxes.LineBox):
                lowest = max(lowest, float(box.position_y + box.height))
            elif isinstance(box, boxes.TableCellBox) or getattr(box, "border_bottom_width", None):
                lowest = max(lowest, float(box.border_box_y() + box.border_height()))
    return (lowest - top) / height


#: A forked layout worker's typesetter, its parent's: set in the worker process only, which lives for
#: one :meth:`Typesetter.lay_out` (a pool sends its work by name, so the work finds it here).
_worker_typesetter: Typesetter | None = None


def _start_worker(parent: int, typesetter: Typesetter) -> None:
    """In a forked worker (its arguments are not pickled): end with the build, lay out with ``typesetter``."""
    global _worker_typesetter
    die_with_parent(parent)
    _worker_typesetter = typesetter


def _layout_in_worker(html: str, stylesheet_source: tuple[str, str]) -> tuple[bytes, int]:
    assert _worker_typesetter is not None  # _start_worker set it
    return _worker_typesetter.layout(html, stylesheet_source)


@dataclass(frozen=True)
class HandoutWriter:
    """Writes one build's handouts, edition by edition, through ``cache`` if given, with one
    :class:`Typesetter` (its fonts, stylesheets and layout environment made once for the build)."""

    site: urls.Site
    override_dirs: Sequence[Path] = ()
    cache: CacheUse | None = None
    bytecode_cache: jinja2.BytecodeCache | None = None
    typesetter: Typesetter = field(default_factory=Typesetter)

    def write(self, compact: Compact, pages: urls.Pages = urls.CURRENT,
              handouts: Iterable[Handout] | None = None, current: Compact | None = None) -> list[HandoutFile]:
        """Render every handout of an edition (or the given ones) to PDF bytes (``current``: the current
        edition, if ``compact`` is an earlier one)."""
        plan = plan_handouts(compact, pages) if handouts is None else list(handouts)
        renderer = PdfRenderer(compact, self.site, self.override_dirs, pages, self.bytecode_cache, self.typesetter,
                               current)
        return renderer.render_all(plan, cache=self.cache)


def build_handouts(
    compact: Compact,
    site: urls.Site,
    override_dirs: Sequence[Path] = (),
    handouts: Iterable[Handout] | None = None,
    pages: urls.Pages = urls.CURRENT,
    cache: CacheUse | None = None,
    bytecode_cache: jinja2.BytecodeCache | None = None,
    current: Compact | None = None,
) -> list[HandoutFile]:
    """Render every handout of an edition (or the given ones) to PDF bytes, through ``cache`` if given
    (``current``: the current edition, if ``compact`` is an earlier one)."""
    return HandoutWriter(site, override_dirs, cache, bytecode_cache).write(compact, pages, handouts, current)
