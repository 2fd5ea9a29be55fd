/* Report form: warnings of `check`, at the field and in its words.
 *
 * - W-OUTCOME-NOTHING (validators/rules/innovation.py): a service in a pilot district whose
 *   服务成效 says nothing (无, 暂无, -, N/A) does not show 1.3's effect and earns nothing under
 *   1.3. The words that say nothing are policy.yaml's `text.nothing_words` (labels.json's
 *   `nothing`), read as `TextPolicy.says_nothing` reads them.
 * - W-EVIDENCE-NONE (validators/rules/evidence.py): in a year the staff verify (its
 *   reviews/<year>/ folder exists), an item with no evidence.
 * - W-SERVICE-NOT-ENTERPRISE (validators/rules/innovation.py): in a year whose file has
 *   `government_markers`, a service whose enterprise's name, or a part of it in or outside
 *   brackets, ends in one and is no company's (`measures.government_ending`).
 * - W-OCCASION-OWN (validators/rules/academic_events.py): an event of 5.4 in an occasion outside
 *   the year's list whose organizer is the society itself: one of policy.yaml's
 *   `text.self_words`, or the society's registered name (`own`, as the form's list of societies
 *   has it), compared as `same_text` compares (form-findings.js's `RF.sameText`).
 * - W-EXPERTS-RATE (validators/rules/innovation.py): registered experts below the year's
 *   `thresholds.expert_registration_rate` (the guide's `expert_rate.needed`), the rate written as
 *   `measures.percent` writes it (`RF.percent`).
 *
 * The pilot districts, whether the year is verified and the check's sentences are the year's
 * guide's (`warnings`, written by validators/association/browser_warnings.py).
 * tests/test_form_warnings_node.py runs `saysNothing` under Node against the policy's own reading,
 * tests/test_form_expert_rate_node.py `percent` and the rate's warning against the check's;
 * tests/browser/test_form_warnings.py holds the form's sentences to the check's.
 *
 * `saysNothing` works in a browser and under Node (module.exports), with no DOM;
 * `warningIssues` walks the report with form-check.js's `RF.walk`. */
