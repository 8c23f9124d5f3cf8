/* Keyboard and screen-reader repairs to Material for MkDocs' own markup.
 * Each fixes a failure found by the browser tests (tests/browser/test_accessibility.py,
 * tests/browser/test_keyboard.py); without this script the site still works. */
(function () {
  "use strict";

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
    });
    toggle.addEventListener("change", sync);
    label.replaceWith(button);
    sync();
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
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
