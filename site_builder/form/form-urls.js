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

  /* IPv4 hosts as browsers read them (WHATWG URL Standard, host parsing), as urls.py reads
   * them: a host whose last label is a number is an IPv4 address in one to four parts, each
   * decimal, octal (leading 0) or hex (0x), the last filling the bytes the others leave
   * (0x7f.1, 0177.0.0.1 and 2130706433 are 127.0.0.1); example.1 is no address at all. */
  function ipv4Number(part) {  // the "IPv4 number parser" on a lower-case part; null for failure
    if (part === "") return null;
    var radix = 10;
    if (part.length >= 2 && part.slice(0, 2) === "0x") { part = part.slice(2); radix = 16; }
    else if (part.length >= 2 && part.charAt(0) === "0") { part = part.slice(1); radix = 8; }
    if (part === "") return 0;  // "0x" is 0
    var digits = "0123456789abcdef".slice(0, radix);
    if (Array.from(part).some(function (c) { return digits.indexOf(c) === -1; })) return null;
    // past 2 ** 53 the number is not exact, but only ever compared with far smaller ones
    return parseInt(part, radix);
  }

  function endsInANumber(name) {  // the "ends in a number checker"
    var parts = name.split(".");
    if (parts[parts.length - 1] === "") {
      if (parts.length === 1) return false;
      parts.pop();
    }
    var last = parts[parts.length - 1];
    return /^[0-9]+$/.test(last) || ipv4Number(last) !== null;
  }

  /* The "IPv4 parser": the address as two 16-bit pieces, or null where browsers refuse the URL. */
  function ipv4(name) {
    var parts = name.split(".");
    if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    var numbers = parts.map(ipv4Number);
    if (numbers.some(function (n) { return n === null; })) return null;
    var last = numbers.pop();
    if (numbers.some(function (n) { return n > 255; }) || last >= Math.pow(256, 5 - parts.length)) return null;
    var address = numbers.reduce(function (sum, n, i) { return sum + n * Math.pow(256, 3 - i); }, last);
    return [Math.floor(address / 65536), address % 65536];
  }

  /* An IPv6 address as eight 16-bit pieces, or null when browsers refuse it: the browser's own
   * parser (urls.py asks Python's ipaddress), then its canonical form ("fe80::1") piece by piece. */
  function ipv6(address) {
    var canonical;
    try {
      canonical = new URL("http://[" + address + "]/").hostname.slice(1, -1);
    } catch (err) {
      return null;
    }
    var halves = canonical.split("::");
    var high = halves[0] ? halves[0].split(":") : [];
    var low = halves.length > 1 && halves[1] ? halves[1].split(":") : [];
    return high.concat(new Array(8 - high.length - low.length).fill("0"), low).map(function (piece) {
      return parseInt(piece, 16);
    });
  }

  /* Whether an address (16-bit pieces) is in a network ({first: pieces, bits: prefix length}). */
  function inside(pieces, network) {
    return pieces.length === network.first.length && pieces.every(function (piece, i) {
      var bits = Math.min(16, Math.max(0, network.bits - 16 * i));  // of this piece, in the prefix
      var shift = Math.pow(2, 16 - bits);
      return Math.floor(piece / shift) === Math.floor(network.first[i] / shift);
    });
  }

  /* Why a host HOST accepts is none a reader can open (urls.py `_host_problem`), or null. */
  function hostProblem(host, urls) {
    var words = urls.words;
    var bracketed = host.charAt(0) === "[";
    var end = bracketed ? host.indexOf("]") : host.indexOf(":");
    var address = bracketed ? host.slice(1, end) : end === -1 ? host : host.slice(0, end);
    var port = end === -1 ? "" : host.slice(end + 1).replace(/^:/, "");
    if (port && !(Number(port) >= 1 && Number(port) <= 65535)) return words.bad_port.split("{port}").join(port);
    var shown = bracketed ? "[" + address + "]" : address;
    var ip;
    if (bracketed) {
      ip = ipv6(address);
      if (ip === null) return words.bad_ip.split("{host}").join(shown);
      // ::ffff:10.0.0.1 is 10.0.0.1
      if (ip.slice(0, 6).join(",") === "0,0,0,0,0,65535") ip = ip.slice(6);
    } else {
      var name = address.toLowerCase();
      if (endsInANumber(name)) {
        ip = ipv4(name);
        if (ip === null) return words.bad_ip.split("{host}").join(shown);
      } else {
        var bare = name.replace(/\.$/, "");
        // A name of one label (https://intranet/) is resolved on the local network only.
        var local = bare.indexOf(".") === -1 || urls.private_names.some(function (n) {
          return bare === n || bare.slice(-n.length - 1) === "." + n;
        });
        return local ? words.not_public.split("{host}").join(shown) : null;
      }
    }
    var private_ = urls.private_networks.some(function (n) { return inside(ip, n); });
    if (!private_) return null;
    if (ip.length === 2) {
      // 0x7f.1 and [::ffff:7f00:1] are 127.0.0.1 to a browser: say so (urls.py does the same)
      var dotted = [ip[0] >> 8, ip[0] & 255, ip[1] >> 8, ip[1] & 255].join(".");
      if (dotted !== address.toLowerCase().replace(/\.$/, "")) shown += "（即 " + dotted + "）";
    }
    return words.not_public.split("{host}").join(shown);
  }

  /* Why `text` is no web address the site may publish (the checker's words), or null. */
  RF.urlProblem = function (text, urls) {
    var p = patterns(urls);
    var words = urls.words;
    var unsafe = Array.from(urls.unsafe).some(function (c) { return text.indexOf(c) !== -1; });
    var match = p.web.exec(text);
    // https://x.org/'><svg onload=…> fails on its space: what is wrong is the pasted tag
    if (!match) return unsafe && p.webScheme.test(text) ? words.unsafe : words.not_a_url;
    if (unsafe) return words.unsafe;
    if (/[^\x00-\x7f]/.test(text) && p.misleading.test(text)) return words.misleading;
    var host = match[1];
    if (!HOST.test(host)) {
      if (/^[\x00-\x7f]*$/.test(host)) return words.bad_host;
      var ascii = asciiHost(host);
      // split/join, not replace: a "$&" in the address must stay text
      return ascii === null ? words.not_ascii : words.punycode.split("{ascii}").join(ascii);
    }
    return hostProblem(host, urls);
  };

  /* The issue of one evidence entry ({severity, code, message}), or null when it is a web address
   * the checker accepts. */
  RF.evidenceIssue = function (ref, urls, year) {
    var words = urls.words;
    // The example of a file's path is the report's year's (evidence/2017-年会.pdf in 2017's).
    var withYear = function (key) { return words[key].split("{year}").join(String(year)); };
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
      return error("E-EVIDENCE-OUTSIDE", withYear("evidence_absolute"));
    }
    if (ref.split("/").indexOf("..") !== -1) return error("E-EVIDENCE-OUTSIDE", words.evidence_parent);
    if (RF.looksLikeDomain(ref)) {
      return { severity: "todo", code: "E-EVIDENCE-MISSING", message: words.evidence_domain.split("{ref}").join(ref.trim()) };
    }
    // Chinese words (见附件): no "/" nor ".", so no address or file name (`evidence.is_words`; the
    // Chinese blocks of `measures.has_han`).
    if (ref.indexOf("/") === -1 && ref.indexOf(".") === -1 && /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(ref)) {
      return error("E-EVIDENCE-WORDS", withYear("evidence_words").split("{ref}").join(ref));
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
  RF.evidenceIssues = function (refs, path, urls, year) {
    var issues = [];
    refs.slice(0, urls.max_per_item).forEach(function (ref, i) {
      if (typeof ref !== "string" || ref === "") return; // an empty entry is the schema's 不能为空
      var issue = RF.evidenceIssue(ref, urls, year);
      if (issue) issues.push({ path: path.concat([i]), severity: issue.severity, message: issue.message });
    });
    return issues;
  };

  /* The files of the society's folder the report's evidence names (what `evidenceIssue` can only
   * warn of, as the form cannot see the folder), each once, in the report's order: step 3 lists
   * them, since they must go into the pull request with the report (E-EVIDENCE-MISSING). */
  RF.localEvidence = function (data, urls, year) {
    var found = [];
    (function walk(value, key) {
      if (Array.isArray(value)) {
        if (key === "evidence") {
          value.slice(0, urls.max_per_item).forEach(function (ref) {
            if (typeof ref !== "string" || ref === "") return;
            var issue = RF.evidenceIssue(ref, urls, year);
            // A file of a kind the check refuses (E-EVIDENCE-FILE-TYPE) is to mend, not to send.
            var file = issue && issue.severity === "warning" && issue.code === "E-EVIDENCE-MISSING";
            // One file however written (./evidence/a.pdf is evidence/a.pdf), named from the folder.
            var named = ref.trim().split("/").filter(function (part) { return part !== "" && part !== "."; }).join("/");
            if (file && found.indexOf(named) === -1) found.push(named);
          });
          return;
        }
        value.forEach(function (v) { walk(v, null); });
      } else if (RF.isObject(value)) {
        Object.keys(value).forEach(function (k) { walk(value[k], k); });
      }
    })(data, null);
    return found;
  };

  /* The society's website (society.yaml), as `check` reads it. */
  RF.websiteIssues = function (profile, urls) {
    var site = profile ? profile.website : null;
    if (typeof site !== "string") return [];
    var problem = RF.urlProblem(site, urls);
    if (problem === null) return [];
    var words = urls.words;
    // an address in an allowed scheme is refused for what it holds, not for its beginning
    var refused = problem !== words.not_a_url ? words.website_host.split("{problem}").join(problem) :
      patterns(urls).webScheme.test(site) ? words.website_web : words.website_scheme;
    return [{ path: ["website"], severity: "error", message: refused }];
  };

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
