/* Keyboard and screen-reader repairs to Material for MkDocs' own markup.
 * Each fixes a failure found by the browser tests (tests/browser/test_accessibility.py,
 * tests/browser/test_keyboard.py); without this script the site still works. */
(function () {
  "use strict";

  // Material's width below which the navigation is a drawer over the page (its stylesheet's
  // 76.25em): phones, and desktops zoomed in far enough.
  var DRAWER = window.matchMedia("(max-width: 76.234375em)");

  // Those of `elements` that can be seen now: drawn, not hidden, not transparent, enabled.
  function shown(elements) {
    return Array.prototype.filter.call(elements, function (element) {
      if (element.disabled || !element.getClientRects().length) { return false; }
      var style = window.getComputedStyle(element);
      return style.visibility === "visible" && parseFloat(style.opacity) > 0;
    });
  }

  // What Tab can reach inside `root` now, in order.
  function tabStops(root) {
    return shown(root.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]"))
      .filter(function (element) { return element.tabIndex >= 0; });
  }

  // Tab and Shift+Tab move among `stops`, round from the last to the first and back.
  // Does nothing (and says so) when there is nowhere else to go.
  function tabWithin(event, stops) {
    if (stops.length < 2) { return false; }
    var at = stops.indexOf(document.activeElement);
    var next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : (at + 1) % stops.length;
    event.preventDefault();
    stops[next].focus();
    return true;
  }

  // Material marks its search box role="dialog" without a name (WCAG 4.1.2).
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var input = document.querySelector(".md-search__input");
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
    }
  }

  // On narrow screens (and when zoomed) the navigation is a drawer opened by an
  // icon that is a <label>, which the keyboard cannot reach (WCAG 2.1.1): put a
  // real, named button in its place that says whether the menu is open.
  function keyboardDrawerButton() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    if (!toggle || !label) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon compact-menu-button";
    button.setAttribute("aria-label", "Navigation menu");
    button.innerHTML = label.innerHTML;
    function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    button.addEventListener("click", function () {
      toggle.checked = !toggle.checked;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      // The open drawer covers the button: focus goes to the drawer's first link.
      var drawer = document.querySelector(".md-sidebar--primary");
      var stops = toggle.checked && DRAWER.matches && drawer ? tabStops(drawer) : [];
      if (stops.length) { stops[0].focus(); }
    });
    toggle.addEventListener("change", sync);
    label.replaceWith(button);
    sync();
    drawerKeys(toggle, button);
  }

  // While the drawer is open over the page, Tab goes round the links it shows (the page under it
  // is covered) and Escape closes it, back to the menu button, as a dialog does (WAI-ARIA APG).
  function drawerKeys(toggle, button) {
    var drawer = document.querySelector(".md-sidebar--primary");
    var search = document.getElementById("__search");
    if (!drawer) { return; }
    document.addEventListener("keydown", function (event) {
      if (!toggle.checked || !DRAWER.matches || (search && search.checked) || event.defaultPrevented) { return; }
      if (event.key === "Escape") {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
        button.focus();
      } else if (event.key === "Tab" && !event.altKey && !event.ctrlKey && !event.metaKey &&
                 (drawer.contains(document.activeElement) || document.activeElement === button)) {
        tabWithin(event, tabStops(drawer));
      }
    });
  }

  // The drawer's sub-menus (sections, the page's contents) open as panels over it, and each has a
  // "back" title. Material lets the keyboard open a section but not go back, nor open the page's
  // contents, and leaves focus behind the panel it opened: make the titles and the contents'
  // opener reachable, say what the title does, and move focus into a panel and back out of it.
  // Material opens a focused label with Enter; Space does too, as for a button.
  function drawerPanels() {
    var nav = document.querySelector(".md-nav--primary");
    if (!nav) { return; }
    nav.querySelectorAll('.md-nav__title[for]:not([for="__drawer"]), label.md-nav__link[for="__toc"]').forEach(function (label) {
      label.setAttribute("tabindex", "0");
      if (label.classList.contains("md-nav__title")) {
        var back = document.createElement("span");
        back.className = "compact-visually-hidden";
        back.textContent = "Back from ";
        var icon = label.querySelector(".md-nav__icon");
        label.insertBefore(back, icon ? icon.nextSibling : label.firstChild);
      }
    });
    nav.addEventListener("keydown", function (event) {
      var label = event.target;
      if (event.key === " " && label instanceof HTMLLabelElement && label.hasAttribute("tabindex")) {
        event.preventDefault();
        label.click();
      }
    });
    nav.addEventListener("change", function (event) {
      var toggle = event.target;
      if (!DRAWER.matches || !(toggle instanceof HTMLInputElement) || !toggle.classList.contains("md-nav__toggle")) { return; }
      var item = toggle.parentElement;
      var panel = item.querySelector(":scope > .md-nav");
      var opener = item.querySelector(':scope > label[for="' + toggle.id + '"], :scope > .md-nav__container > label[for="' + toggle.id + '"]');
      var title = panel && panel.querySelector(':scope > .md-nav__title[for="' + toggle.id + '"]');
      if (!panel || !opener || !title) { return; }
      if (toggle.checked && document.activeElement === opener) {
        // Not scrolled to: the panel is still sliding in from the side, and scrolling the drawer
        // sideways to it would leave the panel off screen once it has arrived.
        title.focus({ preventScroll: true });
      } else if (!toggle.checked && panel.contains(document.activeElement)) {
        opener.focus();
      }
    });
  }

  // Material's colour-scheme switch is a pair of radio buttons, one per scheme, each named after
  // the other scheme, and neither is checked until one is chosen: Tab reached the light one in
  // either scheme ("Switch to dark mode" while dark, its focus ring drawn on a hidden icon), and
  // Space chose the scheme already shown. A button in their place says what it will do, and
  // Enter and Space both press it; it passes the press to Material's radio button, so Material
  // still switches and remembers the scheme.
  function paletteButton() {
    var form = document.querySelector('form[data-md-component="palette"]');
    var labels = form ? form.querySelectorAll(":scope > label[for]") : [];
    if (!labels.length) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon compact-palette-button";
    // The icon Material shows now: the one it has not hidden, or else the current scheme's.
    function shown() {
      var visible = form.querySelector(":scope > label[for]:not([hidden])");
      if (visible) { return visible; }
      var scheme = document.body.getAttribute("data-md-color-scheme");
      var input = form.querySelector('.md-option[data-md-color-scheme="' + scheme + '"]');
      return (input && input.nextElementSibling instanceof HTMLLabelElement) ? input.nextElementSibling : labels[0];
    }
    function sync() {
      var label = shown();
      var name = label.getAttribute("title") || "";
      button.replaceChildren.apply(button, Array.prototype.map.call(label.childNodes, function (node) { return node.cloneNode(true); }));
      button.querySelectorAll("svg").forEach(function (icon) { icon.setAttribute("aria-hidden", "true"); });
      button.setAttribute("aria-label", name);
      button.setAttribute("title", name);
    }
    button.addEventListener("click", function () {
      var input = document.getElementById(shown().htmlFor);
      if (input) { input.click(); }
    });
    // Material's form switches on Enter itself and then focuses its hidden radio button.
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.stopPropagation(); }
    });
    form.querySelectorAll(".md-option").forEach(function (input) { input.hidden = true; });
    form.appendChild(button);
    form.classList.add("compact-palette");
    new MutationObserver(sync).observe(form, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
    sync();
  }

  // Material reaches search results with the arrow keys alone, and closes the search on Tab: from
  // a result, Tab went on to a link behind the search, and Shift+Tab to the search field (Material
  // takes any other key, Shift included, as typing). While the search shows results, Tab and
  // Shift+Tab go round its field, its clear button and its results, as the arrow keys do.
  // Escape closes it, as in Material, from wherever focus is in it, and the next Tab goes on from
  // the search field. With nothing typed, Tab leaves the search as before: there is nothing to reach.
  function searchKeys() {
    var toggle = document.getElementById("__search");
    var search = document.querySelector(".md-search");
    var input = document.querySelector(".md-search__input");
    if (!toggle || !search || !input) { return; }
    function stops() {
      return [input].concat(shown(search.querySelectorAll(
        '.md-search__options button, .md-search-result a[href], .md-search-result summary')));
    }
    document.addEventListener("keydown", function (event) {
      var active = document.activeElement;
      if (!toggle.checked || !search.contains(active)) { return; }
      if (event.key === "Shift" && active !== input) {
        event.stopPropagation();
      } else if (event.key === "Tab" && !event.altKey && !event.ctrlKey && !event.metaKey) {
        if (tabWithin(event, stops())) { event.stopPropagation(); }
      } else if (event.key === "Escape" && active !== input) {
        input.focus();
      }
    }, true);
  }

  // On narrow screens the open search locks page scrolling, so when Tab leaves
  // the search field for a link further down, the browser cannot scroll to it
  // and focus lands out of sight (WCAG 2.4.11): once the search has closed,
  // bring the focused element into view.
  function keepFocusInView() {
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (!(target instanceof Element) || target.closest(".md-search")) { return; }
      function reveal() {
        if (document.activeElement !== target) { return; }
        var box = target.getBoundingClientRect();
        if (box.bottom <= 0 || box.top >= window.innerHeight) {
          target.scrollIntoView({ block: "center" });
        }
      }
      // Now, and again once the search has finished closing.
      window.requestAnimationFrame(function () { window.requestAnimationFrame(reveal); });
      window.setTimeout(reveal, 300);
    });
  }

  function init() {
    keepFocusInView();
    nameSearchDialog();
    keyboardDrawerButton();
    drawerPanels();
    paletteButton();
    searchKeys();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
