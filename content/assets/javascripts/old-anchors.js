/*
 * Old anchors on listing pages keep working.
 *
 * When a commitment is renumbered, merged or withdrawn (see the editions in compact_data/),
 * links such as /themes/allocating-resources/#commitment-1.20 point at an anchor that is
 * no longer on the page. The build writes a map of old anchors to new places into the
 * page (<script type="application/json" id="compact-old-anchors">); this script follows
 * it. An anchor that still exists on the page is never redirected.
 */
(function () {
  "use strict";

  function oldAnchors() {
    var element = document.getElementById("compact-old-anchors");
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function follow() {
    var map = oldAnchors();
    if (!map || location.hash.length < 2) {
      return;
    }
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    if (document.getElementById(id) || !Object.prototype.hasOwnProperty.call(map, id)) {
      return;
    }
    location.replace(new URL(map[id], location.href).href);
  }

  follow();
  window.addEventListener("hashchange", follow);
})();
