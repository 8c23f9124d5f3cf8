/* The complaints guide (/complaints/?commitment=1.4): shows the chosen
 * commitment and a summary to copy or print. Everything it needs is in the
 * page's own JSON (#compact-complaints-data): nothing is fetched and nothing
 * is sent anywhere. Without this script the guide is still complete.
 * Loaded on every page; does nothing where that JSON is absent. */
(function () {
  "use strict";

  // From compact.js, which the site loads first.
  var copyText = window.CompactSite.copyText;

  function fill(section, name, value) {
    section.querySelectorAll('[data-field="' + name + '"]').forEach(function (el) {
      el.textContent = value;
    });
  }

  function summary(data, record) {
    var lines = [
      "Commitment " + record.id + " of " + data.source + " (" + record.sector + " commitment): " +
        record.text + " — " + record.url,
      ""
    ];
    data.fields.forEach(function (field) { lines.push(field + ": ", ""); });
    return lines.join("\n").replace(/\n+$/, "\n");
  }

  function showCommitment(data, record) {
    var section = document.getElementById("compact-complaint");
    ["id", "text", "sector", "theme"].forEach(function (name) { fill(section, name, record[name]); });
    section.querySelector('a[data-field="page"]').setAttribute("href", record.page);

    var box = document.getElementById("compact-summary");
    var status = document.getElementById("compact-summary-status");
    var printout = document.getElementById("compact-summary-printout");
    box.value = summary(data, record);
    // The printed page shows the summary as plain text, including what was typed.
    printout.textContent = box.value;
    box.addEventListener("input", function () { printout.textContent = box.value; });

    document.getElementById("compact-summary-copy").addEventListener("click", function () {
      copyText(box.value).then(
        function () { status.textContent = "Copied the summary to the clipboard."; },
        function () {
          box.focus();
          box.select();
          status.textContent = "Could not copy automatically: the summary is selected, so copy it with your keyboard.";
        }
      );
    });
    document.getElementById("compact-summary-print").addEventListener("click", function () {
      document.documentElement.classList.add("compact-print-summary");
      window.print();
    });
    window.addEventListener("afterprint", function () {
      document.documentElement.classList.remove("compact-print-summary");
    });

    section.hidden = false;
    document.title = "Commitment " + record.id + " – " + document.title;
  }

  function showUnknown(wanted) {
    var section = document.getElementById("compact-complaint-unknown");
    fill(section, "id", wanted.length > 20 ? wanted.slice(0, 20) + "…" : wanted);
    section.hidden = false;
  }

  function init() {
    var source = document.getElementById("compact-complaints-data");
    if (!source) { return; }
    // The note for readers without JavaScript does not apply here.
    var note = document.getElementById("compact-complaint-nojs");
    if (note) { note.hidden = true; }
    var wanted = new URLSearchParams(window.location.search).get("commitment");
    if (wanted === null) { return; }
    wanted = wanted.trim();
    var data;
    try { data = JSON.parse(source.textContent); } catch (e) { return; }
    var record = null;
    data.commitments.forEach(function (c) { if (c.id === wanted) { record = c; } });
    if (record) {
      showCommitment(data, record);
    } else {
      showUnknown(wanted);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
