/* Report form: two errors of `check`, at the field and in its words.
 *
 * - E-FUNCTION-NOT-GOVERNMENT (validators/rules/government_functions.py): a function's 委托（购买）
 *   单位 that is a company: its name, or a part of it in or outside brackets, ends in one of the
 *   year's `company_markers` (`measures.company_ending`; “四川省中小企业局” merely holds one).
 * - E-ITEM-REPEATED (validators/rules/repeated_items.py): an item the report lists again, in its
 *   own list or another, with the rule's keys: within a list, the same content but for the id and
 *   evidence; a service, event or major work of the same title and date as an item of any of
 *   these lists (two services only when their enterprise is the same too); a research report of
 *   the same title; a station or consortium of the same name; a function of the same title and
 *   commissioner; within a research report, an achievement of the same type and date. Titles are
 *   compared as `same_text` compares them (NFKC, runs of white space as one space). An item with
 *   an error of its own (`errors`) is no first copy: a later copy scores in its place.
 *
 * The markers, the lists the rule reads and the check's sentences are the year's guide's
 * (`findings`, written by validators/association/browser_findings.py). tests/test_form_findings_node.py
 * runs this file under Node on the reports `check` reads and requires the same codes at the same
 * fields in the same words.
 *
 * Works in a browser and under Node (module.exports), with no DOM; it reads schemas with
 * form-check.js's RF.resolveSchema and strips as Python strips with form-warnings.js's RF.pyStrip. */
