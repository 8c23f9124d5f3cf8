/* The self-assessment and action plan (/self-assessment/).
 *
 * An organisation's answers are kept in this browser's localStorage, saved at every change;
 * files are made and read in the browser. Nothing is fetched and nothing is sent anywhere.
 * What the page needs is its own JSON (#compact-assess-data, generator/assessment.py): the
 * commitments, which bind each party, and what became of earlier editions' commitments.
 * Text from the reader or from a file is only ever set as textContent or a field's value,
 * never as markup. Loaded on every page; does nothing where that JSON is absent. */
(() => {
  "use strict";

  const source = document.getElementById("compact-assess-data");
  const root = document.getElementById("compact-assess");
  if (!source || !root) { return; }
  const data = JSON.parse(source.textContent);
  const $ = (id) => document.getElementById(id);
  const FIELDS = ["evidence", "action", "owner", "due"];
  const TEXTS = ["organisation", "date", "evidence", "action", "owner", "due", "note"];
  // Only these three have an order, so that a change between them is an improvement or a slip.
  const RANK = { "not-yet": 0, partly: 1, met: 2 };
  // A spreadsheet runs a cell that starts with one of these as a formula: such cells get a quote first.
  const FORMULA = /^[=+\-@\t\r]/;
  // Markup a file should not hold (a tag, a comment, a declaration); shown as text all the same.
  const MARKUP = /<\s*[a-z!?/]/i;
  // The document's own words for its provisions and parts ("Commitment", "Undertaking"; "Theme").
  const vocabulary = data.words;
  const statusLabel = Object.fromEntries(data.statuses.map((s) => [s.key, s.label]));
  const commitments = new Map(data.commitments.map((c) => [c.id, c]));
  const items = new Map([...root.querySelectorAll(".compact-assess__item")].map((el) => [el.dataset.id, el]));

  class BadFile extends Error {}

  // -- Keeping assessments on this device ----------------------------------------------------

  function loadStore() {
    try {
      const kept = JSON.parse(localStorage.getItem(data.storage) || "null");
      if (kept && typeof kept.assessments === "object" && kept.assessments !== null) { return kept; }
    } catch (error) { /* unreadable or storage turned off: start with none */ }
    return { current: null, assessments: {} };
  }

  let store = loadStore();
  let current = null;
  let compared = null;
  let combined = null;

  function today() {
    const now = new Date();
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  }

  function blank() {
    return { organisation: "", date: today(), sector: "", answers: {}, withdrawn: [] };
  }

  function nameOf(assessment) {
    return `${assessment.organisation.trim() || "Unnamed organisation"}, ${assessment.date || "undated"}`;
  }

  function answerOf(id) {
    return current.answers[id] || { status: null, evidence: "", action: "", owner: "", due: "", review: false, note: "" };
  }

  // Written at every change; `what` says what changed, for the status line screen readers hear.
  function persist(what) {
    if (!current.key) {
      current.key = `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      store.assessments[current.key] = current;
    }
    store.current = current.key;
    try {
      localStorage.setItem(data.storage, JSON.stringify(store));
      say($("assess-saved"), `${what ? `${what} ` : ""}Saved on this device at ${clock()}.`);
    } catch (error) {
      say($("assess-saved"), "Could not save on this device (its storage is full or turned off): " +
        "save your assessment as a file so as not to lose it.", true);
    }
  }

  function clock() {
    return new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  }

  function say(element, text, isError) {
    element.textContent = text;
    element.classList.toggle("compact-assess__message--error", Boolean(isError));
  }

  // -- Showing the open assessment -------------------------------------------------------------

  function open(assessment) {
    current = assessment;
    $("assess-organisation").value = current.organisation;
    $("assess-date").value = current.date;
    if ($("assess-sector")) { $("assess-sector").value = current.sector || ""; }
    items.forEach((item, id) => showAnswer(item, answerOf(id)));
    fillChooser();
    refresh();
  }

  function showAnswer(item, answer) {
    item.querySelectorAll('input[type="radio"]').forEach((radio) => { radio.checked = radio.value === answer.status; });
    FIELDS.forEach((field) => { item.querySelector(`[data-field="${field}"]`).value = answer[field] || ""; });
    showFlag(item, answer);
  }

  // A note about an answer brought from an earlier edition, and the request to look at it again.
  function showFlag(item, answer) {
    const flag = item.querySelector("[data-flag]");
    const look = answer.review ? " Look at your answer again." : "";
    flag.querySelector("[data-flag-text]").textContent = (answer.note || "") + look;
    flag.hidden = !answer.note && !answer.review;
  }

  function fillChooser() {
    const chooser = $("assess-which");
    const kept = Object.values(store.assessments);
    if (!current.key) { kept.push(current); }
    chooser.textContent = "";
    kept.sort((a, b) => nameOf(a).localeCompare(nameOf(b))).forEach((assessment) => {
      const option = new Option(nameOf(assessment), assessment.key || "", false, assessment === current);
      chooser.append(option);
    });
  }

  // The party the assessment is for: the one chosen, or the Compact's only one (no question asked).
  function chosenParty() {
    return data.parties.length === 1 ? data.parties[0] : data.parties.find((p) => p.key === current.sector);
  }

  // The commitments that bind the chosen party (the model's rule, worked out by the generator).
  function shownIds() {
    const party = chosenParty();
    return party ? party.binds : data.commitments.map((c) => c.id);
  }

  function refresh() {
    const shown = new Set(shownIds());
    items.forEach((item, id) => { item.hidden = !shown.has(id); });
    root.querySelectorAll(".compact-assess__part").forEach((part) => {
      part.hidden = !part.querySelector(".compact-assess__item:not([hidden])");
    });
    showProgress(shown);
    showWithdrawn();
    showReport();
    followToc();
  }

  // The page's table of contents lists only the parts still on screen.
  function followToc() {
    root.querySelectorAll("h2[id]").forEach((heading) => {
      const hidden = Boolean(heading.closest("[hidden]"));
      document.querySelectorAll(`.md-nav--secondary a[href="#${CSS.escape(heading.id)}"]`).forEach((entry) => {
        entry.parentElement.hidden = hidden;
      });
    });
  }

  // How many of these answers have each status ("open": none yet).
  function countsOf(answers) {
    const counts = Object.fromEntries(data.statuses.map((s) => [s.key, 0]));
    counts.open = 0;
    answers.forEach((answer) => { counts[answer && answer.status in statusLabel ? answer.status : "open"] += 1; });
    return counts;
  }

  function showProgress(shown) {
    const rows = [...data.themes.map((t) => [String(t.number), t.number]), ["all", null]];  // number: the part's key
    rows.forEach(([part, number]) => {
      const ids = [...shown].filter((id) => number === null || commitments.get(id).theme === number);
      const counts = countsOf(ids.map((id) => current.answers[id]));
      const row = $("assess-progress").querySelector(`tr[data-part="${part}"]`);
      row.hidden = ids.length === 0;
      row.querySelectorAll("[data-count]").forEach((cell) => { cell.textContent = counts[cell.dataset.count]; });
      const line = root.querySelector(`[data-part-progress="${part}"]`);
      if (line) { line.textContent = `${ids.length - counts.open} of ${ids.length} answered`; }
    });
  }

  function showWithdrawn() {
    const list = $("assess-withdrawn-list");
    list.textContent = "";
    current.withdrawn.forEach((answer) => {
      const words = `${vocabulary.Provision} ${answer.id} of the ${answer.edition} edition: “${answer.text}” ` +
        `${answer.status ? statusLabel[answer.status] : "Not answered"}.`;
      list.append(element("li", {}, words, ...FIELDS.filter((f) => answer[f]).map((f) => element("p", {}, `${f}: ${answer[f]}`))));
    });
    $("assess-withdrawn").hidden = current.withdrawn.length === 0;
  }

  // -- Changes, each saved at once -------------------------------------------------------------

  function setAnswer(id, field, value) {
    current.answers[id] = { ...answerOf(id), [field]: value };
  }

  function onListInput(event) {
    const item = event.target.closest(".compact-assess__item");
    if (!item) { return; }
    const id = item.dataset.id;
    if (event.target.type === "radio") {
      setAnswer(id, "status", event.target.value);
      refresh();
      persist(`${provisionName(id)}: ${statusLabel[event.target.value]}.`);
    } else if (event.target.dataset.field) {
      setAnswer(id, event.target.dataset.field, event.target.value);
      showReport();
      persist();
    }
  }

  function onReviewed(event) {
    const button = event.target.closest("[data-reviewed]");
    if (!button) { return; }
    const item = button.closest(".compact-assess__item");
    current.answers[item.dataset.id] = { ...answerOf(item.dataset.id), review: false, note: "" };
    showFlag(item, answerOf(item.dataset.id));
    item.querySelector('input[type="radio"]').focus();
    persist(`${provisionName(item.dataset.id)}: looked at again.`);
  }

  function onDetails(field, value) {
    current[field] = value;
    if (field === "sector") { refresh(); } else { fillChooser(); showReport(); }
    persist();
  }

  function onChoose() {
    const chosen = store.assessments[$("assess-which").value];
    if (chosen && chosen !== current) {
      open(chosen);
      persist(`Opened “${nameOf(chosen)}”.`);
    }
  }

  function onNew() {
    open(blank());
    persist("Started a new assessment.");
    $("assess-organisation").focus();
  }

  // Deleting asks first, in the page (a sentence and two buttons), and says what cannot be undone.
  function onDelete() {
    $("assess-confirm-text").textContent = `Delete “${nameOf(current)}” from this device? ` +
      "Its answers cannot be brought back, unless you have saved them as a file.";
    $("assess-confirm").hidden = false;
    $("assess-confirm-no").focus();
  }

  function onConfirm(yes) {
    $("assess-confirm").hidden = true;
    if (!yes) { $("assess-delete").focus(); return; }
    const gone = nameOf(current);
    delete store.assessments[current.key];
    const next = Object.values(store.assessments)[0];
    open(next || blank());
    persist(`Deleted “${gone}”.`);
    $("assess-which").focus();
  }

  // -- Files: save, open, export ---------------------------------------------------------------

  function toFile(assessment) {
    const ids = new Set([...shownIds(), ...Object.keys(assessment.answers)]);
    return {
      $schema: data.schema,
      format: data.format,
      version: data.version,
      compact: data.compact,
      edition: data.edition,
      organisation: assessment.organisation,
      date: assessment.date,
      sector: assessment.sector || null,
      saved: new Date().toISOString(),
      answers: data.commitments.filter((c) => ids.has(c.id)).map((c) => {
        const answer = assessment.answers[c.id] || {};
        const fields = Object.fromEntries(FIELDS.map((f) => [f, answer[f] || ""]));
        return { id: c.id, text: c.text, status: answer.status || null, ...fields,
          review: Boolean(answer.review), note: answer.note || "" };
      }),
      withdrawn: assessment.withdrawn,
    };
  }

  function fileName(extension) {
    const who = current.organisation.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return [data.slug, "self-assessment", who, current.date].filter(Boolean).join("-") + extension;
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = element("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function onSave() {
    const name = fileName(".json");
    download(name, "application/json", `${JSON.stringify(toFile(current), null, 2)}\n`);
    say($("assess-message"), `Saved “${nameOf(current)}” as the file ${name}, in your downloads.`);
  }

  function csvCell(value) {
    const text = String(value === null || value === undefined ? "" : value);
    return `"${(FORMULA.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
  }

  // Every cell quoted, so that ids such as 1.10 arrive as text; a byte-order mark for spreadsheets.
  function onCsv() {
    const header = ["id", "theme", "commitment", "status", "evidence", "action", "owner", "by_when", "look_again"];
    const rows = toFile(current).answers.map((a) => [a.id, commitments.get(a.id).theme, a.text,
      a.status ? statusLabel[a.status] : "", a.evidence, a.action, a.owner, a.due, a.review ? "yes" : ""]);
    const text = [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n");
    const name = fileName(".csv");
    download(name, "text/csv", `\ufeff${text}\r\n`);
    say($("assess-message"), `Exported “${nameOf(current)}” as the table ${name}, in your downloads.`);
  }

  async function readFile(file) {
    if (file.size > data.maxBytes) {
      throw new BadFile(`“${file.name}” is ${megabytes(file.size)}: too large to be a self-assessment file ` +
        `(at most ${megabytes(data.maxBytes)}).`);
    }
    let parsed;
    try {
      parsed = JSON.parse(await file.text());
    } catch (error) {
      throw new BadFile(`“${file.name}” is not a self-assessment file: it is not JSON. ` +
        "Choose a file this page saved (its name ends in .json).");
    }
    return fromFile(parsed, file.name);
  }

  function megabytes(size) {
    return `${(size / 1048576).toFixed(1)} MB`;
  }

  // The checks a file must pass before anything of it is used, each told in a sentence.
  function checkFile(file, name) {
    if (!isObject(file) || file.format !== data.format) {
      throw new BadFile(`“${name}” is not a self-assessment file saved by this page.`);
    }
    if (file.version !== data.version) {
      throw new BadFile(`“${name}” is in format version ${shorten(file.version)}, which this page cannot read ` +
        `(it reads version ${data.version}): it may come from a newer version of the page.`);
    }
    if (file.compact !== data.compact) {
      throw new BadFile(`“${name}” is an assessment against “${shorten(file.compact)}”, not ${data.name}.`);
    }
    if (file.edition !== data.edition && !data.editions[String(file.edition)]) {
      const known = [...Object.keys(data.editions), String(data.edition)].join(", ");
      throw new BadFile(`“${name}” is of the ${shorten(file.edition)} edition, which this site does not have ` +
        `(it has ${known}).`);
    }
    if (!Array.isArray(file.answers) || (file.withdrawn && !Array.isArray(file.withdrawn))) {
      throw new BadFile(`“${name}” is damaged: its answers are not a list.`);
    }
  }

  function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }

  function shorten(value) {
    const text = String(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  }

  // One answer of a file, as plain strings; anything else makes the file damaged.
  function cleanAnswer(raw, position, name) {
    const damaged = (what) => new BadFile(`“${name}” is damaged: its answer number ${position + 1} ${what}.`);
    if (!isObject(raw) || typeof raw.id !== "string" || !/^\d+\.\d+$/.test(raw.id)) { throw damaged(`has no ${vocabulary.provision} number`); }
    if (raw.status !== null && raw.status !== undefined && !(raw.status in statusLabel)) { throw damaged("has an unknown status"); }
    const answer = { id: raw.id, status: raw.status || null, review: raw.review === true, edition: raw.edition };
    ["text", ...FIELDS, "note"].forEach((field) => {
      const value = raw[field] === undefined ? "" : raw[field];
      if (typeof value !== "string" || value.length > data.maxText) { throw damaged(`has a ${field} that is not text`); }
      answer[field] = value;
    });
    return answer;
  }

  function fromFile(file, name) {
    checkFile(file, name);
    const organisation = typeof file.organisation === "string" ? file.organisation.slice(0, 200) : "";
    const date = typeof file.date === "string" ? file.date.slice(0, 10) : "";
    const answers = file.answers.map((raw, index) => cleanAnswer(raw, index, name));
    const withdrawn = (file.withdrawn || []).map((raw, index) => cleanAnswer(raw, index, name));
    const sector = data.parties.some((p) => p.key === file.sector) ? file.sector : "";
    const moved = migrate(answers, file.edition);
    const assessment = { organisation, date, sector, answers: moved.answers,
      withdrawn: [...withdrawn, ...moved.withdrawn] };
    const markup = [organisation, ...answers.flatMap((a) => TEXTS.map((f) => a[f] || ""))].some((t) => MARKUP.test(t));
    return { assessment, name, edition: file.edition, moved, markup };
  }

  // -- An older edition's answers, moved to the current numbers --------------------------------

  function migrate(answers, edition) {
    const moves = edition === data.edition ? {} : data.editions[String(edition)];
    const result = { answers: {}, withdrawn: [], moved: 0, review: 0 };
    answers.forEach((answer) => {
      const move = moves[answer.id];
      if ((move && move.action === "withdrawn") || (!move && !commitments.has(answer.id))) {
        result.withdrawn.push({ ...answer, edition });
        return;
      }
      (move ? move.to : [answer.id]).forEach((to) => place(result, to, answer, move, edition));
    });
    result.review = Object.values(result.answers).filter((a) => a.review).length;
    return result;
  }

  function place(result, to, answer, move, edition) {
    const reworded = answer.text !== commitments.get(to).text;
    const notes = [answer.note, move ? moveNote(move, answer.id, edition) : "",
      reworded && edition !== data.edition ? `Reworded since the ${edition} edition.` : ""];
    const earlier = result.answers[to];
    const review = answer.review || reworded || Boolean(move && move.action !== "moved");
    if (move) { result.moved += 1; }
    if (!earlier) {
      result.answers[to] = { status: answer.status, ...pick(answer), review, note: join(notes, " ") };
      return;
    }
    // Two answers for one commitment now (one was merged into the other): keep both, and ask for a look.
    result.answers[to] = { status: earlier.status || answer.status, review: true, note: join([earlier.note, ...notes], " "),
      ...Object.fromEntries(FIELDS.map((f) => [f, f === "due" ? earlier.due || answer.due : join([earlier[f], answer[f]], "\n\n")])) };
  }

  function moveNote(move, old, edition) {
    const was = `${vocabulary.provision} ${old} of the ${edition} edition`;
    const notes = {
      moved: `This was ${was}.`,
      merged: `The answer to ${was}, since merged into this one.`,
      split: `The answer to ${was}, since split into ${move.to.join(" and ")}.`,
    };
    return join([notes[move.action], move.note], " ");
  }

  function pick(answer) {
    return Object.fromEntries(FIELDS.map((f) => [f, answer[f]]));
  }

  function join(parts, separator) {
    return parts.filter(Boolean).join(separator);
  }

  function describeOpened(read) {
    const parts = [`${Object.keys(read.assessment.answers).length} answers`];
    if (read.edition !== data.edition) {
      parts.push(`brought from the ${read.edition} edition to ${data.label}: ${read.moved.moved} moved to new numbers, ` +
        `${read.moved.review} to look at again, ${read.moved.withdrawn.length} withdrawn (listed apart)`);
    }
    const markup = read.markup ? " Some of its notes hold markup (such as “<…>”): they are kept and shown as " +
      "plain text, and never run." : "";
    return `Opened “${nameOf(read.assessment)}” from ${read.name}: ${parts.join("; ")}.${markup}`;
  }

  // A file opens as an assessment of its own: nothing already kept changes.
  async function onOpen(input) {
    const file = input.files[0];
    input.value = "";
    if (!file) { return; }
    try {
      const read = await readFile(file);
      open(read.assessment);
      persist();
      say($("assess-message"), describeOpened(read));
    } catch (error) {
      if (!(error instanceof BadFile)) { throw error; }
      say($("assess-message"), `Not opened: ${error.message} Nothing you keep here has changed.`, true);
    }
  }

  // -- Comparing with last year's file ---------------------------------------------------------

  function changeOf(then, now) {
    if (!then && !now) { return null; }
    if (!then) { return "new"; }
    if (!now) { return "no longer answered"; }
    if (then === now) { return "same"; }
    if (then in RANK && now in RANK) { return RANK[now] > RANK[then] ? "improved" : "slipped"; }
    return "changed";
  }

  async function onCompare(input) {
    const file = input.files[0];
    input.value = "";
    if (!file) { return; }
    try {
      compared = await readFile(file);
    } catch (error) {
      if (!(error instanceof BadFile)) { throw error; }
      say($("assess-message"), `Not compared: ${error.message}`, true);
      return;
    }
    showComparison();
    $("assess-compare-summary").focus();
  }

  function showComparison() {
    const rows = $("assess-compare-rows");
    const tally = {};
    rows.textContent = "";
    shownIds().forEach((id) => {
      const then = (compared.assessment.answers[id] || {}).status;
      const now = answerOf(id).status;
      const change = changeOf(then, now);
      if (!change) { return; }
      tally[change] = (tally[change] || 0) + 1;
      rows.append(element("tr", {}, element("th", { scope: "row" }, provisionName(id)),
        element("td", {}, then ? statusLabel[then] : "Not answered"),
        element("td", {}, now ? statusLabel[now] : "Not answered"), element("td", {}, change)));
    });
    const order = ["improved", "slipped", "new", "changed", "no longer answered", "same"];
    const counts = order.filter((k) => tally[k]).map((k) => `${tally[k]} ${k}`).join(", ") || "no answers in either";
    say($("assess-compare-summary"), `Since “${nameOf(compared.assessment)}” (${compared.name}): ${counts}.`);
    $("assess-compare").hidden = false;
  }

  // -- Combining several organisations' files --------------------------------------------------

  async function onCombine(input) {
    const files = [...input.files];
    input.value = "";
    if (!files.length) { return; }
    const read = [];
    const refused = [];
    for (const file of files) {
      try {
        read.push(await readFile(file));
      } catch (error) {
        if (!(error instanceof BadFile)) { throw error; }
        refused.push(error.message);
      }
    }
    combined = read.length ? read : null;
    const left = refused.length ? ` Left out: ${refused.join(" ")}` : "";
    if (!combined) {
      say($("assess-message"), `Nothing to combine.${left}`, true);
      return;
    }
    say($("assess-combine-summary"), `Combined ${read.length} files: ${read.map((r) => nameOf(r.assessment)).join("; ")}.${left}`,
      refused.length > 0);
    showCombined();
    $("assess-combine").hidden = false;
    $("assess-print-combined").hidden = false;
    $("assess-combine-summary").focus();
  }

  function showCombined() {
    const rows = $("assess-combine-rows");
    const withNotes = $("assess-combine-notes").checked;
    rows.textContent = "";
    data.commitments.forEach((c) => {
      const counts = countsOf(combined.map((r) => r.assessment.answers[c.id]));
      rows.append(element("tr", {}, element("th", { scope: "row" }, provisionName(c.id)),
        ...data.statuses.map((s) => element("td", {}, String(counts[s.key]))), element("td", {}, String(counts.open))));
      const notes = withNotes ? notesOf(c.id) : [];
      if (notes.length) {
        rows.append(element("tr", { className: "compact-assess__notes" },
          element("td", { colSpan: data.statuses.length + 2 }, element("ul", {}, ...notes))));
      }
    });
    showReport();
  }

  function notesOf(id) {
    return combined.filter((r) => r.assessment.answers[id]).map((r) => {
      const answer = r.assessment.answers[id];
      const said = FIELDS.filter((f) => answer[f]).map((f) => `${f}: ${answer[f]}`);
      return said.length ? element("li", {}, `${nameOf(r.assessment)}: ${said.join("; ")}`) : null;
    }).filter(Boolean);
  }

  // -- The report to print ---------------------------------------------------------------------

  function element(tag, properties, ...children) {
    const made = Object.assign(document.createElement(tag), properties);
    made.append(...children);
    return made;
  }

  function progressCopy() {
    const table = $("assess-progress").cloneNode(true);
    table.removeAttribute("id");
    return table;
  }

  // Drawn at every change (not when printing starts, which a PDF made by the browser never announces).
  function showReport() {
    const report = $("assess-report");
    const view = root.dataset.print;
    const party = chosenParty();
    const facts = [current.date, party ? party.name : `every ${vocabulary.provision}`, data.label].filter(Boolean).join(" · ");
    report.textContent = "";
    if (view === "combined" && combined) {
      report.append(element("h2", {}, `Combined summary of ${combined.length} self-assessments`),
        element("p", {}, `${data.label}: ${combined.map((r) => nameOf(r.assessment)).join("; ")}`),
        $("assess-combine").querySelector("table").cloneNode(true));
      return;
    }
    const title = view === "plan" ? "Action plan" : "Self-assessment";
    report.append(element("h2", {}, `${title}: ${current.organisation || "Unnamed organisation"}`), element("p", {}, facts));
    report.append(...(view === "plan" ? [planTable()] : [progressCopy(), ...reportParts()]));
  }

  function planTable() {
    const planned = shownIds().filter((id) => ["action", "owner", "due"].some((f) => answerOf(id)[f]));
    const head = [vocabulary.Provision, "Action", "Owner", "By when", "Status"].map((h) => element("th", { scope: "col" }, h));
    const rows = planned.map((id) => {
      const a = answerOf(id);
      return element("tr", {}, element("th", { scope: "row" }, id), element("td", {}, a.action), element("td", {}, a.owner),
        element("td", {}, a.due), element("td", {}, a.status ? statusLabel[a.status] : "Not answered"));
    });
    if (!rows.length) { return element("p", {}, "No actions yet."); }
    return element("table", {}, element("thead", {}, element("tr", {}, ...head)), element("tbody", {}, ...rows));
  }

  function reportParts() {
    const shown = new Set(shownIds());
    const parts = [element("p", { className: "compact-official__label" },
      `Each ${vocabulary.provision}'s words below are the official text of ${data.label}.`)];
    data.themes.forEach((theme) => {
      const ids = data.commitments.filter((c) => c.theme === theme.number && shown.has(c.id));
      if (!ids.length) { return; }
      parts.push(element("h3", {}, theme.heading), ...ids.map(reportItem));
    });
    if (!data.themes.length) { parts.push(...data.commitments.filter((c) => shown.has(c.id)).map(reportItem)); }
    return parts;
  }

  /* How the page names a provision of the current edition ("Commitment 1.4"); another edition's by its id. */
  function provisionName(id) {
    const known = commitments.get(id);
    return known ? known.Name : `${vocabulary.Provision} ${id}`;
  }

  function reportItem(commitment) {
    const a = answerOf(commitment.id);
    const facts = [["Status", a.status ? statusLabel[a.status] : "Not answered"], ["Evidence or notes", a.evidence],
      ["Action", a.action], ["Owner", a.owner], ["By when", a.due]].filter(([, value]) => value);
    return element("div", { className: "compact-assess-report__item" },
      element("h4", {}, provisionName(commitment.id)), element("p", { className: "compact-text" }, commitment.text),
      element("dl", {}, ...facts.flatMap(([term, value]) => [element("dt", {}, term), element("dd", {}, value)])));
  }

  // -- Wiring ----------------------------------------------------------------------------------

  function onFileButton(button, input, handler) {
    $(button).addEventListener("click", () => $(input).click());
    $(input).addEventListener("change", () => handler($(input)));
  }

  function wire() {
    const list = $("assess-list");
    list.addEventListener("input", onListInput);
    list.addEventListener("click", onReviewed);
    ["organisation", "date", "sector"].forEach((field) => {
      const input = $(`assess-${field}`);
      if (input) { input.addEventListener(field === "sector" ? "change" : "input", () => onDetails(field, input.value)); }
    });
    $("assess-which").addEventListener("change", onChoose);
    $("assess-new").addEventListener("click", onNew);
    $("assess-delete").addEventListener("click", onDelete);
    $("assess-confirm-yes").addEventListener("click", () => onConfirm(true));
    $("assess-confirm-no").addEventListener("click", () => onConfirm(false));
    $("assess-save").addEventListener("click", onSave);
    $("assess-csv").addEventListener("click", onCsv);
    onFileButton("assess-open", "assess-open-file", onOpen);
    onFileButton("assess-compare-open", "assess-compare-file", onCompare);
    onFileButton("assess-combine-open", "assess-combine-file", onCombine);
    $("assess-combine-notes").addEventListener("change", showCombined);
    $("assess-compare-close").addEventListener("click", () => { $("assess-compare").hidden = true; compared = null; });
    $("assess-combine-close").addEventListener("click", closeCombined);
    root.querySelectorAll('input[name="assess-print"]').forEach((radio) => {
      radio.addEventListener("change", () => { root.dataset.print = radio.value; showReport(); });
    });
    $("assess-print").addEventListener("click", () => window.print());
  }

  function closeCombined() {
    combined = null;
    $("assess-combine").hidden = true;
    $("assess-print-combined").hidden = true;
    if (root.dataset.print === "combined") { root.querySelector('input[name="assess-print"]').click(); }
  }

  ["assess-compare-summary", "assess-combine-summary"].forEach((id) => $(id).setAttribute("tabindex", "-1"));
  try {
    wire();
    open(store.assessments[store.current] || Object.values(store.assessments)[0] || blank());
  } finally {
    window.CompactSite.settled();  // what waited unseen for the kept answers is drawn (compact.js)
  }
})();
