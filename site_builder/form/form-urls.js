/* Report form: evidence links and the society website, read as the checker reads them
 * (validators/urls.py `url_problem`, validators/rules/evidence.py `_read` and `_refuse_url`).
 * The schemes, the characters refused and the words come from labels.json (`urls`, written by
 * form_labels.py from the policy file and the checker); tests/browser/test_form_urls.py runs
 * the same cases through both and requires the same verdicts and words.
 *
 * A path to a file cannot be checked in the browser: the form reminds that the file goes into
 * the society's folder (a warning), and a path that looks like a web address without https://
 * asks to be completed (to do: `check` will not find such a file).
 *
 * Works in a browser (window.ReportForm) and under Node (module.exports), with no DOM. */
(function (global) {
  "use strict";
  var RF = (global.ReportForm = global.ReportForm || {});

  /* A character class of policy-style ranges ("0009-000D", "0085"), for a regex with the u flag. */
  function charClass(ranges) {
    return "[" + ranges.map(function (r) {
      return r.split("-").map(function (hex) { return "\\u{" + hex + "}"; }).join("-");
    }).join("") + "]";
  }

  RF.charClass = charClass;  // form-warnings.js reads Python's spaces with it too

  function escapeRe(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  var compiled = null;
  function patterns(urls) {
    if (compiled && compiled.urls === urls) return compiled;
    var spaces = charClass(urls.spaces).slice(1, -1);
    var schemes = urls.schemes.map(escapeRe).join("|");
    compiled = {
      urls: urls,
      // scheme://host[:port][/path?query#fragment]: no space or control character anywhere, no
      // "user@" before the host.
      web: new RegExp("^(?:" + schemes + ")://([^" + spaces + "\\u{0}-\\u{1f}\\u{7f}/?#@\\\\]+)" +
        "(?:[/?#][^" + spaces + "\\u{0}-\\u{1f}\\u{7f}]*)?$", "iu"),
      webScheme: new RegExp("^(?:" + schemes + "):", "iu"),
      misleading: new RegExp(charClass(urls.misleading), "u"),
    };
    return compiled;
  }

  var HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?$/;

  /* A host's ASCII (punycode) form, or null when it has none (IDNA refuses empty or long labels). */
  function asciiHost(host) {
    var port = /:[0-9]{1,5}$/.exec(host);
    var name = port ? host.slice(0, port.index) : host;
    // a ":" left in the name (an empty port) is no host name's, as the checker reads it
    if (name.indexOf(":") !== -1) return null;
    var ascii;
    try {
      ascii = new URL("https://" + name + "/").hostname;
    } catch (err) {
      return null;
    }
    var labels = ascii.split(".");
    if (labels[labels.length - 1] === "") labels.pop();
    if (labels.some(function (l) { return !l.length || l.length > 63; })) return null;
    // only a form that is itself a host name is offered (the browser lets "$" and "&" through)
    return HOST.test(ascii) ? ascii + (port ? port[0] : "") : null;
  }

  /* Why `text` is no web address the site may publish (the checker's words), or null. */
  RF.urlProblem = function (text, urls) {
    var p = patterns(urls);
    var words = urls.words;
    var match = p.web.exec(text);
    if (!match) return words.not_a_url;
    if (Array.from(urls.unsafe).some(function (c) { return text.indexOf(c) !== -1; })) return words.unsafe;
    if (/[^\x00-\x7f]/.test(text) && p.misleading.test(text)) return words.misleading;
    var host = match[1];
    if (!HOST.test(host)) {
      if (/^[\x00-\x7f]*$/.test(host)) return words.bad_host;
      var ascii = asciiHost(host);
      // split/join, not replace: a "$&" in the address must stay text
      return ascii === null ? words.not_ascii : words.punycode.split("{ascii}").join(ascii);
    }
    return null;
  };

  /* The issue of one evidence entry ({severity, code, message}), or null when it is a web address
   * the checker accepts. */
  RF.evidenceIssue = function (ref, urls) {
    var words = urls.words;
    var error = function (code, message) { return { severity: "error", code: code, message: message }; };
    // What a browser ignores in a link: tabs and line breaks anywhere, spaces and control
    // characters at either end (so " java\tscript:" is javascript:).
    var asRead = ref.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(asRead) && !/^[A-Za-z]:[\\/]/.test(asRead)) {
      var problem = RF.urlProblem(ref, urls);
      if (problem === null) return null;
      if (problem !== words.not_a_url) return error("E-URL-HOST", words.evidence_host.split("{problem}").join(problem));
      if (patterns(urls).webScheme.test(asRead)) return error("E-EVIDENCE-URL-SCHEME", words.evidence_web);
      return error("E-EVIDENCE-URL-SCHEME", words.evidence_scheme.split("{scheme}").join(asRead.split(":")[0]));
    }
    if (ref.indexOf("\\") !== -1 || ref.charAt(0) === "/" || /^[A-Za-z]:/.test(ref)) {
      return error("E-EVIDENCE-OUTSIDE", words.evidence_absolute);
    }
    if (ref.split("/").indexOf("..") !== -1) return error("E-EVIDENCE-OUTSIDE", words.evidence_parent);
    if (RF.looksLikeDomain(ref)) {
      return { severity: "todo", code: "E-EVIDENCE-MISSING", message: words.evidence_domain.split("{ref}").join(ref.trim()) };
    }
    // A file of no kind the staff can open (an .exe): the checker refuses it by its name, as
    // `evidence.kind_refusal` reads it; only a warning here, since the folder decides the rest.
    var name = ref.split("/").filter(function (part) { return part !== "" && part !== "."; }).pop() || "";
    var dot = name.lastIndexOf(".");
    var extension = dot > 0 ? name.slice(dot + 1) : "";  // as written, compared in lower case
    if (name && urls.kinds.indexOf(extension.toLowerCase()) === -1) {  // "." names no file: "missing"
      var kind = extension ? words.evidence_kind.split("{extension}").join(extension) : words.evidence_no_kind;
      return { severity: "warning", code: "E-EVIDENCE-FILE-TYPE", message: kind.split("{ref}").join(ref) };
    }
    return { severity: "warning", code: "E-EVIDENCE-MISSING", message: words.evidence_file.split("{ref}").join(ref) };
  };

  /* A path whose first part reads as a host name (www.…, cdast.gov.cn/…): a link without https://. */
  RF.looksLikeDomain = function (ref) {
    var first = ref.trim().split("/")[0].toLowerCase();
    return /^www\./.test(first) ||
      /^([a-z0-9-]+\.)+(com|cn|net|org|gov|edu|int|info|top|xyz|site|online|tech|cc|io|me|biz|mobi|wang|中国)$/.test(first);
  };

  /* Every evidence entry the checker reads (the first `max_per_item` of each list), at its path. */
  RF.evidenceIssues = function (refs, path, urls) {
    var issues = [];
    refs.slice(0, urls.max_per_item).forEach(function (ref, i) {
      if (typeof ref !== "string" || ref === "") return; // an empty entry is the schema's 不能为空
      var issue = RF.evidenceIssue(ref, urls);
      if (issue) issues.push({ path: path.concat([i]), severity: issue.severity, message: issue.message });
    });
    return issues;
  };

  /* The society's website (society.yaml), as `check` reads it. */
  RF.websiteIssues = function (profile, urls) {
    var site = profile ? profile.website : null;
    if (typeof site !== "string") return [];
    var problem = RF.urlProblem(site, urls);
    if (problem === null) return [];
    return [{ path: ["website"], severity: "error",
      message: problem === urls.words.not_a_url ? urls.words.website_scheme : urls.words.website_host.split("{problem}").join(problem) }];
  };

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
