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
      if (item[2]) item.push(item.states);
      return item;
    });
    entry.service_stations = list("service_stations").map(function (s) {
      return RF.isObject(s) ? [s.id, s.established, s.name] : null;
    });
    var gov = data.government_functions;
    entry.gov = RF.isObject(gov);
    entry.functions = entry.gov && Array.isArray(gov.functions) ? gov.functions : [];
    entry.research = list("research");
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

  /* Where an item of an area (across.json's list) holds its established date, and its name. */
  var DATE_AT = { consortia: 3, service_stations: 1 };
  var NAME_AT = { consortia: 1, service_stations: 2 };

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
          if (item[at] === first[at]) return;
          var path = [area, e[1], "established"];
          var values = { what: what, id: item[0], established: item[at], file: origin[0].file,
            first: first[at], year: origin[0].year };
          if (e[0].year > origin[0].year) {
            if (e[0].mine) issues.push(issue(path, "E-ESTABLISHED-CHANGED", format(said.later, values)));
            return;
          }
          if (e[0].mine) issues.push(issue(path, "E-ESTABLISHED-CHANGED", format(said.same_year, values)));
          if (!told) {
            told = true;
            if (origin[0].mine) {
              issues.push(issue([area, origin[1], "established"], "E-ESTABLISHED-CHANGED", format(said.same_year,
                { what: what, id: first[0], established: first[at], file: e[0].file,
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
          what: a[1], name: name(item), file: earlier[0].file, id: earlier[2][0], day: a[2],
          established: earlier[2][at], year: mine.year })));
      });
    });
    return issues;
  }

  /* `functions_new_once`: at `new` of each function new this year whose id the society's report of
   * the year before lists. */
  function functionsNew(all, mine, said) {
    var previous = all.filter(function (r) { return r.society === mine.society && r.year === mine.year - 1; })[0];
    if (!previous || !mine.gov) return [];
    var earlier = previous.functions || [];
    var issues = [];
    mine.functions.forEach(function (fn, i) {
      if (!RF.isObject(fn) || fn.new !== true || typeof fn.id !== "string" || earlier.indexOf(fn.id) === -1) return;
      issues.push(issue(["government_functions", "functions", i, "new"], "E-FUNCTION-NEW-TWICE",
        format(said, { id: fn.id, file: previous.file })));
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
      if (!e[0].mine || !item.member) return;
      var leads = entries.filter(function (o) { return o[2][0] === item[0] && o[2][2]; });
      if (leads.length !== 1 || leads[0][0].mine) return;
      var lead = leads[0];
      said.fields.forEach(function (f, k) {
        var mineSays = item.states[k];
        var theirs = lead[2][4] && lead[2][4][k];
        if (!mineSays || !theirs || mineSays[0] === theirs[0]) return;
        issues.push(issue(["consortia", e[1], f[0]], "E-CONSORTIUM-DIFFERS", format(said.sentence, {
          id: item[0], word: f[1], shown: mineSays[1], society: lead[0].society, file: lead[0].file,
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
          title: item.title, type: type[1], year: before[0].year, file: before[0].file,
          when: before[1][1] === ach.date ? "" : format(said.when, { date: before[1][1] }) })));
      });
    });
    return issues;
  }

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
  RF.crossNeeds = function (data, across, labels, listed) {
    if (!RF.isObject(data) || typeof data.society !== "string" || typeof data.year !== "number") return [];
    var spaces = labels.urls.spaces;
    var needs = [];
    var add = function (name) { if (needs.indexOf(name) === -1) needs.push(name); };
    var id = across.society_id;
    if (data.society.length <= id[1] && new RegExp(id[0]).test(data.society) && listed(data.society)) {
      add(across.folder + "/society/" + data.society + ".json");
    }
    var share = function (kind, key) {
      add(across.shared_file.split("{n}").join(String(RF.crossShare(kind, key, across.shares))));
    };
    (Array.isArray(data.consortia) ? data.consortia : []).forEach(function (c) {
      if (!RF.isObject(c)) return;
      if (typeof c.id === "string") share("id", c.id);
      var role = typeof c.role === "string" ? RF.pyStrip(c.role, spaces) : null;
      if (typeof c.name === "string" && across.lead.indexOf(role) !== -1) share("name", RF.sameText(c.name, spaces));
    });
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
    Object.keys(files).forEach(function (name) {
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
    return Object.assign({}, across, { reports: reports });
  };

  /* Issues {path, severity: "error", code, message} of the report `data` against the published
   * reports (`across` with its `reports`, `RF.crossPublished`, or nothing when the site published
   * none). */
  RF.crossIssues = function (data, across, labels) {
    if (!RF.isObject(across) || !Array.isArray(across.reports)) return [];
    var spaces = labels.urls.spaces;
    var mine = current(data, across, spaces);
    if (!mine) return [];
    var all = reports(mine, across);
    var year = (across.years || {})[String(mine.year)];
    return established(all, across.established)
      .concat(establishedTwice(all, mine, across.twice, year, spaces))
      .concat(functionsNew(all, mine, across.function_new))
      .concat(leads(all, mine, across.leads, spaces))
      .concat(differs(all, mine, across.differs))
      .concat(counted(all, mine, across.counted, year, spaces));
  };

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
