/* Verification workbench: the check's personal-data rule (E-PRIVACY-PHONE, -ID-NUMBER, -EMAIL;
 * validators/rules/text_fields.py, `personal_data`). The patterns, check digits, e-mail domains
 * and words are the check's own, exported by validators/association/browser_privacy.py into the workbench's settings
 * (`privacy`); only the steps that apply them are written here. tests/test_review_privacy.py
 * runs this under Node against the check on the same texts.
 *
 * And the check's markup warning (W-TEXT-MARKUP, `has_markup`): its literals, patterns (rewritten
 * for JavaScript by validators/association/browser_markup.py) and words are in the settings too
 * (`markup`); tests/test_review_markup.py runs it against the check the same way.
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

  /* Calls `each(text, path)` for every text value of `data` (a file the workbench writes), as the
   * check walks the file. */
  function eachText(data, each) {
    (function walk(value, path) {
      if (typeof value === "string") {
        each(value, path);
      } else if (Array.isArray(value)) {
        value.forEach(function (v, i) { walk(v, path.concat([i])); });
      } else if (value && typeof value === "object") {
        Object.keys(value).forEach(function (k) { walk(value[k], path.concat([k])); });
      }
    })(data, []);
  }

  /* The personal data found in each text value of `data`: [{path, code, message}]. */
  RV.privacyProblems = function (rule, data) {
    var out = [];
    eachText(data, function (text, path) {
      RV.personalData(rule, text).forEach(function (f) { out.push({ path: path, code: f.code, message: f.message }); });
    });
    return out;
  };

  /* Whether `text` holds HTML or Markdown markup, as `has_markup` decides: a link's "](" with a
   * ")" after it, a literal, a pattern, or a script URL found in the text reversed by code point. */
  RV.hasMarkup = function (rule, text) {
    if (!rule.compiled) {
      rule.compiled = { patterns: rule.patterns.map(function (p) { return new RegExp(p, "u"); }),
        script: new RegExp(rule.script_reversed, "u") };
    }
    var opened = text.indexOf(rule.link[0]);
    return (opened >= 0 && text.indexOf(rule.link[1], opened + rule.link[0].length) >= 0)
      || rule.literals.some(function (m) { return text.indexOf(m) !== -1; })
      || rule.compiled.patterns.some(function (re) { return re.test(text); })
      || (text.indexOf(":") !== -1 && rule.compiled.script.test(Array.from(text).reverse().join("")));
  };

  /* The text values of `data` holding markup, which the check warns of (W-TEXT-MARKUP):
   * [{path, code, message}]. */
  RV.markupProblems = function (rule, data) {
    var out = [];
    eachText(data, function (text, path) {
      if (RV.hasMarkup(rule, text)) out.push({ path: path, code: "W-TEXT-MARKUP", message: rule.message });
    });
    return out;
  };

  if (typeof module === "object" && module.exports) module.exports = RV;
})(typeof window !== "undefined" ? window : globalThis);
