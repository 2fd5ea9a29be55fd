/* Verification workbench: the check's personal-data rule (E-PRIVACY-PHONE, -ID-NUMBER, -EMAIL;
 * validators/rules/text_fields.py, `personal_data`). The patterns, check digits, e-mail domains
 * and words are the check's own, exported by validators/association/browser_privacy.py into the workbench's settings
 * (`privacy`); only the steps that apply them are written here. tests/test_review_privacy.py
 * runs this under Node against the check on the same texts.
 *
 * Works in a browser (window.ReviewBench) and under Node (module.exports), with no DOM. */
(function (global) {
  "use strict";
  var RV = (global.ReviewBench = global.ReviewBench || {});

  function compiled(rule) {
    if (!rule.compiled) {
      var make = function (p, more) { return new RegExp(p.source, p.flags + (more || "")); };
      rule.compiled = { mobile: make(rule.mobile), idCard: make(rule.id_card, "g"), separators: make(rule.id_separators, "g"),
        email: make(rule.email, "g"), url: make(rule.url_in_text, "g"), digit: /\p{Nd}/u };
    }
    return rule.compiled;
  }

  /* A decimal digit's value, as Python's int() reads any digit: digits come in runs of ten
   * code points from 0 to 9, so the value is its place in its run. */
  function digitValue(ch, digit) {
    var code = ch.codePointAt(0);
    var back = 0;
    while (back < 9 && digit.test(String.fromCodePoint(code - back - 1))) back += 1;
    return back % 10;
  }

  /* GB 11643 (text_fields.is_identity_number): a plausible birth date and the check character. */
  function isIdentityNumber(rule, candidate, digit) {
    var chars = Array.from(candidate);
    var value = function (i) { return digitValue(chars[i], digit); };
    var month = value(10) * 10 + value(11);
    var day = value(12) * 10 + value(13);
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return false;
    var total = 0;
    for (var i = 0; i < 17; i += 1) total += value(i) * rule.id_weights[i];
    return rule.id_check[total % 11] === chars[17].toUpperCase();
  }

  function isPersonal(domain, rule) {
    var labels = domain.toLowerCase().split(".");
    for (var i = 0; i < labels.length - 1; i += 1) {
      if (rule.personal_domains.indexOf(labels.slice(i).join(".")) !== -1) return true;
    }
    return false;
  }

  /* [{code, message}] for each kind of personal data in `text`, as `personal_data` says them. */
  RV.personalData = function (rule, text) {
    var re = compiled(rule);
    var plain = text.normalize("NFKC");
    var numbers = text.replace(re.url, " ").normalize("NFKC");
    var found = [];
    if (re.mobile.test(numbers)) found.push({ code: "E-PRIVACY-PHONE", message: rule.messages["E-PRIVACY-PHONE"] });
    var ids = Array.from(numbers.matchAll(re.idCard));
    if (ids.some(function (m) { return isIdentityNumber(rule, m[0].replace(re.separators, ""), re.digit); })) {
      found.push({ code: "E-PRIVACY-ID-NUMBER", message: rule.messages["E-PRIVACY-ID-NUMBER"] });
    }
    Array.from(plain.matchAll(re.email)).forEach(function (m) {
      if (isPersonal(m[1], rule)) {
        found.push({ code: "E-PRIVACY-EMAIL", message: rule.messages["E-PRIVACY-EMAIL"].split("{domain}").join(m[1]) });
      }
    });
    return found;
  };

  /* Every text value of `data` (a file the workbench writes) with its path, as the check walks
   * the file, and the personal data found in it: [{path, code, message}]. */
  RV.privacyProblems = function (rule, data) {
    var out = [];
    (function walk(value, path) {
      if (typeof value === "string") {
        RV.personalData(rule, value).forEach(function (f) { out.push({ path: path, code: f.code, message: f.message }); });
      } else if (Array.isArray(value)) {
        value.forEach(function (v, i) { walk(v, path.concat([i])); });
      } else if (value && typeof value === "object") {
        Object.keys(value).forEach(function (k) { walk(value[k], path.concat([k])); });
      }
    })(data, []);
    return out;
  };

  if (typeof module === "object" && module.exports) module.exports = RV;
})(typeof window !== "undefined" ? window : globalThis);
