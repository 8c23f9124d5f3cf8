/*
 * Exact phrases first: a thin wrapper around Material's own search worker.
 *
 * Material's search (Lunr.js) scores words one by one, so a commitment holding the whole
 * phrase someone typed ("social value") can rank below pages that hold its words apart.
 * This worker loads Material's worker unchanged, watches the messages it receives and sends,
 * and moves to the top the results whose words contain the typed words in order (each typed
 * word may be the start of the page's word: "paying in advance" finds "payment in advance").
 * The order within each group is Material's. overrides/main.html points the search here,
 * with Material's worker's file name in the address (?worker=).
 */
"use strict";

(function () {
  const SETUP = 0, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
  const worker = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(worker)) {
    throw new Error("phrase-search.js: no Material search worker named in ?worker=");
  }

  let docs = [];             // the search index's documents, as Material received them
  let words = null;          // {location: [[word, its stem], …]}, made at the first query
  let phrase = [];           // the last query's words, stemmed

  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", nbsp: " " };

  function plain(html) {
    return String(html || "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name) => ENTITIES[name]);
  }

  function split(text) {
    // Lunr's own separator (from mkdocs.yml, set by Material's worker), and lower case.
    return plain(text).toLowerCase().split(self.lunr.tokenizer.separator).filter(Boolean);
  }

  function stem(word) {
    return self.lunr.stemmer(new self.lunr.Token(word)).toString();
  }

  function indexWords() {
    words = {};
    for (const doc of docs) {
      // The page's readers' words (search.yaml) too, kept in a field of their own (keywords).
      const all = [doc.title, doc.text, doc.keywords].map(field => field || "").join(" . ");
      words[doc.location] = split(all).map(word => [word, stem(word)]);
    }
  }

  function matches(typed, [word, itsStem]) {
    // A short word ("in", "of") must be itself, not the start of another.
    return typed.length < 3 ? word === typed : word.startsWith(typed) || itsStem === typed;
  }

  function holdsPhrase(location) {
    const list = words[location] || [];
    outer: for (let i = 0; i + phrase.length <= list.length; i++) {
      for (let j = 0; j < phrase.length; j++) {
        if (!matches(phrase[j], list[i + j])) { continue outer; }
      }
      return true;
    }
    return false;
  }

  function reorder(result) {
    if (phrase.length < 2 || !result || !Array.isArray(result.items)) { return result; }
    if (words === null) { indexWords(); }
    const first = [], rest = [];
    for (const group of result.items) {
      (group.some(item => holdsPhrase(item.location)) ? first : rest).push(group);
    }
    return Object.assign({}, result, { items: first.concat(rest) });
  }

  // Listeners run in the order they were added: this one sees each message before Material's.
  self.addEventListener("message", event => {
    const message = event.data || {};
    if (message.type === SETUP) {
      docs = (message.data && message.data.docs) || [];
      words = null;
    } else if (message.type === QUERY) {
      const query = String(message.data || "").replace(/["+\-~^*]/g, " ");
      phrase = self.lunr ? split(query).map(stem) : [];
    }
  });

  const post = self.postMessage.bind(self);
  self.postMessage = function (message, ...rest) {
    if (message && message.type === RESULT) {
      message = Object.assign({}, message, { data: reorder(message.data) });
    }
    return post(message, ...rest);
  };

  self.importScripts(worker);
})();
