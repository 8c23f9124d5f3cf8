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

  // Every blank line of the summary: the sender's (name, organisation, contact), then the data's.
  function labels(data) {
    return (data.sender || []).concat(data.fields);
  }

  function summary(data, record) {
    var lines = [
      record.Name + " of " + data.source + " (" + record.sector + " " + data.words.provision + "): " +
        record.text + " — " + record.url,
      ""
    ];
    labels(data).forEach(function (field) { lines.push(field + ": ", ""); });
    return lines.join("\n").replace(/\n+$/, "\n");
  }

  // What the reader wrote after each field's label in the summary ("Organisation concerned: …"),
  // for the printed form; text before the first label is the commitment, printed on its own.
  function answers(text, fields) {
    var found = {};
    var current = null;
    text.split("\n").forEach(function (line) {
      var field = fields.filter(function (name) { return line.indexOf(name + ":") === 0; })[0];
      if (field) {
        current = field;
        found[field] = [line.slice(field.length + 1).trim()];
      } else if (current) {
        found[current].push(line);
      }
    });
    var list = fields.map(function (name) { return [name, (found[name] || []).join("\n").trim()]; });
    if (current === null && text.trim()) { list.push(["Notes", text.trim()]); }  // labels removed
    return list;
  }

  function fillForm(data, text) {
    var form = document.getElementById("compact-summary-fields");
    form.textContent = "";
    var sender = data.sender || [];
    answers(text, labels(data)).forEach(function (pair) {
      var term = document.createElement("dt");
      var answer = document.createElement("dd");
      term.textContent = pair[0];
      answer.textContent = pair[1];
      if (sender.indexOf(pair[0]) >= 0) { answer.className = "compact-printout__line"; }  // one line to write on
      form.appendChild(term);
      form.appendChild(answer);
    });
    fill(document.getElementById("compact-summary-printout"), "date",
      new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }));
  }

  // What the reader can ask for besides the provision's own words: its related provisions (their words,
  // as text) and the blocks of its topics (on the page already; only shown here).
  function showAsks(data, record) {
    var byId = {};
    data.commitments.forEach(function (c) { byId[c.id] = c; });
    var list = document.getElementById("compact-related-list");
    list.textContent = "";
    record.related.forEach(function (id) {
      var other = byId[id];
      if (!other) { return; }
      var item = document.createElement("li");
      var link = document.createElement("a");
      var words = document.createElement("p");
      link.setAttribute("href", other.page);
      link.textContent = other.Name;
      words.className = "compact-text";
      words.textContent = other.text;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + other.sector + " " + data.words.provision + ")"));
      item.appendChild(words);
      list.appendChild(item);
    });
    document.getElementById("compact-related").hidden = list.children.length === 0;
    var topics = document.getElementById("compact-topics");
    if (!topics) { return; }
    var shown = 0;
    topics.querySelectorAll("[data-topic]").forEach(function (block) {
      block.hidden = record.topics.indexOf(block.getAttribute("data-topic")) < 0;
      if (!block.hidden) { shown += 1; }
    });
    topics.hidden = shown === 0;
  }

  function showCommitment(data, record) {
    var section = document.getElementById("compact-complaint");
    ["id", "name", "Name", "text", "sector", "theme", "url"].forEach(function (name) { fill(section, name, record[name]); });
    section.querySelector('a[data-field="page"]').setAttribute("href", record.page);
    showAsks(data, record);

    var box = document.getElementById("compact-summary");
    var status = document.getElementById("compact-summary-status");
    box.value = summary(data, record);
    // The printed page is a form with what was typed, however the page is printed.
    fillForm(data, box.value);
    box.addEventListener("input", function () { fillForm(data, box.value); });
    window.addEventListener("beforeprint", function () { fillForm(data, box.value); });

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
    document.title = record.Name + " – " + document.title;
  }

  function showUnknown(wanted) {
    var section = document.getElementById("compact-complaint-unknown");
    fill(section, "id", wanted.length > 20 ? wanted.slice(0, 20) + "…" : wanted);
    section.hidden = false;
  }

  function init() {
    try {
      show();
    } finally {
      window.CompactSite.settled();
    }
  }

  function show() {
    var source = document.getElementById("compact-complaints-data");
    if (!source) { return; }
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
