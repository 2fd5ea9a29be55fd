/* Report form: the errors `check` finds against the other reports of the repository, at the field
 * and in its words, from the reports the site publishes (across.json and the files under
 * across/, written by validators/association/browser_cross.py: the report's society's own file,
 * and the shared files of its consortia's ids and led consortia's names, `RF.crossNeeds`; put
 * together by `RF.crossPublished`):
 *
 * - E-CONSORTIUM-MULTIPLE-LEADS (validators/rules/cross_file_consortia.py): a consortium this
 *   report leads (牵头) that another report of the same year leads too, under the same id, or
 *   under another id with the same name (as `same_text` reads it), at the consortium's role;
 * - E-CONSORTIUM-DIFFERS (the same file): a consortium this report takes part in (参与) whose one
 *   lead of the year says otherwise of its industry, form or direction, at that field;
 * - E-ESTABLISHED-CHANGED (validators/rules/cross_file.py): a consortium (any society's) or a
 *   station (this society's) whose established date differs from the one the earliest report of
 *   it gives, at the date;
 * - E-ESTABLISHED-TWICE (the same file): a station, or a consortium this society leads, new in
 *   this year's window under another id than an earlier report of the society gave one of the same
 *   name, at the date;
 * - E-FUNCTION-NEW-TWICE (the same file): a function new this year whose id the society's report
 *   of the year before lists, at `new`;
 * - E-ACHIEVEMENT-COUNTED-TWICE (validators/rules/cross_file_claims.py): an achievement counted
 *   this year that an earlier report of the society counted for the same report (id or title) and
 *   type, at the achievement.
 *
 * And the warnings `check` gives the report against the others, as warnings, in its words: W-CONSORTIUM-NO-LEAD,
 * W-CONSORTIUM-MEMBER-UNKNOWN, W-CONSORTIUM-MEMBER-NO-REPORT (once the year's submission has closed,
 * by the reader's day), W-CONSORTIUM-NOT-RECIPROCAL, W-CONSORTIUM-MEMBERS-DIFFER (cross_file_consortia.py),
 * W-EVENT-CLAIMED-TWICE, W-REPORT-CLAIMED-TWICE, W-FUNCTION-CLAIMED-TWICE, W-STATION-CLAIMED-TWICE,
 * W-STATION-NAME-REUSED and W-WORK-CLAIMED-AGAIN (cross_file_claims.py), W-CONSORTIUM-RENAMED and W-CONSORTIUM-NAME-REUSED
 * (cross_file_consortia.py), W-STATION-RENAMED
 * and W-IMPLAUSIBLE-FIGURE (cross_file.py), each at the
 * field `check` puts it on, the report's own warnings only (`RF.crossWarnings`).
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

  /* `society_name`: a society as a message names it to a secretary, by its registered name
   * (`nameOf`, what `RF.crossIssues` and `RF.crossWarnings` were given: the page's list of
   * societies), else by its id. */
  var nameOf = null;
  /* `report_words`: another report as a message names it, by its society and year ("本学会" when
   * it is the form's society's, across.json's `report`), not by its path in the repository. */
  var reportSaid = null;
  var ownSociety = null;
  function reportOf(entry) {
    if (!reportSaid) return entry.file;
    return entry.society === ownSociety ? format(reportSaid.own, { year: entry.year })
      : format(reportSaid.other, { society: who(entry.society), year: entry.year });
  }
  function who(id) {
    var name = nameOf ? nameOf(id) : null;
    return typeof name === "string" && name ? name : id;
  }

  function less(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /* A date the model takes (YYYY-MM-DD, as a string), or null. */
  function day(value) {
    return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  }

  /* `LabelledEnum.from_text` of a written kind: [code, label] of the entry ([code, label,
   * *aliases]) that names it, or null. */
  function kind(written, entries, spaces) {
    if (typeof written !== "string" || !Array.isArray(entries)) return null;
    var text = RF.pyStrip(written, spaces);
    for (var k = 0; k < entries.length; k++) {
      if (entries[k].indexOf(text) !== -1) return [entries[k][0], entries[k][1]];
    }
    return null;
  }

  /* `as_written` of a member's field: [what compares, what is shown], or null when the model
   * would not take it (the form says so at the field). */
  function written(field, value, across, year, spaces) {
    if (typeof value !== "string") return null;
    if (field === "direction") return kind(value, across.direction, spaces);
    if (field === "form") {
      var known = kind(value, (year || {}).consortium_forms, spaces);
      if (known) return known;
      return RF.pyStrip(value, spaces) ? [RF.sameText(value, spaces), value] : null;
    }
    return [RF.sameText(value, spaces), value];
  }

  /* The form's report as across.json lists a published one, or null when it is no report the
   * rules across files read (no society or year). Its consortia carry, besides, what they say of
   * the fields members must say as the lead does, and whether they take part (参与). */
  function current(data, across, spaces) {
    if (!RF.isObject(data) || typeof data.society !== "string" || typeof data.year !== "number") return null;
    var year = (across.years || {})[String(data.year)];
    var list = function (key) { return Array.isArray(data[key]) ? data[key] : []; };
    var entry = { society: data.society, year: data.year, mine: true,
      file: format(across.file, { society: data.society, year: data.year }) };
    entry.consortia = list("consortia").map(function (c) {
      if (!RF.isObject(c)) return null;
      var role = typeof c.role === "string" ? RF.pyStrip(c.role, spaces) : null;
      var item = [c.id, c.name, across.lead.indexOf(role) !== -1, c.established];
      item.member = (across.member || []).indexOf(role) !== -1;
      item.states = across.differs.fields.map(function (f) { return written(f[0], c[f[0]], across, year, spaces); });
      item.push(item.states, Array.isArray(c.members) ? c.members : []);
      return item;
    });
    entry.service_stations = list("service_stations").map(function (s) {
      if (!RF.isObject(s)) return null;
      var level = kind(s.level, (year || {}).station_levels, spaces);
      return [s.id, s.established, s.name, s.partner, level ? level[0] : null, s.industry];
    });
    var gov = data.government_functions;
    entry.gov = RF.isObject(gov);
    entry.functions = entry.gov && Array.isArray(gov.functions) ? gov.functions : [];
    entry.research = list("research");
    entry.events = list("academic_events");
    entry.stations = list("service_stations");
    // ["innovation" | "academic_events" | "major_work", item, path] of each dated work, as `dated_works` lists them.
    var inno = RF.isObject(data.innovation) && Array.isArray(data.innovation.services) ? data.innovation.services : [];
    entry.works = inno.map(function (x, i) { return ["innovation", x, ["innovation", "services", i]]; })
      .concat(list("academic_events").map(function (x, i) { return ["academic_events", x, ["academic_events", i]]; }))
      .concat(list("major_work").map(function (x, i) { return ["major_work", x, ["major_work", i]]; }));
    entry.listsConsortia = list("consortia").length > 0;
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

  /* Whether a consortium's entry [report, index, item] has a name: the form's report may lack one
   * (its field says so), and `check` says nothing across files of a report it cannot read. */
  function hasName(e) {
    return typeof e[2][1] === "string";
  }

  /* Where an item of an area (across.json's list) holds its established date, and its name. */
  var DATE_AT = { consortia: 3, service_stations: 1 };
  var NAME_AT = { consortia: 1, service_stations: 2 };

  /* 0 for a consortium's lead's entry, else 1: the lead's sorts first. */
  function isLead(area, e) {
    return area === "consortia" && e[2][2] === true ? 0 : 1;
  }

  /* An item's name as a message says it (its id when the form's report has none yet). */
  function named(area, item) {
    var name = item[NAME_AT[area]];
    return typeof name === "string" ? name : item[0];
  }

  /* `established_once`: at each date of this report that differs from the earliest report's. */
  function established(all, said) {
    var issues = [];
    said.areas.forEach(function (a) {
      var area = a[0];
      var what = a[1];
      var at = DATE_AT[area];
      var groups = {};
      var order = [];
      items(all, area).forEach(function (e) {
        // An item of the form's report without a date (or with one the model would not take) is
        // for its field's own message: `check` compares no report it cannot read.
        if (e[0].mine && day(e[2][at]) === null) return;
        var key = JSON.stringify([said.shared.indexOf(area) !== -1 ? "" : e[0].society, e[2][0]]);
        if (!RF.own(groups, key)) { groups[key] = []; order.push(key); }
        groups[key].push(e);
      });
      order.forEach(function (key) {
        var entries = groups[key].slice().sort(function (x, y) {
          // A consortium's lead first among a year's reports (`established_once`).
          return less(x[0].year, y[0].year) || less(isLead(area, x), isLead(area, y)) || less(x[0].file, y[0].file);
        });
        var origin = entries[0];
        var first = origin[2];
        var told = false;
        entries.slice(1).forEach(function (e) {
          var item = e[2];
          if (item[at] === first[at]) return;
          var path = [area, e[1], "established"];
          var values = { what: what, name: named(area, item), id: item[0], established: item[at],
            file: reportOf(origin[0]), first: first[at], origin: "" };
          if (e[0].year > origin[0].year) {
            // The society's own latest earlier report that says the first date (`established_once`).
            var own = entries.filter(function (o) {
              return o[0].year < e[0].year && o[0].society === e[0].society && o[2][at] === first[at];
            }).pop();
            // The earliest report is named besides only when the report told of is another.
            if (own && own[0] !== origin[0]) {
              values.file = reportOf(own[0]);
              values.origin = format(said.origin, { report: reportOf(origin[0]) });
            }
            if (e[0].mine) issues.push(issue(path, "E-ESTABLISHED-CHANGED", format(said.later, values)));
            return;
          }
          if (e[0].mine) issues.push(issue(path, "E-ESTABLISHED-CHANGED", format(said.same_year, values)));
          if (!told) {
            told = true;
            if (origin[0].mine) {
              issues.push(issue([area, origin[1], "established"], "E-ESTABLISHED-CHANGED", format(said.same_year,
                { what: what, name: named(area, first), id: first[0], established: first[at], file: reportOf(e[0]),
                  first: item[at] })));
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
      if (!e[0].mine || !hasName(e)) return;
      var item = e[2];
      var byId = led.filter(function (o) { return o[2][0] === item[0]; });
      if (byId.length > 1) {
        issues.push(issue(["consortia", e[1], "role"], "E-CONSORTIUM-MULTIPLE-LEADS", format(said.by_id,
          { year: mine.year, name: item[1], id: item[0], names: byId.map(function (o) { return who(o[0].society); }).join(said.joined) })));
      }
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
        listed: listed.map(function (o) { return format(said.listed, { society: who(o[0]), id: o[1] }); }).join(said.joined) })));
    });
    return issues;
  }

  /* The year's evaluation window holds the date (`in_window`: after its start, by its deadline). */
  function inWindow(date, year) {
    return date !== null && !!year && date > year.window[0] && date <= year.window[1];
  }

  /* `established_under_one_id`: at the date of each station, or consortium this report leads,
   * founded in this year's window whose name (`same_text`) an earlier report of the society gave
   * an item of the area under another id. */
  function establishedTwice(all, mine, said, year, spaces) {
    var issues = [];
    if (!year) return issues;
    said.areas.forEach(function (a) {
      var area = a[0];
      var at = DATE_AT[area];
      var name = function (item) { return item[NAME_AT[area]]; };
      var ours = items(all, area).filter(function (e) {
        return e[0].society === mine.society && (area !== "consortia" || e[2][2]) && typeof name(e[2]) === "string";
      });
      ours.forEach(function (e) {
        if (!e[0].mine) return;
        var item = e[2];
        var key = RF.sameText(name(item), spaces);
        var before = ours.filter(function (o) {
          return o[0].year < mine.year && RF.sameText(name(o[2]), spaces) === key;
        }).sort(function (x, y) { return less(x[0].year, y[0].year); });
        if (!before.length) return;
        var first = before[0];
        var other = before.filter(function (o) { return o[2][0] !== first[2][0]; })[0];
        var earlier = first[2][0] !== item[0] ? first : other;
        if (!earlier || !inWindow(day(item[at]), year)) return;
        issues.push(issue([area, e[1], "established"], "E-ESTABLISHED-TWICE", format(said.sentence, {
          what: a[1], name: name(item), file: reportOf(earlier[0]), id: earlier[2][0], day: a[2],
          established: earlier[2][at], year: mine.year })));
      });
    });
    return issues;
  }

  /* What the form's report lists of an area's entries ([report, index, item]), by id and by
   * name (the item's `at`, as `text` reads it): "id:…" and "name:…" keys. */
  function listedNow(entries, at, text) {
    var listed = {};
    entries.forEach(function (e) {
      if (!e[0].mine) return;
      listed["id:" + e[2][0]] = true;
      if (typeof e[2][at] === "string") listed["name:" + text(e[2][at])] = true;
    });
    return listed;
  }

  /* The names (the item's `at`, as `text` reads it) the entries of years before the form's gave. */
  function namedBefore(entries, mine, at, text) {
    var named = {};
    entries.forEach(function (e) {
      if (e[0].year < mine.year && typeof e[2][at] === "string") named[text(e[2][at])] = true;
    });
    return named;
  }

  /* `stations_renamed`, a warning: at the date of each station founded in this year's window that serves
   * the partner, at the level, in the industry (`same_text` but the level's code) of a station of
   * the society's report of the year before that this report lists neither by id nor by name. */
  function stationsRenamed(all, mine, said, year, spaces) {
    var issues = [];
    if (!year || !said) return issues;
    var text = function (t) { return typeof t === "string" ? RF.sameText(t, spaces) : null; };
    var key = function (s) {
      var parts = [text(s[3]), s[4], text(s[5])];
      return parts.indexOf(null) === -1 && parts.indexOf(undefined) === -1 ? JSON.stringify(parts) : null;
    };
    var ours = items(all, "service_stations").filter(function (e) { return e[0].society === mine.society; });
    var listed = listedNow(ours, 2, text);
    // A name the society gave a station in an earlier year: `established_under_one_id`'s error.
    var named = namedBefore(ours, mine, 2, text);
    ours.forEach(function (e) {
      var item = e[2];
      if (!e[0].mine || key(item) === null || !inWindow(day(item[1]), year)) return;
      if (typeof item[2] === "string" && named[text(item[2])]) return;
      var same = ours.filter(function (o) {
        return o[0].year === mine.year - 1 && typeof o[2][2] === "string" && !listed["id:" + o[2][0]]
          && !listed["name:" + text(o[2][2])] && key(o[2]) === key(item);
      }).sort(function (x, y) { return less(x[0].year, y[0].year); })[0];
      if (!same) return;
      issues.push(warn(["service_stations", e[1], "established"], "W-STATION-RENAMED", format(said, {
        name: item[2], file: reportOf(same[0]), old: same[2][2], id: same[2][0], established: same[2][1], year: mine.year })));
    });
    return issues;
  }

  /* `consortia_renamed`, a warning: at the date of each consortium this report leads, founded in
   * this year's window, of the industry, form and direction (as they compare) of one the
   * society's report of the year before led that this report lists neither by id nor by name. */
  function consortiaRenamed(all, mine, said, year, spaces) {
    var issues = [];
    if (!year || !said) return issues;
    var text = function (t) { return typeof t === "string" ? RF.sameText(t, spaces) : null; };
    var key = function (c) {
      var states = c[4];
      if (!Array.isArray(states) || states.some(function (x) { return !x; })) return null;
      return JSON.stringify(states.map(function (x) { return x[0]; }));
    };
    var ours = items(all, "consortia").filter(function (e) { return e[0].society === mine.society && e[2][2]; });
    var listed = listedNow(items(all, "consortia"), 1, text);
    // A name the society gave a consortium it led in an earlier year: `established_under_one_id`'s error.
    var named = namedBefore(ours, mine, 1, text);
    var matched = [];  // an old consortium stands in for one new one only
    ours.forEach(function (e) {
      var item = e[2];
      if (!e[0].mine || typeof item[1] !== "string" || key(item) === null || !inWindow(day(item[3]), year)) return;
      if (named[text(item[1])]) return;
      var same = ours.filter(function (o) {
        return o[0].year === mine.year - 1 && typeof o[2][1] === "string" && !listed["id:" + o[2][0]]
          && !listed["name:" + text(o[2][1])] && key(o[2]) === key(item) && matched.indexOf(o) === -1;
      })[0];
      if (!same) return;
      matched.push(same);
      issues.push(warn(["consortia", e[1], "established"], "W-CONSORTIUM-RENAMED", format(said, {
        name: item[1], year: mine.year, file: reportOf(same[0]), old: same[2][1], id: same[2][0], established: same[2][3] })));
    });
    return issues;
  }

  /* `consortium_names_reused`, a warning: at the name of each consortium this report leads,
   * founded in this year's window, that another society's report of an earlier year leads under
   * the same name (`same_text`) and another id; the earliest such lead is named. */
  function consortiumNamesReused(all, mine, said, year, spaces) {
    var issues = [];
    if (!year || !said) return issues;
    var led = items(all, "consortia").filter(function (e) { return e[2][2] && typeof e[2][1] === "string"; });
    led.forEach(function (e) {
      var item = e[2];
      if (!e[0].mine || !inWindow(day(item[3]), year)) return;
      var name = RF.sameText(item[1], spaces);
      var earlier = led.filter(function (o) {
        return o[0].year < mine.year && o[0].society !== mine.society && o[2][0] !== item[0]
          && RF.sameText(o[2][1], spaces) === name;
      }).sort(function (x, y) { return x[0].year - y[0].year || less(x[0].society, y[0].society) || x[1] - y[1]; });
      if (!earlier.length) return;
      var before = earlier[0];
      issues.push(warn(["consortia", e[1], "name"], "W-CONSORTIUM-NAME-REUSED", format(said, {
        name: item[1], year: mine.year, society: who(before[0].society), before: before[0].year, file: before[0].file,
        id: before[2][0], established: before[2][3] })));
    });
    return issues;
  }

  /* `works_claimed_again`, a warning: at the date of each service, event or major work of this
   * report at most the year's `same_work_days` from one of its title (a service: and enterprise,
   * `same_text` each) in the society's report of the year before; the nearest is named. */
  function worksAgain(all, mine, said, year, spaces) {
    var issues = [];
    var most = year && year.same_work_days;
    var previous = all.filter(function (r) { return r.society === mine.society && r.year === mine.year - 1; })[0];
    if (!most || !said || !previous || !Array.isArray(previous.works)) return issues;
    var time = function (d) { return Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 864e5; };
    mine.works.forEach(function (w) {
      var item = w[1];
      if (!RF.isObject(item) || typeof item.title !== "string" || day(item.date) === null) return;
      if (w[0] === "innovation" && typeof item.enterprise !== "string") return;
      var key = JSON.stringify([w[0], RF.sameText(item.title, spaces), w[0] === "innovation" ? RF.sameText(item.enterprise, spaces) : ""]);
      var near = null;
      previous.works.forEach(function (o) {
        var apart = Math.abs(time(item.date) - time(o[1]));
        if (JSON.stringify(o[0]) === key && apart <= most && (near === null || apart < near[0])) near = [apart, o];
      });
      if (!near) return;
      issues.push(warn(w[2].concat(["date"]), "W-WORK-CLAIMED-AGAIN", format(said.sentence, {
        title: item.title, day: item.date, file: reportOf(previous), other: near[1][2], other_day: near[1][1], days: near[0],
        same: w[0] === "innovation" ? said.enterprise : "" })));
    });
    return issues;
  }

  /* `functions_new_once`: at `new` of each function new this year that the society's report of
   * the year before lists, by its id or by its title and commissioner (`function_key`). */
  function functionsNew(all, mine, said, again, spaces) {
    var previous = all.filter(function (r) { return r.society === mine.society && r.year === mine.year - 1; })[0];
    if (!previous || !mine.gov) return [];
    var earlier = previous.functions || [];
    var keyed = {};
    (previous.function_keys || []).forEach(function (k) {
      var key = JSON.stringify([k[1], k[2]]);
      if (!RF.own(keyed, key)) keyed[key] = k[0];
    });
    var issues = [];
    mine.functions.forEach(function (fn, i) {
      if (!RF.isObject(fn) || fn.new !== true || typeof fn.id !== "string") return;
      var message;
      if (earlier.indexOf(fn.id) !== -1) {
        if (typeof fn.title !== "string") return;
        message = format(said, { title: fn.title, file: reportOf(previous) });
      } else {
        if (typeof fn.title !== "string" || typeof fn.commissioner !== "string") return;
        var key = JSON.stringify([RF.sameText(fn.title, spaces), RF.sameText(fn.commissioner, spaces)]);
        if (!RF.own(keyed, key)) return;
        message = format(again, { title: fn.title, commissioner: fn.commissioner, file: reportOf(previous), id: keyed[key] });
      }
      issues.push(issue(["government_functions", "functions", i, "new"], "E-FUNCTION-NEW-TWICE", message));
    });
    return issues;
  }

  /* `members_agree_with_lead`: at each field of a consortium this report takes part in that says
   * otherwise than the one lead of the year (when the lead is another report). */
  function differs(all, mine, said) {
    var issues = [];
    var entries = items(all, "consortia").filter(function (e) { return e[0].year === mine.year; });
    entries.forEach(function (e) {
      var item = e[2];
      if (!e[0].mine || !item.member || !hasName(e)) return;
      var leads = entries.filter(function (o) { return o[2][0] === item[0] && o[2][2]; });
      if (leads.length !== 1 || leads[0][0].mine) return;
      var lead = leads[0];
      said.fields.forEach(function (f, k) {
        var mineSays = item.states[k];
        var theirs = lead[2][4] && lead[2][4][k];
        if (!mineSays || !theirs || mineSays[0] === theirs[0]) return;
        issues.push(issue(["consortia", e[1], f[0]], "E-CONSORTIUM-DIFFERS", format(said.sentence, {
          name: item[1], id: item[0], word: f[1], shown: mineSays[1], society: who(lead[0].society),
          told: theirs[1] })));
      });
    });
    return issues;
  }

  /* `achievements_counted_once`: at each achievement counted this year (in the year's window) that
   * an earlier report of the society counted for the same research report (id, or title as
   * `same_text` reads it) and type: the earliest such report's. */
  function counted(all, mine, said, year, spaces) {
    var issues = [];
    if (!year) return issues;
    var seen = {};
    all.forEach(function (r) {
      if (r.mine || r.society !== mine.society || r.year >= mine.year) return;
      (r.research || []).forEach(function (item) {
        item[2].forEach(function (a) {
          [["id", item[0]], ["title", item[1]]].forEach(function (k) {
            var key = JSON.stringify([k[0], k[1], a[0]]);
            if (!RF.own(seen, key)) seen[key] = [r, a];
          });
        });
      });
    });
    mine.research.forEach(function (item, i) {
      if (!RF.isObject(item) || typeof item.id !== "string" || typeof item.title !== "string" ||
          !Array.isArray(item.achievements)) return;
      var title = RF.sameText(item.title, spaces);
      item.achievements.forEach(function (ach, j) {
        if (!RF.isObject(ach) || !inWindow(day(ach.date), year) || typeof ach.type !== "string") return;
        var type = kind(ach.type, year.achievement_types, spaces);
        if (!type) {
          if (!RF.pyStrip(ach.type, spaces)) return;
          type = [ach.type, ach.type];
        }
        var keys = [JSON.stringify(["id", item.id, type[0]]), JSON.stringify(["title", title, type[0]])];
        var found = keys.filter(function (k) { return RF.own(seen, k); })[0];
        if (!found) return;
        var before = seen[found];
        issues.push(issue(["research", i, "achievements", j], "E-ACHIEVEMENT-COUNTED-TWICE", format(said.sentence, {
          title: item.title, type: type[1], year: before[0].year, file: reportOf(before[0]),
          when: before[1][1] === ach.date ? "" : format(said.when, { date: before[1][1] }) })));
      });
    });
    return issues;
  }

  /* ---- the warnings (RF.crossWarnings) ---------------------------------------------------- */

  function warn(path, code, message) {
    return { path: path, severity: "warning", code: code, message: message };
  }

  /* A published item of another society is a member (参与) when it does not lead; the form's own
   * when its role is one the model reads as 参与. */
  function isMember(e) {
    return e[0].mine ? !!e[2].member : !e[2][2];
  }

  /* `_societies`: societies (their names, `who`) as a sentence names them before the next word. */
  function societiesText(names, more, said) {
    var shown = names.slice(0, said.named).join(said.joined || "、");
    return names.length > said.named ? format(said.many, { shown: shown, n: names.length })
      : more ? format(said.more, { shown: shown }) : format(said.few, { shown: shown });
  }

  function uniqueSorted(list) {
    return list.filter(function (x, k) { return list.indexOf(x) === k; }).sort(less);
  }

  /* `_no_lead` and `_leads_by_id`'s warning: at the role of each consortium of this report whose
   * id no report of the year leads. */
  function noLead(all, mine, said, spaces) {
    var issues = [];
    var entries = items(all, "consortia").filter(function (e) { return e[0].year === mine.year; });
    entries.forEach(function (e) {
      if (!e[0].mine || !isMember(e) || typeof e[2][1] !== "string") return;
      var cid = e[2][0];
      var group = entries.filter(function (o) { return o[2][0] === cid; });
      if (group.some(function (o) { return o[2][2] || (o[0].mine && !o[2].member); })) return;
      var name = RF.sameText(e[2][1], spaces);
      var message = null;
      all.forEach(function (r) {
        if (message !== null || r.society === mine.society) return;
        (r.consortia || []).forEach(function (c) {
          if (message !== null || !c || !c[2]) return;
          if (r.year === mine.year && typeof c[1] === "string" && RF.sameText(c[1], spaces) === name && c[0] !== cid) {
            message = format(said.other_id, { lead: who(r.society), name: e[2][1], year: mine.year, other: c[0], id: cid });
          } else if (c[0] === cid && r.year !== mine.year) {
            message = format(said.other_year, { name: e[2][1], id: cid, lead: who(r.society), lead_year: r.year, year: mine.year });
          }
        });
      });
      issues.push(warn(["consortia", e[1], "role"], "W-CONSORTIUM-NO-LEAD",
        message !== null ? message : format(said.none, { year: mine.year, name: e[2][1], id: cid })));
    });
    return issues;
  }

  /* The model's pattern of a society id, as Python's re.match reads it (its `$` also before a
   * final newline). */
  function slugLike(text, across) {
    var re = new RegExp(across.society_id[0]);
    return typeof text === "string" && (re.test(text) || (/\n$/.test(text) && re.test(text.slice(0, -1))));
  }

  /* `known_members`: at each member of this report's consortia written like a society id that no
   * society the site lists has (`known`), in other words when the site lists its folder as one
   * whose files do not read (`unread`). */
  function unknownMembers(mine, across, known, unread, said) {
    var issues = [];
    mine.consortia.forEach(function (c, i) {
      if (!c || typeof c[0] !== "string") return;
      c[5].forEach(function (member, j) {
        if (!slugLike(member, across) || member === mine.society || RF.own(known, member)) return;
        issues.push(warn(["consortia", i, "members", j], "W-CONSORTIUM-MEMBER-UNKNOWN",
          format(RF.own(unread, member) ? said.member_unread : said.member_unknown, { member: member })));
      });
    });
    return issues;
  }

  /* `members_reported`: at the first listing of each member of a consortium this report leads that
   * is a society the site lists (`known`) with no report file of the year, readable or not
   * (`filed`), once `day` (ISO) is past the year's last day of submission (`year.closes`). */
  function membersReported(mine, year, said, known, filed, day) {
    var issues = [];
    if (!year || !Array.isArray(year.closes) || typeof day !== "string" || !(day > year.closes[0])) return issues;
    mine.consortia.forEach(function (c, i) {
      if (!c || !c[2] || typeof c[0] !== "string" || typeof c[1] !== "string") return;
      var seen = {};
      c[5].forEach(function (member, j) {
        if (typeof member !== "string" || RF.own(seen, member) || member === mine.society || !RF.own(known, member)) return;
        if ((filed[member] || []).indexOf(mine.year) !== -1) return;
        seen[member] = true;
        issues.push(warn(["consortia", i, "members", j], "W-CONSORTIUM-MEMBER-NO-REPORT", format(said, {
          named: who(member), year: mine.year, closes: year.closes[1], name: c[1] })));
      });
    });
    return issues;
  }

  /* `members_reciprocal`, the warnings on this report: as the one lead of the year, of members
   * whose report omits the consortium or that take part unlisted; as a member, of a lead that does
   * not list it; and of a lead that lists this society while this report omits the consortium
   * (`named`, from the society's file). */
  function reciprocal(all, mine, said, known, named) {
    var issues = [];
    var groups = {};
    items(all, "consortia").forEach(function (e) {
      if (e[0].year !== mine.year) return;
      var g = RF.own(groups, e[2][0]) ? groups[e[2][0]] : (groups[e[2][0]] = {});
      if (!RF.own(g, e[0].society)) g[e[0].society] = e;
    });
    Object.keys(groups).sort(less).forEach(function (cid) {
      var bySociety = groups[cid];
      var societies = Object.keys(bySociety).sort(less);
      var leads = societies.map(function (s) { return bySociety[s]; }).filter(function (e) { return e[2][2]; });
      if (leads.length !== 1) return;
      var lead = leads[0];
      var listed = Array.isArray(lead[2][5]) ? lead[2][5] : [];
      if (lead[0].mine && !hasName(lead)) return;
      if (lead[0].mine) {
        listed.forEach(function (member, j) {
          if (typeof member !== "string" || RF.own(bySociety, member)) return;
          if (member !== mine.society && (known[member] || []).indexOf(mine.year) === -1) return;
          issues.push(warn(["consortia", lead[1], "members", j], "W-CONSORTIUM-NOT-RECIPROCAL",
            format(said.not_listed_by_member, { member: member, year: mine.year, name: lead[2][1], id: cid })));
        });
      }
      societies.forEach(function (s) {
        var e = bySociety[s];
        if (!isMember(e) || listed.indexOf(s) !== -1) return;
        if (e[0].mine && hasName(e)) {
          issues.push(warn(["consortia", e[1], "role"], "W-CONSORTIUM-NOT-RECIPROCAL",
            format(said.not_listed_by_lead, { name: e[2][1], id: cid, lead: who(lead[0].society), society: s })));
        }
        if (lead[0].mine) {
          issues.push(warn(["consortia", lead[1], "members"], "W-CONSORTIUM-NOT-RECIPROCAL",
            format(said.unlisted_member, { named: who(s), society: s, name: lead[2][1], id: cid })));
        }
      });
    });
    var ids = mine.consortia.map(function (c) { return c && c[0]; });
    (named || []).forEach(function (n) {
      if (n[0] !== mine.year || ids.indexOf(n[1]) !== -1) return;
      for (var k = 0; k < n[3]; k++) {
        issues.push(warn(mine.listsConsortia ? ["consortia"] : ["society"], "W-CONSORTIUM-NOT-RECIPROCAL",
          format(said.omitted_by_member, { lead: who(n[2]), name: n[4], id: n[1] })));
      }
    });
    return issues;
  }

  /* `members_agree_with_lead`'s warning: at each field of a consortium this report is the one lead
   * of that members of other reports say otherwise of. */
  function membersDiffer(all, mine, said, fields, joined) {
    var issues = [];
    var entries = items(all, "consortia").filter(function (e) { return e[0].year === mine.year; });
    entries.forEach(function (e) {
      if (!e[0].mine || !e[2][2] || !hasName(e)) return;
      var group = entries.filter(function (o) { return o[2][0] === e[2][0]; });
      if (group.filter(function (o) { return o[2][2]; }).length !== 1) return;
      fields.forEach(function (f, k) {
        var told = e[2].states[k];
        if (!told) return;
        var differing = [];
        group.forEach(function (o) {
          if (o[0].mine || !isMember(o)) return;
          var theirs = o[2][4] && o[2][4][k];
          if (theirs && theirs[0] !== told[0]) differing.push(o[0].society);
        });
        if (!differing.length) return;
        issues.push(warn(["consortia", e[1], f[0]], "W-CONSORTIUM-MEMBERS-DIFFER", format(said, {
          members: uniqueSorted(differing).map(who).join(joined), name: e[2][1], id: e[2][0], word: f[1], told: told[1] })));
      });
    });
    return issues;
  }

  /* `claimed_once`'s events: at the role of each event of this report that another society's report
   * of the year lists with the same title and date, when the roles cannot all stand. */
  function eventsClaimed(mine, shared, said, spaces) {
    var issues = [];
    var own = [];
    mine.events.forEach(function (ev, i) {
      if (!RF.isObject(ev) || typeof ev.title !== "string" || !day(ev.date)) return;
      var role = kind(ev.role, said.event_roles, spaces);
      if (role) own.push([i, RF.sameText(ev.title, spaces), ev.date, role[0], ev.title]);
    });
    own.forEach(function (e) {
      var others = shared.events.filter(function (r) { return r[1] === mine.year && r[2] === e[1] && r[3] === e[2]; });
      if (!others.length) return;
      var same = own.filter(function (o) { return o[1] === e[1] && o[2] === e[2]; });
      var roles = others.map(function (r) { return r[4]; }).concat(same.map(function (o) { return o[3]; }))
        .filter(function (r) { return r !== said.shared_role; });
      if (uniqueSorted(roles).length === roles.length) return;
      var hosts = uniqueSorted(others.map(function (r) { return r[0]; }).concat([mine.society]));
      issues.push(warn(["academic_events", e[0], "role"], "W-EVENT-CLAIMED-TWICE",
        format(said.event, { title: e[4], day: e[2], names: hosts.map(who).join(said.joined) })));
    });
    return issues;
  }

  /* `claimed_once`'s research reports: at the title of each that another society's report of the
   * year lists under the same title. */
  function reportsClaimed(mine, shared, said, spaces) {
    var issues = [];
    mine.research.forEach(function (item, i) {
      if (!RF.isObject(item) || typeof item.title !== "string") return;
      var title = RF.sameText(item.title, spaces);
      var others = shared.research.filter(function (r) { return r[1] === mine.year && r[2] === title; });
      if (!others.length) return;
      var authors = uniqueSorted(others.map(function (r) { return r[0]; }).concat([mine.society]));
      issues.push(warn(["research", i, "title"], "W-REPORT-CLAIMED-TWICE",
        format(said.report, { title: item.title, authors: authors.map(who).join(said.joined) })));
    });
    return issues;
  }

  /* `_overlapping`: for each [society, start, end], up to `named` other societies whose period
   * overlaps, sorted, and whether there may be more. */
  function overlapping(entries, named) {
    var order = entries.map(function (_, k) { return k; }).sort(function (x, y) { return less(entries[x][1], entries[y][1]); });
    var starts = order.map(function (k) { return entries[k][1]; });
    var keep = named + 1;
    var latest = [];
    var top = [];
    order.forEach(function (k) {
      var society = entries[k][0];
      var end = entries[k][2];
      var mine = top.filter(function (t) { return t[1] === society; })[0];
      if (!mine || end > mine[0]) {
        top = top.filter(function (t) { return t[1] !== society; }).concat([[end, society]])
          .sort(function (x, y) { return less(y[0], x[0]) || less(y[1], x[1]); }).slice(0, keep);
      }
      latest.push(top);
    });
    return entries.map(function (e) {
      var before = 0;
      while (before < starts.length && starts[before] <= e[2]) before++;
      var prefix = before ? latest[before - 1] : [];
      var others = prefix.filter(function (t) { return t[0] >= e[1] && t[1] !== e[0]; }).map(function (t) { return t[1]; });
      return [others.slice(0, named).sort(less), prefix.length === keep && others.length >= named];
    });
  }

  /* `functions_claimed_once`: at the title of each function of this report that another society's
   * report of the year lists (title and commissioner) over an overlapping period. */
  function functionsClaimed(mine, shared, said, spaces) {
    var issues = [];
    var own = [];
    mine.functions.forEach(function (fn, i) {
      if (!RF.isObject(fn) || typeof fn.title !== "string" || typeof fn.commissioner !== "string" ||
          !day(fn.start) || !day(fn.end)) return;
      own.push([i, RF.sameText(fn.title, spaces), RF.sameText(fn.commissioner, spaces), fn]);
    });
    var done = {};
    own.forEach(function (e) {
      var key = JSON.stringify([e[1], e[2]]);
      if (RF.own(done, key)) return;
      done[key] = true;
      var group = shared.functions.filter(function (r) { return r[1] === mine.year && r[2] === e[1] && r[3] === e[2]; })
        .map(function (r) { return { society: r[0], start: r[4], end: r[5] }; })
        .concat(own.filter(function (o) { return o[1] === e[1] && o[2] === e[2]; }).map(function (o) {
          return { society: mine.society, start: o[3].start, end: o[3].end, own: o };
        }))
        .sort(function (x, y) { return less(x.society, y.society); });
      if (uniqueSorted(group.map(function (g) { return g.society; })).length < 2) return;
      var found = overlapping(group.map(function (g) { return [g.society, g.start, g.end]; }), said.societies.named);
      group.forEach(function (g, k) {
        if (!g.own || !found[k][0].length) return;
        var fn = g.own[3];
        issues.push(warn(["government_functions", "functions", g.own[0], "title"], "W-FUNCTION-CLAIMED-TWICE",
          format(said.function, { title: fn.title, commissioner: fn.commissioner, start: fn.start, end: fn.end,
            others: societiesText(found[k][0].map(who), found[k][1], said.societies) })));
      });
    });
    return issues.sort(function (a, b) { return a.path[2] - b.path[2]; });
  }

  /* `stations_claimed_once` and `station_names_reused`: at the name of each station of this report
   * that another society's report of the year lists by the same name, and of each new this year
   * under a name another society's report of an earlier year gave its station. */
  function stationsClaimed(mine, shared, said, year, spaces) {
    var claimed = [];
    var reused = [];
    mine.stations.forEach(function (st, i) {
      if (!RF.isObject(st) || typeof st.name !== "string") return;
      var name = RF.sameText(st.name, spaces);
      var same = shared.stations.filter(function (r) { return r[6] === name; });
      var now = uniqueSorted(same.filter(function (r) { return r[1] === mine.year; }).map(function (r) { return r[0]; }));
      if (now.length) {
        claimed.push(warn(["service_stations", i, "name"], "W-STATION-CLAIMED-TWICE",
          format(said.station, { name: st.name, others: societiesText(now.map(who), false, said.societies) })));
      }
      if (!year || !inWindow(day(st.established), year)) return;
      var earlier = same.filter(function (r) { return r[1] < mine.year; }).sort(function (x, y) {
        return x[1] - y[1] || less(x[0], y[0]) || x[3] - y[3];
      });
      if (!earlier.length) return;
      var before = earlier[0];
      var more = uniqueSorted(earlier.map(function (r) { return r[0]; })).length - 1;
      reused.push(warn(["service_stations", i, "name"], "W-STATION-NAME-REUSED", format(said.reused, {
        name: st.name, year: mine.year, society: who(before[0]), more: more ? format(said.reused_more, { n: more + 1 }) : "",
        before: before[1], id: before[4], established: before[5] })));
    });
    return claimed.concat(reused);
  }

  /* Python's format(x, "g"): six significant digits, an exponent below 1e-4 or from 1e6. */
  function pyG(x) {
    if (x === 0) return "0";
    var exp = Number(x.toExponential(5).split("e")[1]);
    var strip = function (t) { return t.indexOf(".") === -1 ? t : t.replace(/0+$/, "").replace(/\.$/, ""); };
    if (exp < -4 || exp >= 6) {
      var parts = x.toExponential(5).split("e");
      var e = Number(parts[1]);
      return strip(parts[0]) + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
    return strip(x.toFixed(5 - exp));
  }

  function count(value) {
    return typeof value === "number" && isFinite(value) ? value : null;
  }

  /* `plausible_figures`: an event's participants (beyond the year's limit, or far beyond the
   * society's other years' most), its provinces (more than there are), a function's amount (far
   * beyond the other years' most), a station's enterprises (beyond the limit). */
  function implausible(all, mine, said, year) {
    var issues = [];
    if (!year || !Array.isArray(year.plausible)) return issues;
    var limit = year.plausible;
    var past = all.filter(function (r) { return r.society === mine.society && r.year !== mine.year; });
    var most = function (key) { return past.reduce(function (m, r) { return Math.max(m, r[key] || 0); }, 0); };
    var pastMax = most("participants_max");
    mine.events.forEach(function (ev, i) {
      if (!RF.isObject(ev)) return;
      var n = count(ev.participants);
      if (n !== null && (n > limit[0] || (pastMax && n > Math.max(limit[2], pastMax * limit[1])))) {
        issues.push(warn(["academic_events", i, "participants"], "W-IMPLAUSIBLE-FIGURE",
          format(said.participants, { participants: n, most: pastMax })));
      }
      if (Array.isArray(ev.speaker_provinces) && ev.speaker_provinces.length > limit[4]) {
        issues.push(warn(["academic_events", i, "speaker_provinces"], "W-IMPLAUSIBLE-FIGURE",
          format(said.provinces, { listed: ev.speaker_provinces.length, total: limit[4] })));
      }
    });
    var pastAmount = most("amount_max");
    if (mine.gov) {
      mine.functions.forEach(function (fn, i) {
        var amount = RF.isObject(fn) ? count(fn.amount_wan) : null;
        if (amount === null || !pastAmount || !(amount > pastAmount * limit[1])) return;
        issues.push(warn(["government_functions", "functions", i, "amount_wan"], "W-IMPLAUSIBLE-FIGURE",
          format(said.amount, { amount: pyG(amount), most: pyG(pastAmount) })));
      });
    }
    mine.stations.forEach(function (st, i) {
      var served = RF.isObject(st) ? count(st.enterprises_served) : null;
      if (served === null || served <= limit[3]) return;
      issues.push(warn(["service_stations", i, "enterprises_served"], "W-IMPLAUSIBLE-FIGURE",
        format(said.enterprises, { served: served, limit: limit[3] })));
    });
    return issues;
  }

  /* Document order of two paths in `data`: keys as the report writes them, indexes as numbers, a
   * field before what it holds (as `check` orders its findings: by line and column). */
  function pathOrder(data, a, b) {
    var at = data;
    for (var k = 0; k < Math.min(a.length, b.length); k++) {
      if (a[k] !== b[k]) {
        if (typeof a[k] === "number" && typeof b[k] === "number") return a[k] - b[k];
        var keys = RF.isObject(at) ? Object.keys(at) : [];
        var x = keys.indexOf(String(a[k]));
        var y = keys.indexOf(String(b[k]));
        return (x === -1 ? keys.length : x) - (y === -1 ? keys.length : y);
      }
      at = at != null ? at[a[k]] : undefined;
    }
    return a.length - b.length;
  }

  /* Warnings {path, severity: "warning", code, message} `check` gives the report `data` against
   * the published reports (`across` with its `reports`, `shared` and `named`, `RF.crossPublished`),
   * in `check`'s order (by place, then code, then as its rules give them). `names(id)`: a society's
   * registered name, or null (then its id names it). `day`: the day (ISO) the warnings are of, the
   * reader's (`RF.today`) unless given. */
  RF.crossWarnings = function (data, across, labels, names, day) {
    if (!RF.isObject(across) || !Array.isArray(across.reports) || !RF.isObject(across.warnings)) return [];
    nameOf = typeof names === "function" ? names : null;
    reportSaid = RF.isObject(across.report) ? across.report : null;
    ownSociety = RF.isObject(data) ? data.society : null;
    var spaces = labels.urls.spaces;
    RF.useSameText(labels);
    var mine = current(data, across, spaces);
    if (!mine) return [];
    var all = reports(mine, across);
    var year = (across.years || {})[String(mine.year)];
    var said = across.warnings;
    var shared = across.shared || { societies: [], unread: [], events: [], research: [], functions: [], stations: [] };
    var known = {};
    var filed = {};  // the years of a report file, readable or not
    shared.societies.forEach(function (s) {
      known[s[0]] = s[1];
      filed[s[0]] = s[1].concat(Array.isArray(s[2]) ? s[2] : []);
    });
    var unread = {};  // the folders whose files do not read
    (shared.unread || []).forEach(function (s) { unread[s[0]] = true; });
    if (typeof day !== "string") day = typeof RF.today === "function" ? RF.today() : null;
    var found = noLead(all, mine, said.no_lead, spaces)
      .concat(unknownMembers(mine, across, known, unread, said))
      .concat(membersReported(mine, year, said.member_no_report, known, filed, day))
      .concat(reciprocal(all, mine, said.reciprocal, known, across.named))
      .concat(membersDiffer(all, mine, said.members_differ, across.differs.fields, said.joined))
      .concat(eventsClaimed(mine, shared, said, spaces))
      .concat(reportsClaimed(mine, shared, said, spaces))
      .concat(functionsClaimed(mine, shared, said, spaces))
      .concat(stationsClaimed(mine, shared, said, year, spaces))
      .concat(stationsRenamed(all, mine, said.station_renamed, year, spaces))
      .concat(consortiaRenamed(all, mine, said.consortium_renamed, year, spaces))
      .concat(consortiumNamesReused(all, mine, said.consortium_reused, year, spaces))
      .concat(worksAgain(all, mine, said.work_again, year, spaces))
      .concat(implausible(all, mine, said.implausible, year));
    return found.map(function (w, k) { return [w, k]; }).sort(function (x, y) {
      return pathOrder(data, x[0].path, y[0].path) || less(x[0].code, y[0].code) || x[1] - y[1];
    }).map(function (x) { return x[0]; });
  };

  function issue(path, code, message) {
    return { path: path, severity: "error", code: code, message: message };
  }

  /* FNV-1a (32 bits) of "<kind>:<key>" over its code points, modulo `shares`: the shared file
   * of a consortium's id (kind "id") or of a lead's name as `same_text` reads it (kind "name"),
   * as `share_of` (browser_cross.py) computes it. */
  RF.crossShare = function (kind, key, shares) {
    var text = kind + ":" + key;
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      var c = text.codePointAt(i);
      if (c > 0xffff) i++;
      h = Math.imul(h ^ c, 0x01000193) >>> 0;
    }
    return h % shares;
  };

  /* The files under across/ the check of the report `data` reads, by their path beside the page:
   * its society's (when `listed(id)`, the site lists the society, and the id is one the model
   * accepts: no other text becomes part of an address), and the shared files of its consortia's
   * ids and of the names of those it leads. None without a society and a year. */
  RF.crossNeeds = function (data, across, labels, listed, loaded) {
    if (!RF.isObject(data) || typeof data.society !== "string" || typeof data.year !== "number") return [];
    var spaces = labels.urls.spaces;
    RF.useSameText(labels);
    var needs = [];
    var add = function (name) { if (needs.indexOf(name) === -1) needs.push(name); };
    var id = across.society_id;
    if (data.society.length <= id[1] && new RegExp(id[0]).test(data.society) && listed(data.society)) {
      add(across.folder + "/society/" + data.society + ".json");
    }
    var file = function (kind, key) {
      // A consortium's id and name: the shared files; an item's title or name, a member's id: the item files.
      var item = kind !== "id" && kind !== "name";
      return (item ? across.item_file : across.shared_file).split("{n}")
        .join(String(RF.crossShare(kind, key, item ? across.item_shares : across.shares)));
    };
    var share = function (kind, key) { add(file(kind, key)); };
    /* Whether the loaded shared file of a consortium's id shows no lead of it this year in another
     * society's report: then the leads of its name tell W-CONSORTIUM-NO-LEAD's sentence. */
    var leadless = function (id) {
      var got = (loaded || {})[file("id", id)];
      if (!RF.isObject(got) || !Array.isArray(got.listings)) return false;
      return !got.listings.some(function (l) {
        return l[0] !== data.society && l[1] === data.year && l[4] && l[4][0] === id && l[4][2];
      });
    };
    var list = function (value) { return Array.isArray(value) ? value.filter(RF.isObject) : []; };
    list(data.consortia).forEach(function (c) {
      if (typeof c.id === "string") share("id", c.id);
      var role = typeof c.role === "string" ? RF.pyStrip(c.role, spaces) : null;
      // A lead's name: the other leads of it (E-CONSORTIUM-MULTIPLE-LEADS); a member's, once its id's
      // file shows no lead (W-CONSORTIUM-NO-LEAD names a lead of the name under another id).
      if (typeof c.name === "string" && (across.lead.indexOf(role) !== -1 || (typeof c.id === "string" && leadless(c.id)))) {
        share("name", RF.sameText(c.name, spaces));
      }
      (Array.isArray(c.members) ? c.members : []).forEach(function (m) {
        if (slugLike(m, across)) share("society", m);
      });
    });
    var titled = function (entries, key, kind) {
      entries.forEach(function (x) { if (typeof x[key] === "string") share(kind, RF.sameText(x[key], spaces)); });
    };
    titled(list(data.academic_events), "title", "event");
    titled(list(data.research), "title", "report");
    titled(list(RF.isObject(data.government_functions) ? data.government_functions.functions : []), "title", "function");
    titled(list(data.service_stations), "name", "station");
    return needs;
  };

  /* across.json with the published reports the rules read of `data` (`reports`): its society's
   * own (from its file) and, of every other society, the consortia the fetched shared files list
   * (`files`: path: content, of `RF.crossNeeds`' paths), each listing once, in its report's order. */
  RF.crossPublished = function (data, across, files) {
    var own = files[across.folder + "/society/" + data.society + ".json"];
    var reports = RF.isObject(own) && Array.isArray(own.reports) ? own.reports.slice() : [];
    var others = {};
    var seen = {};
    var shared = { societies: [], unread: [], events: [], research: [], functions: [], stations: [] };
    Object.keys(files).forEach(function (name) {
      Object.keys(shared).forEach(function (kind) {
        var got = RF.isObject(files[name]) && Array.isArray(files[name][kind]) ? files[name][kind] : [];
        // The society's own (but whether it has reported) are the report being edited, or other years'.
        shared[kind] = shared[kind].concat(kind === "societies" ? got : got.filter(function (r) { return r[0] !== data.society; }));
      });
      var listings = RF.isObject(files[name]) && Array.isArray(files[name].listings) ? files[name].listings : [];
      listings.forEach(function (l) {
        if (l[0] === data.society) return;  // in the society's own file
        var key = JSON.stringify([l[0], l[1], l[3]]);
        if (RF.own(seen, key)) return;
        seen[key] = true;
        var at = JSON.stringify([l[0], l[1]]);
        if (!RF.own(others, at)) others[at] = { society: l[0], year: l[1], file: l[2], listed: [] };
        others[at].listed.push([l[3], l[4]]);
      });
    });
    Object.keys(others).forEach(function (at) {
      var r = others[at];
      r.consortia = r.listed.sort(function (x, y) { return x[0] - y[0]; }).map(function (x) { return x[1]; });
      delete r.listed;
      reports.push(r);
    });
    return Object.assign({}, across, { reports: reports, shared: shared,
      named: RF.isObject(own) && Array.isArray(own.named) ? own.named : [] });
  };

  /* Issues {path, severity: "error", code, message} of the report `data` against the published
   * reports (`across` with its `reports`, `RF.crossPublished`, or nothing when the site published
   * none). `names`: as `RF.crossWarnings` takes it. */
  RF.crossIssues = function (data, across, labels, names) {
    if (!RF.isObject(across) || !Array.isArray(across.reports)) return [];
    nameOf = typeof names === "function" ? names : null;
    reportSaid = RF.isObject(across.report) ? across.report : null;
    ownSociety = RF.isObject(data) ? data.society : null;
    var spaces = labels.urls.spaces;
    RF.useSameText(labels);
    var mine = current(data, across, spaces);
    if (!mine) return [];
    var all = reports(mine, across);
    var year = (across.years || {})[String(mine.year)];
    return established(all, across.established)
      .concat(establishedTwice(all, mine, across.twice, year, spaces))
      .concat(functionsNew(all, mine, across.function_new, across.function_new_again, spaces))
      .concat(leads(all, mine, across.leads, spaces))
      .concat(differs(all, mine, across.differs))
      .concat(counted(all, mine, across.counted, year, spaces));
  };

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
