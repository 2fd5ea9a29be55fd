/* Report form: two warnings of `check`, at the field and in its words.
 *
 * - W-OUTCOME-NOTHING (validators/rules/innovation.py): a service in a pilot district whose
 *   服务成效 says nothing (无, 暂无, -, N/A) does not show 1.3's effect and earns nothing under
 *   1.3. The words that say nothing are policy.yaml's `text.nothing_words` (labels.json's
 *   `nothing`), read as `TextPolicy.says_nothing` reads them.
 * - W-EVIDENCE-NONE (validators/rules/evidence.py): in a year the staff verify (its
 *   reviews/<year>/ folder exists), an item with no evidence.
 *
 * The pilot districts, whether the year is verified and the check's sentences are the year's
 * guide's (`warnings`, written by validators/association/browser_warnings.py).
 * tests/test_form_warnings_node.py runs `saysNothing` under Node against the policy's own reading;
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

  /* Issues {path, severity: "warning", code, message}: each pilot-district service whose outcome
   * says nothing, at its outcome; in a year the staff verify, each item with no evidence, at its
   * evidence (an item whose definition has no evidence, such as a research report, is not one:
   * its achievements are). */
  RF.warningIssues = function (data, root, guide, labels) {
    var issues = [];
    var said = guide.warnings;
    if (!said || !RF.isObject(data)) return issues;
    var outcomeWords = said.words["W-OUTCOME-NOTHING"];
    var innovation = RF.isObject(data.innovation) ? data.innovation : {};
    (Array.isArray(innovation.services) ? innovation.services : []).forEach(function (service, i) {
      if (!outcomeWords || !RF.isObject(service) || typeof service.outcome !== "string") return;
      if (said.pilot_districts.indexOf(service.district) === -1) return;
      if (!RF.saysNothing(service.outcome, labels.nothing, labels.urls.spaces)) return;
      issues.push({ path: ["innovation", "services", i, "outcome"], severity: "warning", code: "W-OUTCOME-NOTHING",
        message: outcomeWords.split("{outcome}").join(RF.pyStrip(service.outcome, labels.urls.spaces)) });
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
