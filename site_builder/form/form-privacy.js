/* Report form: personal data (E-PRIVACY-PHONE, -ID-NUMBER, -EMAIL) refused as `check` refuses it
 * (validators/rules/text_fields.py, `check`): every text value of a report or a society's profile,
 * at its field, in the check's words. The steps are the workbench's (review-privacy.js, loaded
 * before this), the rule the check's own (config.json's `privacy`, written by
 * validators/association/browser_privacy.py). tests/test_form_privacy.py runs this under Node
 * against the check on the same files.
 *
 * Works in a browser (window.ReportForm) and under Node (module.exports), with no DOM. */
(function (global) {
  "use strict";
  var RF = (global.ReportForm = global.ReportForm || {});

  /* A website, or an entry of an evidence list (text_fields._is_address_field). */
  function isAddressField(path) {
    var n = path.length;
    return n > 0 && (path[n - 1] === "website" || (n > 1 && path[n - 2] === "evidence"));
  }

  /* [{path, severity, code, message}]: each kind of personal data in each text of `data`. A web
   * address given as evidence or website is an address, not text about a person (its digits are
   * ids), and is not read; a file name is published, and is. */
  RF.privacyIssues = function (data, rule, urls) {
    var RV = global.ReviewBench;
    var texts = [];
    (function walk(value, path) {
      if (typeof value === "string") {
        if (value.indexOf("://") === -1 || !isAddressField(path) || RF.urlProblem(value, urls) !== null) {
          texts.push([path, value]);
        }
      } else if (Array.isArray(value)) {
        value.forEach(function (v, i) { walk(v, path.concat([i])); });
      } else if (value && typeof value === "object") {
        Object.keys(value).forEach(function (k) { walk(value[k], path.concat([k])); });
      }
    })(data, []);
    // One look at all the text first, as `check` does: a report holds none most of the time,
    // and a value's match is a match in the texts joined by line breaks (no pattern crosses one).
    var issues = [];
    if (!RV.personalData(rule, texts.map(function (t) { return t[1]; }).join("\n")).length) return issues;
    texts.forEach(function (t) {
      RV.personalData(rule, t[1]).forEach(function (f) {
        issues.push({ path: t[0], severity: "error", code: f.code, message: f.message });
      });
    });
    return issues;
  };

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