(function (global) {
  "use strict";
  var RF = (global.ReportForm = global.ReportForm || {});

  var compiled = null;
  function edges(spaces) {
    if (!compiled || compiled.spaces !== spaces) {
      var cls = RF.charClass(spaces);  // form-urls.js, loaded before this script
      compiled = { spaces: spaces, re: new RegExp("^" + cls + "+|" + cls + "+$", "gu") };
    }
    return compiled.re;
  }

  /* Python's str.strip(): the spaces are Python's (labels.json's `urls.spaces`), not JavaScript's. */
  RF.pyStrip = function (text, spaces) {
    return String(text).replace(edges(spaces), "");
  };

  /* Python's str.rstrip(chars). */
  function rstripChars(text, chars) {
    var points = Array.from(text);
    var marks = Array.from(chars);
    while (points.length && marks.indexOf(points[points.length - 1]) !== -1) points.pop();
    return points.join("");
  }

  /* Python's casefold() as far as telling two words apart goes: upper case then lower case
   * folds ß into ss and ς into σ, as casefold does, which lower case alone does not. */
  function fold(text) {
    return text.toUpperCase().toLowerCase();
  }

  /* `TextPolicy.says_nothing`: the whole of `text` (NFKC, trimmed of spaces and end marks) is one
   * of the words that say nothing, letters compared case-blind. */
  var known = null;
  RF.saysNothing = function (text, nothing, spaces) {
    if (!known || known.nothing !== nothing) {
      known = { nothing: nothing, words: {} };
      nothing.words.forEach(function (w) { known.words[fold(RF.pyStrip(w.normalize("NFKC"), spaces))] = true; });
    }
    var has = function (key) { return Object.prototype.hasOwnProperty.call(known.words, key); };
    var plain = RF.pyStrip(String(text).normalize("NFKC"), spaces);
    var trimmed = RF.pyStrip(rstripChars(plain, nothing.trailing), spaces);
    return has(fold(plain)) || has(fold(trimmed)) || !trimmed;
  };

  /* `government_ending`: [the part of an enterprise's name that makes it look like a government
   * body, the marker it ends in (the longest)], or null: none when the name is a company's
   * (form-findings.js's `RF.companyEnding`), nor for a part ending in one of the exceptions. */
  RF.governmentEnding = function (name, enterprise, spaces) {
    if (RF.companyEnding(name, { markers: enterprise.company, brackets: enterprise.brackets }, spaces)) return null;
    var parts = [String(name)];
    Array.from(enterprise.brackets).concat(["\n"]).forEach(function (mark) {
      parts = [].concat.apply([], parts.map(function (p) { return p.split(mark); }));
    });
    var endsIn = function (lower) {
      return function (m) { return m && lower.endsWith(m.toLowerCase()); };
    };
    for (var i = 0; i < parts.length; i++) {
      var part = RF.pyStrip(parts[i], spaces);
      var lower = part.toLowerCase();  // case-blind, as `government_ending`
      if (enterprise.exceptions.some(endsIn(lower))) continue;
      var ends = enterprise.markers.filter(endsIn(lower));
      if (ends.length) return [part, ends.reduce(function (a, b) { return b.length > a.length ? b : a; })];
    }
    return null;
  };

  /* Python's f"{x:.{digits}f}": the float's exact value rounded to `digits` decimals, a tie to the
   * even digit (toFixed rounds a tie up: 12.25 is 12.3 there, 12.2 in Python). */
  function pyFixed(x, digits) {
    var exact = x.toFixed(100);  // every digit of a rate's binary value (a tie ends within 13)
    var point = exact.indexOf(".");
    var kept = digits ? exact.slice(0, point + 1 + digits) : exact.slice(0, point);
    var tie = /^50*$/.test(exact.slice(point + 1 + digits));
    return tie && Number(kept.charAt(kept.length - 1)) % 2 === 0 ? kept : x.toFixed(digits);
  }

  /* A decimal as written ("12.5", "5e-7"): [its digits as a BigInt, the power of ten they are divided by]. */
  function decimal(text) {
    var m = /^(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
    var scale = (m[2] || "").length - Number(m[3] || 0);
    var digits = BigInt(m[1] + (m[2] || ""));
    return scale < 0 ? [digits * BigInt(10) ** BigInt(-scale), 0] : [digits, scale];
  }

  /* `measures.percent`: a rate as people read it, on the same side of `threshold` as the rate: a
   * rate that misses it never rounded up onto it (49.99%), one that meets it never rounded below.
   * Whole percents whole, others with one decimal or as many more as keeping the side takes. The
   * side is read in decimals, as Decimal reads it: the shown digits against the threshold's
   * shortest writing (Python's repr, JavaScript's String) times 100. */
  RF.percent = function (rate, threshold) {
    var meets = rate >= threshold;
    var line = decimal(String(threshold));
    line = [line[0] * BigInt(100), line[1]];
    var places = Number(pyFixed(rate, 2)) === rate ? 0 : 1;  // Python's round(rate, 2) == rate
    for (;;) {
      var shown = pyFixed(rate * 100, places);
      var at = decimal(shown);
      var scale = Math.max(at[1], line[1]);
      var atLeast = at[0] * BigInt(10) ** BigInt(scale - at[1]) >= line[0] * BigInt(10) ** BigInt(scale - line[1]);
      if (atLeast === meets || places >= 12) return shown + "%";
      places += 1;
    }
  };

  /* W-EXPERTS-RATE at the registered count, as `innovation.check` says it: experts counted, no
   * more registered than counted (more is form-check.js's error), the rate below the year's. */
  function expertRateIssues(data, said) {
    var area = data.innovation;
    if (!said || !RF.isObject(area)) return [];
    var total = area.senior_experts_total, registered = area.senior_experts_registered;
    if (!Number.isInteger(total) || !Number.isInteger(registered) || total <= 0 || registered < 0 ||
        registered > total) return [];
    var rate = registered / total;
    if (rate >= said.needed) return [];
    return [{ path: ["innovation", "senior_experts_registered"], severity: "warning", code: "W-EXPERTS-RATE",
      message: fill(said.words, { rate: RF.percent(rate, said.needed), registered: String(registered),
        total: String(total) }) }];
  }

  /* `text` with each "{key}" of `values` replaced, in one pass (as str.format: a value that holds
   * "{key}" stays as written). */
  function fill(text, values) {
    return text.replace(/\{([a-z]+)\}/g, function (slot, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : slot;
    });
  }

  /* `in_open_occasion`: the event claims a category held in occasions, names no major event of
   * 七, and names an occasion outside the year's list with its name and organizer; the words of
   * W-OCCASION-OWN for its category, or null. */
  function openOccasionWords(event, guide, said, spaces) {
    var category = RF.eventCategory(guide, event.category);  // form-criteria.js
    if (!category || !category.criteria.occasion || !said.words[category.code]) return null;
    if (RF.majorEvent(guide, event.occasion) || RF.majorEvent(guide, event.occasion_name)) return null;
    var written = typeof event.occasion === "string" ? RF.pyStrip(event.occasion, spaces) : "";
    if ((guide.occasions || {})[written] !== guide.open_occasion) return null;
    var filled = function (v) { return typeof v === "string" && v.length > 0; };
    return filled(event.occasion_name) && filled(event.occasion_organizer) ? said.words[category.code] : null;
  }

  /* Issues {path, severity: "warning", code, message} of W-OCCASION-OWN; `own`: the society's
   * registered name, or null when the form does not know it. */
  function ownOccasionIssues(data, guide, labels, own) {
    var said = guide.warnings && guide.warnings.own_occasion;
    if (!said || !Array.isArray(data.academic_events)) return [];
    RF.useSameText(labels);
    var spaces = labels.urls.spaces;
    var selves = {};
    said.self_words.forEach(function (w) { selves[RF.sameText(w, spaces)] = true; });
    var ownKey = typeof own === "string" ? RF.sameText(own, spaces) : "";
    var issues = [];
    data.academic_events.forEach(function (event, i) {
      if (!RF.isObject(event)) return;
      var words = openOccasionWords(event, guide, said, spaces);
      if (!words) return;
      var key = RF.sameText(event.occasion_organizer, spaces);
      if (!Object.prototype.hasOwnProperty.call(selves, key) && !(ownKey && key === ownKey)) return;
      issues.push({ path: ["academic_events", i, "occasion_organizer"], severity: "warning", code: "W-OCCASION-OWN",
        message: fill(words, { title: String(event.title), name: RF.pyStrip(event.occasion_name, spaces),
          organizer: RF.pyStrip(event.occasion_organizer, spaces) }) });
    });
    return issues;
  }

  /* Issues {path, severity: "warning", code, message} at the pilot field, as
   * `government_functions.check`: the list (`societies`, the report's society compared as written)
   * is the year's guide's, empty while it is not published; nothing in a year without `pilot`. */
  function pilotIssues(data, said) {
    var gov = data.government_functions;
    if (!said || !RF.isObject(gov)) return [];
    var claimed = gov.pilot === true;
    var listed = said.societies.length ? said.societies.indexOf(data.society) !== -1 : null;
    var at = function (code, message) {
      return [{ path: ["government_functions", "pilot"], severity: "warning", code: code, message: message }];
    };
    if (claimed && listed !== true) return at("W-PILOT-NOT-CONFIRMED", said.claimed);
    if (listed === true && !claimed && said.unclaimed) return at("W-PILOT-NOT-CLAIMED", said.unclaimed);
    return [];
  }

  /* Issues {path, severity: "warning", code, message}: each pilot-district service whose outcome
   * says nothing, at its outcome; in a year the staff verify, each item with no evidence, at its
   * evidence (an item whose definition has no evidence, such as a research report, is not one:
   * its achievements are). */
  RF.warningIssues = function (data, root, guide, labels, own) {
    var issues = [];
    var said = guide.warnings;
    if (!said || !RF.isObject(data)) return issues;
    issues = issues.concat(expertRateIssues(data, said.expert_rate), pilotIssues(data, said.pilot),
      ownOccasionIssues(data, guide, labels, own));
    var outcomeWords = said.words["W-OUTCOME-NOTHING"];
    var innovation = RF.isObject(data.innovation) ? data.innovation : {};
    (Array.isArray(innovation.services) ? innovation.services : []).forEach(function (service, i) {
      if (!outcomeWords || !RF.isObject(service) || typeof service.outcome !== "string") return;
      if (said.pilot_districts.indexOf(service.district) === -1) return;
      if (!RF.saysNothing(service.outcome, labels.nothing, labels.urls.spaces)) return;
      issues.push({ path: ["innovation", "services", i, "outcome"], severity: "warning", code: "W-OUTCOME-NOTHING",
        message: outcomeWords.split("{outcome}").join(RF.pyStrip(service.outcome, labels.urls.spaces)) });
    });
    var enterprise = said.enterprise;
    (Array.isArray(innovation.services) ? innovation.services : []).forEach(function (service, i) {
      if (!enterprise || !RF.isObject(service) || typeof service.enterprise !== "string") return;
      var found = RF.governmentEnding(service.enterprise, enterprise, labels.urls.spaces);
      if (!found) return;
      var name = RF.pyStrip(service.enterprise, labels.urls.spaces);
      var ending = found[0] === name ? fill(enterprise.whole, { marker: found[1] })
        : fill(enterprise.part, { part: found[0], marker: found[1] });
      issues.push({ path: ["innovation", "services", i, "enterprise"], severity: "warning", code: "W-SERVICE-NOT-ENTERPRISE",
        message: fill(enterprise.words, { enterprise: name, ending: ending }) });
    });
    if (!said.reviewed) return issues;
    RF.walk(data, root, root, [], function (path, value, key, schema) {
      if (!Array.isArray(value)) return;
      var item = RF.resolveSchema(schema.items || {}, root);
      if (!item.properties || !item.properties.evidence) return;
      value.forEach(function (entry, i) {
        if (!RF.isObject(entry)) return;
        var evidence = entry.evidence;
        if (evidence === undefined || (Array.isArray(evidence) && !evidence.length)) {
          issues.push({ path: path.concat([i, "evidence"]), severity: "warning", code: "W-EVIDENCE-NONE",
            message: said.words["W-EVIDENCE-NONE"] });
        }
      });
    });
    return issues;
  };

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
