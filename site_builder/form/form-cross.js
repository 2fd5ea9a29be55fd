/* Report form: two errors `check` finds against the other reports of the repository, at the field
 * and in its words, from the reports the site publishes (across.json, written by
 * validators/association/browser_cross.py):
 *
 * - E-CONSORTIUM-MULTIPLE-LEADS (validators/rules/cross_file_consortia.py): a consortium this
 *   report leads (牵头) that another report of the same year leads too, under the same id, or
 *   under another id with the same name (as `same_text` reads it), at the consortium's role;
 * - E-ESTABLISHED-CHANGED (validators/rules/cross_file.py): a consortium (any society's) or a
 *   station (this society's) whose established date differs from the one the earliest report of
 *   it gives, at the date.
 *
 * The report being edited takes the place of its society's published report of the same year
 * (editing a merged report must not find it against itself). A report not yet merged is not on
 * the site: the form cannot know it (the check bar's “检查通过” says the submission is checked in full).
 * tests/test_form_cross_node.py runs this file under Node on repositories and reports `check`
 * reads and requires the same codes at the same fields in the same words.
 *
 * Works in a browser and under Node (module.exports), with no DOM; it reads RF.sameText
 * (form-findings.js) and RF.pyStrip (form-warnings.js). */
(function (global) {
  "use strict";
  var RF = (global.ReportForm = global.ReportForm || {});

  /* str.format of the rule's template: each "{key}" once, in one pass (a value that holds
   * "{id}" stays as written). */
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function less(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /* The form's report as across.json lists a published one, or null when it is no report the
   * rules across files read (no society or year). */
  function current(data, across, spaces) {
    if (!RF.isObject(data) || typeof data.society !== "string" || typeof data.year !== "number") return null;
    var lead = across.lead;
    var list = function (key) { return Array.isArray(data[key]) ? data[key] : []; };
    var entry = { society: data.society, year: data.year, mine: true,
      file: format(across.file, { society: data.society, year: data.year }) };
    entry.consortia = list("consortia").map(function (c) {
      if (!RF.isObject(c)) return null;
      var role = typeof c.role === "string" ? RF.pyStrip(c.role, spaces) : null;
      return [c.id, c.name, lead.indexOf(role) !== -1, c.established];
    });
    entry.service_stations = list("service_stations").map(function (s) {
      return RF.isObject(s) ? [s.id, s.established] : null;
    });
    return entry;
  }

  /* Every report the rules read, in their order (society, year): the published ones but the
   * form's own society's of this year, and the form's report. */
  function reports(mine, across) {
    var all = (across.reports || []).filter(function (r) {
      return !(r.society === mine.society && r.year === mine.year);
    }).concat([mine]);
    return all.sort(function (a, b) { return less(a.society, b.society) || less(a.year, b.year); });
  }

  /* [report, index, item] of each item of an area that is one (a string id). */
  function items(all, area) {
    var out = [];
    all.forEach(function (r) {
      (r[area] || []).forEach(function (item, i) {
        if (item && typeof item[0] === "string") out.push([r, i, item]);
      });
    });
    return out;
  }

  /* `established_once`: at each date of this report that differs from the earliest report's. */
  function established(all, said) {
    var issues = [];
    said.areas.forEach(function (a) {
      var area = a[0];
      var what = a[1];
      var groups = {};
      var order = [];
      items(all, area).forEach(function (e) {
        var key = JSON.stringify([said.shared.indexOf(area) !== -1 ? "" : e[0].society, e[2][0]]);
        if (!RF.own(groups, key)) { groups[key] = []; order.push(key); }
        groups[key].push(e);
      });
      order.forEach(function (key) {
        var entries = groups[key].slice().sort(function (x, y) {
          return less(x[0].year, y[0].year) || less(x[0].file, y[0].file);
        });
        var origin = entries[0];
        var first = origin[2];
        var told = false;
        entries.slice(1).forEach(function (e) {
          var item = e[2];
          if (item[item.length - 1] === first[first.length - 1]) return;
          var at = [area, e[1], "established"];
          var values = { what: what, id: item[0], established: item[item.length - 1], file: origin[0].file,
            first: first[first.length - 1], year: origin[0].year };
          if (e[0].year > origin[0].year) {
            if (e[0].mine) issues.push(issue(at, "E-ESTABLISHED-CHANGED", format(said.later, values)));
            return;
          }
          if (e[0].mine) issues.push(issue(at, "E-ESTABLISHED-CHANGED", format(said.same_year, values)));
          if (!told) {
            told = true;
            if (origin[0].mine) {
              issues.push(issue([area, origin[1], "established"], "E-ESTABLISHED-CHANGED", format(said.same_year,
                { what: what, id: first[0], established: first[first.length - 1], file: e[0].file,
                  first: item[item.length - 1] })));
            }
          }
        });
      });
    });
    return issues;
  }

  /* `one_lead_per_consortium`: at the role of each consortium this report leads that another
   * entry of the year leads too, under its id (`_leads_by_id`) or its name (`_leads_by_name`). */
  function leads(all, mine, said, spaces) {
    var issues = [];
    var led = items(all, "consortia").filter(function (e) { return e[2][2] && e[0].year === mine.year; });
    led.forEach(function (e) {
      if (!e[0].mine) return;
      var item = e[2];
      var byId = led.filter(function (o) { return o[2][0] === item[0]; });
      if (byId.length > 1) {
        issues.push(issue(["consortia", e[1], "role"], "E-CONSORTIUM-MULTIPLE-LEADS", format(said.by_id,
          { year: mine.year, id: item[0], names: byId.map(function (o) { return o[0].society; }).join(said.joined) })));
      }
      if (typeof item[1] !== "string") return;
      var name = RF.sameText(item[1], spaces);
      var others = {};
      led.forEach(function (o) {
        if (typeof o[2][1] !== "string" || RF.sameText(o[2][1], spaces) !== name) return;
        if (o[0].society === mine.society || o[2][0] === item[0]) return;
        others[JSON.stringify([o[0].society, o[2][0]])] = [o[0].society, o[2][0]];
      });
      var listed = Object.keys(others).map(function (k) { return others[k]; }).sort(function (x, y) {
        return less(x[0], y[0]) || less(x[1], y[1]);
      });
      if (!listed.length) return;
      issues.push(issue(["consortia", e[1], "role"], "E-CONSORTIUM-MULTIPLE-LEADS", format(said.by_name, {
        year: mine.year, name: item[1], id: item[0],
        listed: listed.map(function (o) { return format(said.listed, { society: o[0], id: o[1] }); }).join(said.joined) })));
    });
    return issues;
  }

  function issue(path, code, message) {
    return { path: path, severity: "error", code: code, message: message };
  }

  /* Issues {path, severity: "error", code, message} of the report `data` against the published
   * reports (`across`, or nothing when the site published none). */
  RF.crossIssues = function (data, across, labels) {
    if (!RF.isObject(across) || !Array.isArray(across.reports)) return [];
    var spaces = labels.urls.spaces;
    var mine = current(data, across, spaces);
    if (!mine) return [];
    var all = reports(mine, across);
    return established(all, across.established).concat(leads(all, mine, across.leads, spaces));
  };

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
