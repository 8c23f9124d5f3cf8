/* Progressive enhancement for the Compact site.
 * Every page is complete without this script: it only adds copy buttons and
 * the filter on /commitments/. Nothing is sent anywhere. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function setUpCopyButtons(root) {
    root.querySelectorAll(".compact-share").forEach(function (box) {
      var status = box.querySelector(".compact-share__status");
      box.querySelectorAll("button[data-copy]").forEach(function (button) {
        button.addEventListener("click", function () {
          var what = button.textContent.replace(/^Copy /, "");
          copyText(button.getAttribute("data-copy")).then(
            function () { status.textContent = "Copied the " + what + " to the clipboard."; },
            function () { status.textContent = "Could not copy: select the " + what + " above and copy it."; }
          );
        });
      });
      box.hidden = false;
    });
  }

  function setUpFilter(root) {
    var form = root.querySelector("#compact-filter");
    var list = root.querySelector("#compact-all");
    if (!form || !list) { return; }
    var status = form.querySelector("#compact-filter-status");
    var empty = form.querySelector("#compact-filter-empty");
    var unknown = [];
    // Only the fields this Compact's filter has: one without parts, topics or more than one party has fewer.
    var fields = ["theme", "sector", "topic"].filter(function (name) { return form.elements[name]; });
    var items = Array.prototype.slice.call(list.querySelectorAll(".compact-item"));
    var groups = Array.prototype.slice.call(list.querySelectorAll(".compact-group"));

    function read() {
      var state = {};
      fields.forEach(function (name) { state[name] = form.elements[name].value; });
      return state;
    }

    function apply(state) {
      var shown = 0;
      items.forEach(function (item) {
        var topics = (item.getAttribute("data-topics") || "").split(" ");
        var visible = (!state.theme || item.getAttribute("data-theme") === state.theme) &&
          (!state.sector || (item.getAttribute("data-binds") || "").split(" ").indexOf(state.sector) !== -1) &&
          (!state.topic || topics.indexOf(state.topic) !== -1);
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".compact-item:not([hidden])");
        // The page's table of contents lists only the themes still on screen.
        var heading = group.querySelector("h2[id]");
        if (!heading) { return; }
        document.querySelectorAll('.md-nav--secondary a[href="#' + heading.id + '"]').forEach(function (entry) {
          entry.parentElement.hidden = group.hidden;
        });
      });
      var option = state.sector ? form.elements.sector.selectedOptions[0] : null;
      var which = option && option.getAttribute("data-binds") ? " " + option.getAttribute("data-binds") : "";
      status.textContent = (unknown.length ? unknown.join(" ") + " " : "") + "Showing " + shown + " of " + items.length + " " + status.getAttribute("data-provisions") + which + ".";
      empty.hidden = shown !== 0;
    }

    function save(state) {
      var params = new URLSearchParams(window.location.search);
      fields.forEach(function (name) {
        if (state[name]) { params.set(name, state[name]); } else { params.delete(name); }
      });
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (name) {
      var wanted = params.get(name);
      var select = form.elements[name];
      if (!wanted) { return; }
      if (Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      } else {
        var label = form.querySelector('label[for="' + select.id + '"]').textContent.toLowerCase();
        unknown.push("There is no " + label + " \u201c" + wanted + "\u201d, so every " + label + " is shown.");
      }
    });
    form.addEventListener("change", function () { unknown = []; var s = read(); apply(s); save(s); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { unknown = []; var s = read(); apply(s); save(s); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(read());
    settled();
  }

  // The home page's "Find a commitment": straight to the commitment's own page. An unknown number
  // reaches the site's 404 page, which names it and links to the list. Without this script the
  // form opens the list of all commitments.
  /* "a commitment", "an undertaking": the rule the pages use (generator/model/types.py, with_article). */
  function article(word) {
    return (/^[aeiou]/i.test(word) ? "an " : "a ") + word;
  }

  function setUpGoto(root) {
    var form = root.querySelector("#compact-goto");
    if (!form) { return; }
    var input = form.querySelector("#compact-goto-number");
    var error = form.querySelector("#compact-goto-error");
    var word = form.getAttribute("data-provision");  // the document's word: "commitment", "undertaking"
    var named = new RegExp("^" + word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "\\s*", "i");
    var numbers = (form.getAttribute("data-numbers") || "").split(" ");  // every provision's number
    form.addEventListener("submit", function (event) {
      // A phone's keypad may give a comma for the point ("1,13"); "1.04" is 1.4.
      var wanted = input.value.trim().replace(named, "").replace(/\s*,\s*/g, ".").replace(/\.$/, "")
        .replace(/(^|\.)0+(?=\d)/g, "$1");
      event.preventDefault();
      if (/^\d+(\.\d+)*$/.test(wanted) && numbers.indexOf(wanted) === -1) {
        error.textContent = form.getAttribute("data-missing").replace("{number}", wanted);
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      if (!/^\d+(\.\d+)*$/.test(wanted)) {
        error.textContent = wanted ? "\u201c" + input.value.trim() + "\u201d is not " + article(word) + " number. " +
          "Type the number the Compact gives it, such as " + input.getAttribute("placeholder") + "."
          : "Type " + article(word) + " number, such as " + input.getAttribute("placeholder") + ".";
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      window.location.href = form.getAttribute("data-pages") + encodeURIComponent(wanted) + "/";
    });
    input.addEventListener("input", function () {
      error.textContent = "";
      input.removeAttribute("aria-invalid");
    });
  }

  // The 404 page at a missing /commitments/<number>/ address: name the number that does not exist.
  function setUpNotFound(root) {
    var box = root.querySelector("#compact-notfound-commitment");
    var match = /\/commitments\/([^\/]+)\/?$/.exec(window.location.pathname);
    if (!box || !match) { return; }
    var wanted;
    try { wanted = decodeURIComponent(match[1]); } catch (e) { wanted = match[1]; }
    if (wanted.length > 20) { wanted = wanted.slice(0, 20) + "\u2026"; }
    box.querySelectorAll('[data-field="id"]').forEach(function (el) { el.textContent = wanted; });
    box.hidden = false;
  }

  // What waited unseen for a script (overrides/main.html, `compact-pending`) is drawn once it has run.
  function settled() {
    document.documentElement.classList.remove("compact-pending");
  }

  // Shared with the other scripts of the site (complaints.js), loaded after this one.
  window.CompactSite = { copyText: copyText, settled: settled };

  function init() {
    setUpCopyButtons(document);
    setUpFilter(document);
    setUpGoto(document);
    setUpNotFound(document);
  }

  // Loaded at the end of the body, so the page's content is already there: apply the filter
  // now, before the browser paints the whole list and then takes most of it away.
  init();
})();