(function (global) {
  "use strict";
  var RF = (global.ReportForm = global.ReportForm || {});

  function fill(words, values) {
    return Object.keys(values).reduce(function (text, key) {
      return text.split("{" + key + "}").join(values[key]);
    }, words);
  }

  var splitters = null;
  /* Python's str.split() with no separator: runs of Python's white space (labels.json's
   * `urls.spaces`, ranges such as "0009-000D"). */
  function pySplit(text, spaces) {
    if (!splitters || splitters.spaces !== spaces) {
      splitters = { spaces: spaces, re: new RegExp(RF.charClass(spaces) + "+", "u") };  // form-urls.js
    }
    return text.split(splitters.re).filter(function (part) { return part !== ""; });
  }

  /* `same_text`: what two reports must share to name the same thing: NFKC without white space
   * or the marks of policy.yaml's text.same_text_ignored (but between two digits), ASCII letters
   * in lower case (labels.json's `same_text_ignored`, which
   * every entry point that compares texts hands to RF.useSameText first). */
  var sameIgnored = null;
  RF.useSameText = function (labels) {
    sameIgnored = labels.same_text_ignored;
  };
  RF.sameText = function (text, spaces) {
    if (typeof sameIgnored !== "string") throw new Error("RF.sameText before RF.useSameText");
    var chars = Array.from(pySplit(String(text).normalize("NFKC"), spaces).join(""));
    var digit = function (c) { return c !== undefined && c >= "0" && c <= "9"; };
    // A mark between two digits stays: 1.5 is not 15.
    return chars.filter(function (c, i) {
      return sameIgnored.indexOf(c) === -1 || (digit(chars[i - 1]) && digit(chars[i + 1]));
    }).join("").replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  };

  /* `company_ending`: [the part of a commissioner's name that makes it a company, the marker it
   * ends in (the longest)], or null. */
  RF.companyEnding = function (name, company, spaces) {
    var marks = Array.from(company.brackets).concat(["\n"]);
    var parts = [String(name)];
    marks.forEach(function (mark) {
      parts = [].concat.apply([], parts.map(function (p) { return p.split(mark); }));
    });
    for (var i = 0; i < parts.length; i++) {
      var part = RF.pyStrip(parts[i], spaces);
      var lower = part.toLowerCase();  // case-blind, as `company_ending`
      var ends = company.markers.filter(function (m) { return m && lower.endsWith(m.toLowerCase()); });
      if (ends.length) {
        return [part, ends.reduce(function (a, b) { return b.length > a.length ? b : a; })];
      }
    }
    return null;
  };

  /* Issues {path, severity: "error", code, message}: each function whose commissioner is a
   * company, at the commissioner. */
  RF.companyIssues = function (data, guide, labels) {
    var company = guide.findings && guide.findings.company;
    var area = RF.isObject(data) && RF.isObject(data.government_functions) ? data.government_functions : {};
    if (!company) return [];
    var spaces = labels.urls.spaces;
    var issues = [];
    (Array.isArray(area.functions) ? area.functions : []).forEach(function (fn, i) {
      if (!RF.isObject(fn) || typeof fn.commissioner !== "string") return;
      var found = RF.companyEnding(fn.commissioner, company, spaces);
      if (!found) return;
      var ending = found[0] === RF.pyStrip(fn.commissioner, spaces) ? fill(company.whole, { marker: found[1] })
        : found[0].toLowerCase() === found[1].toLowerCase() && company.alone ? fill(company.alone, { marker: found[0] })
          : fill(company.part, { part: found[0], marker: found[1] });
      issues.push({ path: ["government_functions", "functions", i, "commissioner"], severity: "error",
        code: "E-FUNCTION-NOT-GOVERNMENT", message: fill(company.words, { commissioner: fn.commissioner, ending: ending }) });
    });
    return issues;
  };

  /* The paths of the errors that keep an item from being the first copy: every error and
   * missing field the form finds before the repeats; of evidence, the errors only (a web
   * address or a path out of the folder refused on its text), as `check` reads those before its
   * repeats and the folder's files (which the form cannot see) after them. */
  RF.condemning = function (issues) {
    return issues.filter(function (i) {
      return i.severity !== "warning" && (i.severity === "error" || i.path.indexOf("evidence") === -1);
    }).map(function (i) { return i.path; });
  };

  /* The lists of items of each area, in the guideline's order: [area, path of the list]. */
  function lists(data, guide) {
    var out = [];
    guide.areas.forEach(function (a) {
      if (a.key === "innovation") out.push([a.key, ["innovation", "services"]]);
      else if (a.key === "government_functions") out.push([a.key, ["government_functions", "functions"]]);
      else out.push([a.key, [a.key]]);
    });
    return out;
  }

  /* An item's content as the rule compares it (`_content`): every field of its schema but the
   * ignored ones, a missing one at its default, a labelled choice by its label (its code and
   * label are one value), texts by `same_text`. */
  function content(value, schema, root, said, spaces) {
    var s = RF.resolveSchema(schema || {}, root);
    if (RF.isObject(value) && s.properties) {
      return Object.keys(s.properties).filter(function (p) { return said.ignored.indexOf(p) === -1; }).map(function (p) {
        var inner = RF.resolveSchema(s.properties[p], root);
        var v = RF.own(value, p) ? value[p] : inner.default === undefined ? null : inner.default;
        return [p, content(v, s.properties[p], root, said, spaces)];
      });
    }
    if (Array.isArray(value)) return value.map(function (v) { return content(v, s.items, root, said, spaces); });
    if (typeof value === "string") {
      if (s.labels && RF.own(s.labels, value)) return s.labels[value];
      return s.choices && s.choices.indexOf(value) !== -1 ? value : RF.sameText(value, spaces);
    }
    return value === undefined ? null : value;
  }

  /* The label of a labelled choice (an achievement's type, as the check names it). */
  function label(value, schema) {
    return schema.labels && RF.own(schema.labels, value) ? schema.labels[value] : String(value);
  }

  /* Issues {path, severity: "error", code, message}: each item after the first that repeats an
   * item, at its title (or name); each achievement after the first of the same type and date in
   * one research report, at its date. `errors`: the paths of the report's errors, whose items
   * are no first copy (an error inside a research report's achievement condemns that one only). */
  RF.repeatIssues = function (data, root, guide, labels, errors) {
    var said = guide.findings && guide.findings.repeated;
    if (!said || !RF.isObject(data)) return [];
    var spaces = labels.urls.spaces;
    RF.useSameText(labels);
    var text = function (t) { return RF.sameText(t, spaces); };
    var condemned = {};
    (errors || []).forEach(function (path) {
      if (path[0] === "research" && path[2] === "achievements") {  // that achievement only
        condemned[RF.pointer(path.slice(0, 4))] = true;
        return;
      }
      condemned[RF.pointer(path.slice(0, 2))] = true;
      condemned[RF.pointer(path.slice(0, 3))] = true;
    });
    var issues = [];
    var first = {};
    lists(data, guide).forEach(function (pair) {
      var area = pair[0];
      var listPath = pair[1];
      var list = RF.getPath(data, listPath);
      var listSchema = RF.getPath(root, ["properties"].concat(listPath.length === 2 ? [listPath[0]] : listPath));
      if (!Array.isArray(list) || !listSchema) return;
      var owner = RF.resolveSchema(listSchema, root);
      if (listPath.length === 2) owner = RF.resolveSchema((owner.properties || {})[listPath[1]] || {}, root);
      var itemSchema = RF.resolveSchema(owner.items || {}, root);
      var fields = itemSchema.properties || {};
      list.forEach(function (item, i) {
        var path = listPath.concat([i]);
        if (!RF.isObject(item) || condemned[RF.pointer(path)]) return;
        var words = ("title" in fields && item.title) || ("name" in fields && item.name) || null;
        var name = typeof words === "string" ? text(words) : null;
        var title = "title" in fields ? name : null;
        var keys = [[["content", listPath, content(item, itemSchema, root, said, spaces)], "content", true]];
        if (said.named.indexOf(area) !== -1 && name !== null) {
          keys.push([["name", area, name], "name", true]);
        } else if (said.by_title.indexOf(area) !== -1) {
          keys.push([["title", title], "title", true]);
        } else if (title !== null && "commissioner" in fields) {
          keys.push([["function", title, typeof item.commissioner === "string" ? text(item.commissioner) : item.commissioner],
            "function", true]);
          // a service of its title, on its start, to the commissioner itself (`_SAME_COMMISSIONED`)
          keys.push([["work", title, item.start === undefined ? null : item.start,
            typeof item.commissioner === "string" ? text(item.commissioner) : null], "commissioned", false]);
        } else if (title !== null && "date" in fields) {
          var work = ["work", title, item.date === undefined ? null : item.date];
          if ("enterprise" in fields) {
            keys.push([work.concat([typeof item.enterprise === "string" ? text(item.enterprise) : null]), "service", true]);
            keys.push([work, "work", false]);
          } else {
            keys.push([work, "work", true]);
          }
        }
        // A research report against a major work of its title on one of its achievements' days:
        // held by one, asked by the other (`_SAME_REPORT`).
        var research = said.by_title.indexOf(area) !== -1;
        var paired = title !== null && (research || (said.report_again || []).indexOf(area) !== -1);
        // The report's: the days it was recognised that count, this year's, by none in error.
        var span = guide.window || {};
        var days = !paired ? [] : research ? (Array.isArray(item.achievements) ? item.achievements : []).map(function (a, j) {
          return RF.isObject(a) && inWindow(a.date, span) && !condemned[RF.pointer(path.concat(["achievements", j]))] ? a.date : undefined;
        }).filter(function (d) { return d !== undefined; }) : [item.date === undefined ? null : item.date];
        var holds = days.map(function (d) { return JSON.stringify([research ? "report" : "titled", title, d]); });
        var asks = days.map(function (d) { return JSON.stringify([research ? "titled" : "report", title, d]); });
        var entry = { area: area, list: RF.pointer(listPath), item: item };
        var repeated = null;
        keys.some(function (k) {
          var key = JSON.stringify(k[0]);
          if (RF.own(first, key) && (k[2] || first[key].list !== entry.list)) repeated = [first[key], k[1]];
          return !!repeated;
        });
        if (!repeated) {
          var asked = asks.filter(function (k) { return RF.own(first, k); })[0];
          if (asked) repeated = [first[asked], "report"];
        }
        if (repeated) {
          var at = "title" in fields ? "title" : "name" in fields ? "name" : null;
          issues.push({ path: at ? path.concat([at]) : path, severity: "error", code: "E-ITEM-REPEATED",
            message: fill(said.words, { area: guide.findings.areas[repeated[0].area], id: String(repeated[0].item.id),
              why: said.why[repeated[1]] }) });
          return;
        }
        keys.forEach(function (k) {
          var key = JSON.stringify(k[0]);
          if (!RF.own(first, key)) first[key] = entry;
        });
        holds.forEach(function (k) { if (!RF.own(first, k)) first[k] = entry; });
        if (said.by_title.indexOf(area) !== -1) {
          issues.push.apply(issues, achievements(item, path, fields, root, said, condemned, guide.window || {}));
        }
      });
    });
    return issues;
  };

  /* Whether an achievement's date counts this year (`counted_achievements`: start excluded). */
  function inWindow(date, span) {
    return typeof date === "string" && date > span.start && date <= span.deadline;
  }

  /* Within one research report, an achievement of the same type and date as an earlier one (an
   * error), or of the same type on another day of the year (a warning), as `_achievements` says
   * them; one with an error of its own is no first copy. */
  function achievements(item, path, fields, root, said, condemned, span) {
    var issues = [];
    if (!fields.achievements || !Array.isArray(item.achievements)) return issues;
    var schema = RF.resolveSchema(RF.resolveSchema(fields.achievements, root).items || {}, root);
    var type = RF.resolveSchema((schema.properties || {}).type || {}, root);
    var seen = {};
    var typed = {};
    item.achievements.forEach(function (a, j) {
      if (!RF.isObject(a)) return;
      var at = path.concat(["achievements", j]);
      if (condemned[RF.pointer(at)]) return;
      var kind = label(a.type, type);
      var key = JSON.stringify([kind, a.date === undefined ? null : a.date]);
      if (RF.own(seen, key)) {
        issues.push({ path: at.concat(["date"]), severity: "error", code: "E-ITEM-REPEATED",
          message: fill(said.achievement, { n: String(seen[key] + 1), type: kind, date: String(a.date) }) });
        return;
      }
      seen[key] = j;
      if (!inWindow(a.date, span) || !said.same_type) return;
      if (RF.own(typed, kind)) {
        issues.push({ path: at.concat(["type"]), severity: "warning", code: "W-ACHIEVEMENT-SAME-TYPE",
          message: fill(said.same_type, { n: String(typed[kind][0] + 1), type: kind, date: String(typed[kind][1]) }) });
      } else {
        typed[kind] = [j, a.date];
      }
    });
    return issues;
  }

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
