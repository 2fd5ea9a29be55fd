/* Report form: DOM and data helpers shared by the form's modules.
 * Every piece of text reaches the page through textContent or value, never as markup. */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});

  // Area numbers as the guideline writes them (一、创新驱动助力工程).
  RF.NUMERALS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

  /* A message as el()'s children: its text, each ISO date (YYYY-MM-DD) in a span that keeps it on
   * one line (a narrow column broke “2016-05-” / “12” at the hyphens, as the site's tables would
   * but for `white-space: nowrap`). The text is the message's, character for character: copied,
   * it reads the same. Every message the form shows goes through it. */
  var ISO_DATE = /\d{4}-\d{2}-\d{2}(?!\d)/g;
  // A bracket of the check's words that names a field as the YAML file writes it — “（main_forum）”,
  // “（main_forum: true）” — is for whoever edits the file: shown, like the fields' own names,
  // only when “显示字段名” is ticked (form.css, .rf-key). Copied, the text is still the check's.
  var KEY_NOTE = /（[a-z][a-z0-9_]*(?:: [^（）]*)?）/g;

  function withKeyNotes(text, out) {
    var from = 0;
    KEY_NOTE.lastIndex = 0;
    for (var m = KEY_NOTE.exec(text); m; m = KEY_NOTE.exec(text)) {
      if (m.index > from) out.push(text.slice(from, m.index));
      out.push(RF.el("span", { class: "rf-key", text: m[0] }));
      from = m.index + m[0].length;
    }
    if (from < text.length) out.push(text.slice(from));
  }

  RF.withDates = function (message) {
    var text = String(message);
    var out = [];
    var from = 0;
    ISO_DATE.lastIndex = 0;
    for (var m = ISO_DATE.exec(text); m; m = ISO_DATE.exec(text)) {
      if (m.index > 0 && /\d/.test(text.charAt(m.index - 1))) continue;
      if (m.index > from) withKeyNotes(text.slice(from, m.index), out);
      out.push(RF.el("span", { class: "rf-date", text: m[0] }));
      from = m.index + m[0].length;
    }
    if (from < text.length) withKeyNotes(text.slice(from), out);
    return out;
  };

  /* el("div", {class: "x", text: "…", on: {click: fn}}, [children]) */
  RF.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    var key;
    attrs = attrs || {};
    for (key in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, key) || attrs[key] == null) continue;
      var value = attrs[key];
      if (key === "text") node.textContent = String(value);
      else if (key === "class") node.className = value;
      else if (key === "on") {
        for (var type in value) node.addEventListener(type, value[type]);
      } else if (key === "value") node.value = value;
      else if (key === "checked" || key === "disabled" || key === "selected" || key === "hidden") node[key] = !!value;
      else if (key === "dataset") {
        for (var d in value) node.dataset[d] = String(value[d]);
      } else node.setAttribute(key, String(value));
    }
    (children || []).forEach(function (child) {
      if (child == null || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  };

  /* localStorage, where the browser allows it (a private window may refuse). Drafts are kept
   * under "rf-draft:<society>:<year>" (form-drafts.js); "rf-draft" alone is the older single one. */
  RF.DRAFT = "rf-draft";
  RF.store = function (key, value) {
    try {
      if (value) window.localStorage.setItem(key, value);
      else window.localStorage.removeItem(key);
      return true;
    } catch (err) {
      return false; /* nothing is saved: the form still works */
    }
  };
  RF.stored = function (key) {
    try {
      return window.localStorage.getItem(key);
    } catch (err) {
      return null;
    }
  };

  /* An example id for the value at `path`: a society's (cd-…), or an item's, the one its list's
   * sheet and `xlsx import` give in the year (labels.id_examples: svc-2018-01 for a service,
   * station-wenjiang for a station); null elsewhere. */
  RF.idExample = function (labels, path) {
    var n = path.length;
    if (n === 1 && (path[0] === "society" || path[0] === "id")) return "cd-mech-eng";
    if (n < 3 || path[n - 1] !== "id" || typeof path[n - 2] !== "number") return null;
    var list = path.slice(0, -1).filter(function (p) { return typeof p !== "number"; }).join("/");
    return Object.prototype.hasOwnProperty.call(labels.id_examples || {}, list) ? labels.id_examples[list] : null;
  };

  /* Each list's example id in a year's workbook layout (its sheets' id_example), by the list's
   * path without the items' numbers: "innovation/services", "research/achievements". */
  RF.idExamples = function (layout) {
    var out = {};
    layout.sheets.forEach(function (sheet) {
      if (sheet.id_example) out[sheet.path.join("/")] = sheet.id_example;
    });
    return out;
  };

  /* Today in Beijing (the calendar's days are Beijing days), as 2018-11-30. */
  RF.today = function () {
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  };

  /* The year's phase on `day` and what it means for a report sent now (guide-<year>.json). */
  RF.phaseOn = function (guide, day) {
    return (guide.phases || []).filter(function (p) {
      return (p.from === null || p.from <= day) && (p.to === null || day <= p.to);
    })[0] || null;
  };

  /* A year as the start panel's year lists name it: with its phase on `day`, in the guide's words
   * for the phase the form reads for that day (phaseOn), such as “2018 年度（填报已截止）”. A year
   * whose guide or phase is unknown is its number alone. */
  RF.yearLabel = function (year, guide, day) {
    var phase = guide ? RF.phaseOn(guide, day) : null;
    return year + " 年度" + (phase && phase.label ? "（" + phase.label + "）" : "");
  };

  /* The latest of `years` open for filling on `day` (its guide's submission phase), or null. */
  RF.openYear = function (years, guides, day) {
    var open = years.filter(function (y) {
      var phase = guides[y] ? RF.phaseOn(guides[y], day) : null;
      return phase !== null && phase.phase === "submission";
    });
    return open.length ? open[open.length - 1] : null;
  };

  /* The association's contact as the site was built with it (`contact` of the settings, from
   * .github/admins.yaml: site_builder/contact.py), in one paragraph with `attrs`: each entry as
   * text, the address a link only when it is http/https; or, when none is published, the
   * sentence that says so. Null when the settings carry nothing (an older site's). */
  RF.contactLine = function (contact, attrs) {
    if (!contact) return null;
    var entries = contact.entries || [];
    if (!entries.length) return RF.el("p", attrs, [String(contact.unpublished)]);
    var parts = ["联系市科协："];
    entries.forEach(function (entry, i) {
      if (i) parts.push("；");
      parts.push(String(entry.label) + "：");
      var href = typeof entry.href === "string" && /^https?:\/\//i.test(entry.href) ? entry.href : null;
      parts.push(href ? RF.el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: entry.text })
        : String(entry.text));
    });
    parts.push("。");
    return RF.el("p", attrs, parts);
  };

  RF.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  };

  RF.isObject = function (value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  };

  RF.own = function (obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  };

  RF.clone = function (value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  };

  /* The path of `target` (an object, found by identity) inside `node`, or null. */
  RF.findPath = function (node, target) {
    if (node === target) return [];
    if (!node || typeof node !== "object") return null;
    var keys = Array.isArray(node) ? node.map(function (_, i) { return i; }) : Object.keys(node);
    for (var k = 0; k < keys.length; k++) {
      var found = RF.findPath(node[keys[k]], target);
      if (found) return [keys[k]].concat(found);
    }
    return null;
  };

  /* JSON Pointer (RFC 6901) of a path of keys and indexes, and back. */
  RF.pointer = function (path) {
    return path.map(function (p) {
      return "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1");
    }).join("");
  };

  RF.parsePointer = function (text) {
    if (!text) return [];
    return text.split("/").slice(1).map(function (p) {
      var key = p.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key;
    });
  };

  RF.getPath = function (root, path) {
    var node = root;
    for (var i = 0; i < path.length; i++) {
      if (node == null || typeof node !== "object" || !RF.own(node, path[i])) return undefined;
      node = node[path[i]];
    }
    return node;
  };

  /* Set (or with `undefined`, delete) the value at `path`, creating objects and lists on the way. */
  RF.setPath = function (root, path, value) {
    var node = root;
    for (var i = 0; i < path.length - 1; i++) {
      var key = path[i];
      if (node[key] == null || typeof node[key] !== "object") {
        node[key] = typeof path[i + 1] === "number" ? [] : {};
      }
      node = node[key];
    }
    var last = path[path.length - 1];
    if (value === undefined) {
      if (Array.isArray(node) && typeof last === "number") node.splice(last, 1);
      else delete node[last];
    } else {
      node[last] = value;
    }
  };

  /* A real calendar date written YYYY-MM-DD. */
  RF.isIsoDate = function (text) {
    if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    var d = new Date(text + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
  };

  RF.fetchJson = function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + "：" + response.status);
      return response.text();
    }).then(function (text) {
      return JSON.parse(text);
    });
  };
})();
