/* Run in the page's head, before it is drawn (overrides/main.html): say that scripts run, and keep
 * unseen what a script will change on a page whose address asks for it (data-waits-for, such as the
 * filter's ?sector=) or that draws what the browser keeps (data-waits-for-kept, a localStorage
 * entry), until the page's script has run. */
(function (root, script) {
  "use strict";
  root.classList.add("compact-js");
  var names = script && script.getAttribute("data-waits-for");
  var kept = script && script.getAttribute("data-waits-for-kept");
  var asked = new URLSearchParams(window.location.search);
  if (names && names.split(" ").some(function (name) { return asked.has(name); })) { root.classList.add("compact-pending"); }
  try { if (kept && window.localStorage.getItem(kept)) { root.classList.add("compact-pending"); } } catch (e) { /* no storage: nothing kept */ }
})(document.documentElement, document.currentScript);
