/* Verification workbench: pick a year and a society, decide each item of its report (已核实,
 * 不予认定, 待补充材料), let experts mark the assessed criteria, see the score the decisions give,
 * and take away the review file; record the year's objections. Nothing leaves the browser: the
 * data are JSON files beside this script, the work in progress is kept in localStorage. */
(function () {
  "use strict";
  var RF = window.ReportForm;
  var RV = window.ReviewBench;
  var el = RF.el;
  var mount = document.getElementById("review-bench");
  if (!mount) return;

  // The verdicts and objection states are the review model's (config.json), not written here.
  var STATUS = [];
  var LABEL = {};
  var OBJECTION = [];
  // What each date is called (核查日期, 评分日期, 提出日期, 答复日期): the models' titles, from their
  // schemas, the names `check` puts before a date it refuses; not written here.
  var DATE = {};
  // What an objection's other fields are called, first in their labels: the model's titles, as
  // the schema's messages name them (“议题编号”小于允许的最小值).
  var OBJ = {};
  var REVIEWER = "rv-reviewer";
  // The button that opens a finalized year again, and what the page says to press after a reload
  // (W-REVIEW-ITEM-CHANGED names it too: tests/test_verdict_binding.py holds the two together).
  var REOPEN_LABEL = "重新核查本年度（管理员）";
  var DRAFT_MARK = "（有草稿）";  // after a society in the list: this browser keeps its draft
  var app = { config: null, schemas: {}, validators: {}, caseData: null, state: null, year: null, reopened: {} };

  function labelOf(pairs, code) {
    return (pairs.filter(function (p) { return p[0] === code; })[0] || [code, code])[1];
  }

  function fmt(points) {
    return (Math.round(points * 100) / 100).toString();
  }

  function yearConfig(year) {
    return app.config.years.filter(function (y) { return y.year === year; })[0] || null;
  }

  /* During the notice the public reads the year's results: a verdict or mark given now changes
   * them (allowed: an objection's answer, material a society supplied), said before it is given. */
  function onNotice(y) {
    var day = RF.today();
    return y.notice && y.notice[0] <= day && day <= y.notice[1]
      ? "公示已于 " + y.notice[0] + " 开始，结果已向公众公布：此时给出或改动的结论和专家评分会改变公示中的结果"
        + "（网站的评估明细写明每条结论的日期），请只为答复异议或学会补交的材料改动。"
      : "";
  }

  function strictNow(y) {
    return y.strict_always || (!!y.strict_from && RF.today() >= y.strict_from);
  }

  function draftKey() {
    return "rv-draft-" + app.year + "-" + app.caseData.society;
  }

  function reviewer() {
    return (RF.stored(REVIEWER) || "").trim();
  }

  /* The reports this browser keeps a review draft of ([{year, society}], by the drafts' keys
   * rv-draft-<year>-<society>): coming back without a link, the page says where they are. */
  function draftsKept() {
    var out = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var m = /^rv-draft-(\d{4})-([a-z0-9-]+)$/.exec(window.localStorage.key(i) || "");
        var y = m ? yearConfig(Number(m[1])) : null;
        var s = y ? y.societies.filter(function (x) { return x.id === m[2]; })[0] : null;
        if (s) out.push({ year: y.year, society: s.id, name: s.name });
      }
    } catch (err) {
      return [];  // the browser keeps nothing here: no draft either
    }
    return out.sort(function (a, b) { return b.year - a.year || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); });
  }

  function dropDraft() {
    RF.store(draftKey(), null);
    showDrafts();
  }

  function hasDraft(year, society) {
    return !!RF.stored("rv-draft-" + year + "-" + society);
  }

  /* The line on top listing this browser's drafts, each a link to its report (redrawn only when
   * the list changes: it is redone after each saved change). */
  function showDrafts() {
    var line = document.getElementById("rv-drafts");
    if (!line) return;
    var kept = draftsKept();
    var now = JSON.stringify(kept);
    if (line.dataset.kept === now) return;
    line.dataset.kept = now;
    RF.clear(line);
    line.hidden = !kept.length;
    if (!kept.length) return;
    line.appendChild(document.createTextNode("本浏览器中有未提交的核查草稿："));
    kept.forEach(function (d, i) {
      if (i) line.appendChild(document.createTextNode("、"));
      line.appendChild(el("a", { href: "#" + d.year + "/" + d.society, text: d.year + " 年度" + d.name }));
    });
    line.appendChild(document.createTextNode("。点名称继续；文件合并、网站更新后再打开，与仓库中的记录相同的草稿自动清除。"));
  }

  /* Whether `name` is a GitHub user name, as the model requires of a reviewer. */
  function isLogin(name) {
    return !!name && new RegExp(app.config.login_pattern).test(name);
  }

  /* What the reviewer field on top says about `name` ("" when nothing): not a user name, or
   * personal data in it (a phone number passes as a user name), in the check's words. */
  function reviewerSays(name) {
    if (!isLogin(name)) return "核查人" + app.config.words.reviewer_pattern;
    return RV.personalData(app.config.privacy, name).map(function (p) { return "核查人：" + p.message; }).join(" ");
  }

  /* Who a record is written with: the name it was given with, or, when that was missing or not a
   * user name (the file could not have been saved with it), the name in the field now. */
  function recordedBy(rec) {
    return isLogin(rec.reviewer) ? rec.reviewer : reviewer();
  }

  /* A verdict's date in words: the date the file records for it, and, when it is not the date in
   * the field on top (changed since), that the change did not apply to it. */
  function verdictDate(date) {
    var now = document.getElementById("rv-date");
    return DATE.verdict + " " + date + (now && now.value && now.value !== date ? "（给出结论时的日期，不随上方的" + DATE.verdict + "改变）" : "");
  }

  /* A message under a field (none: `text` empty): the field is marked invalid and described by
   * it; a warning (`warning` true) describes the field without marking it (the file can be saved).
   * `msg`: the message's element, for a field not yet in the document; a note the field is always
   * described by (data-note) stays. */
  function sayAt(input, text, warning, msg) {
    msg = msg || (input ? document.getElementById(input.id + "-msg") : null);
    if (!input || !msg) return;
    if (msg.textContent !== text) msg.textContent = text;
    msg.hidden = !text;
    msg.className = warning ? "rv-field-warning" : "rv-field-error";
    if (text && !warning) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    var described = (text ? [msg.id] : []).concat(input.dataset.note ? [input.dataset.note] : []).join(" ");
    if (described) input.setAttribute("aria-describedby", described);
    else input.removeAttribute("aria-describedby");
  }

  function fieldMessage(id) {
    return el("p", { id: id + "-msg", class: "rv-field-error", hidden: true });
  }

  /* The check's words for a date the year does not allow (E-DATE-OUTSIDE-CYCLE), after `title`
   * (核查日期: DATE), or "" for a date it allows: the days and the words are the year's settings'. */
  function outsideDays(days, title, date) {
    if (!days || !date || (date >= days.first && (!days.last || date <= days.last))) return "";
    return title + " " + days.words.split("{date}").join(date);
  }

  /* The check's warning for a date the year allows but that is after today, Beijing time
   * (W-DATE-FUTURE), after `title`, or "": the words are the year's settings'. */
  function futureDay(days, title, date) {
    var today = RF.today();
    if (!days || !days.future_words || !date || date <= today) return "";
    return title + " " + days.future_words.split("{date}").join(date).split("{today}").join(today);
  }

  /* A problem of the list that leads to the field it is about (the id of the field). */
  function at(text, fieldId) {
    return { text: text, at: fieldId };
  }

  // Every schema keyword: the values of an objection not yet filled in are not said yet.
  var ANY = { required: true, minLength: true, maxLength: true, pattern: true, type: true, format: true, minimum: true,
    maximum: true, multipleOf: true, enum: true, additionalProperties: true };

  /* ---- the state: {items: {id: {status, reason, reviewer, date, content}}, rest, marks} ----- */

  // A verdict records the content it was given on (`content`, and the rest's `contents`): the
  // digests the site computed for each item (the case data's `content`), copied, never made here.
  function stateFrom(review) {
    var st = { items: {}, rest: null, marks: [], sample: !!(review && review.sample) };
    if (!review) return st;
    (review.items || []).forEach(function (r) {
      st.items[r.item] = { status: r.status, reason: r.reason || "", reviewer: r.reviewer, date: r.date, content: r.content || "" };
    });
    if (review.rest) st.rest = { reviewer: review.rest.reviewer, date: review.rest.date, contents: review.rest.contents || null };
    st.marks = (review.marks || []).map(function (m) {
      return { criterion: m.criterion, expert: m.expert, mark: m.mark, date: m.date };
    });
    return st;
  }

  /* A draft remembers the repository record it started from (`app.base`, its fingerprint, and
   * `record`, the record itself): when the record has changed since (an admin edited it at merge,
   * the site was rebuilt), the draft is not restored over it without asking, and a merge adds
   * only what the draft changed since its start (RV.recordsApart). */
  function save() {
    RF.store(draftKey(), JSON.stringify({ base: app.base, record: app.record, state: app.state,
      generated: app.generated || null }));
    showDrafts();
  }

  /* Another tab or window of this browser wrote the draft of the report open here (the `storage`
   * event reaches every other tab of the site; each change is saved at once, so this page holds
   * nothing newer than what it last saved). Its draft is the newest: the page takes it in and says
   * so, rather than write its own older one over it with the next click (a refusal typed there
   * would be lost, and nothing would tell). The field being typed in keeps the focus. */
  function otherTabWrote(e) {
    if (!app.caseData || !document.getElementById("rv-case-title")) return;
    var theirs = null;
    try { theirs = e.newValue ? JSON.parse(e.newValue) : null; } catch (err) { theirs = null; }
    var mine = app.state ? JSON.stringify(app.state) : null;
    if (theirs && theirs.state && JSON.stringify(theirs.state) === mine) return;
    // The draft was dropped there (discarded, or it was the record itself): nothing to take in
    // when this page shows the record already.
    if (!theirs && app.state && sameFile(app.state, stateFrom(app.caseData.review))) return;
    keepingPlace(function () {
      showCase(app.caseData, app.readOnly);
      var time = new Date().toTimeString().slice(0, 8);
      var note = el("p", { class: "rv-draft rv-other-tab", id: "rv-other-tab", role: "status", text: theirs
        ? "另一个标签页（或窗口）在 " + time + " 改动了这份报告的核查草稿：本页已换成那里的最新内容（包括那里给出的结论和理由），" +
          "没有用本页较早的内容覆盖它。两处现在是同一份草稿，在哪一处继续都可以；请不要同时在两处输入。"
        : "另一个标签页（或窗口）在 " + time + " 丢弃了这份报告的核查草稿（或草稿已与仓库中的记录相同）：本页已重新载入仓库中的记录。" });
      var facts = document.querySelector("#rv-case .rv-facts");
      if (facts) facts.after(note);
    });
  }

  /* Redraws part of the page (`redraw`) where the reader stays: the scroll, and the field being
   * typed in with its cursor (found again by its id). */
  function keepingPlace(redraw) {
    var focused = document.activeElement;
    var at = focused && focused.id ? { id: focused.id, start: focused.selectionStart, end: focused.selectionEnd } : null;
    var scroll = window.scrollY;
    redraw();
    window.scrollTo(0, scroll);
    var again = at ? document.getElementById(at.id) : null;
    if (again && !again.disabled) {
      again.focus({ preventScroll: true });
      if (typeof at.start === "number" && again.setSelectionRange) {
        try { again.setSelectionRange(at.start, at.end); } catch (err) { /* not a text field */ }
      }
    }
  }

  /* The repository record's fingerprint: FNV-1a over its JSON, as the case data carry it. */
  function fingerprint(review) {
    var text = JSON.stringify(review || null);
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return text.length + "-" + hash.toString(16);
  }

  /* {base, record, state} of this report's draft, or null. A draft kept before drafts recorded
   * their start is the state alone: where it started is unknown (base null); one kept before they
   * kept the record they started from has no `record`. */
  function storedDraft() {
    var saved = RF.stored(draftKey());
    var parsed = null;
    try { parsed = saved ? JSON.parse(saved) : null; } catch (err) { parsed = null; }
    if (!parsed || typeof parsed !== "object") return null;
    if (!parsed.state || !parsed.state.items) return parsed.items ? { base: null, state: parsed } : null;
    return parsed;
  }

  /* Whether two states give the same review file. */
  function sameFile(a, b) {
    return JSON.stringify(reviewData(a)) === JSON.stringify(reviewData(b));
  }

  function itemOrder() {
    var ids = [];
    app.caseData.areas.forEach(function (a) {
      a.items.forEach(function (i) { ids.push(i.id); });
    });
    return ids;
  }

  function reviewData(state) {
    var st = state || app.state;
    // A sample society's record is a sample too (the README: every sample record says so), also
    // one this page starts.
    var data = { society: app.caseData.society, year: app.year, sample: st.sample || app.caseData.sample || undefined, items: [] };
    var known = {};
    itemOrder().forEach(function (id) {
      known[id] = true;
      var r = st.items[id];
      // A draft's verdict that records no content waits to be given again: never written so.
      if (!r || !r.status || r.unconfirmed) return;
      var rec = { item: id, status: LABEL[r.status], reason: r.status === "verified" ? undefined : r.reason.trim(),
        reviewer: recordedBy(r), date: r.date, content: r.content || undefined };
      data.items.push(rec);
    });
    if (st.rest) {
      data.rest = { status: LABEL.verified, reviewer: recordedBy(st.rest), date: st.rest.date, contents: st.rest.contents || undefined };
    }
    data.marks = st.marks.filter(function (m) { return m.expert || m.mark !== null; }).map(function (m) {
      return { criterion: m.criterion, expert: m.expert, mark: m.mark, date: m.date };
    });
    // The file this one starts from, as the site digested it (never hashed here): the pull-request
    // check refuses the file when main's has changed since (someone else's record was merged).
    data.based_on = app.caseData.review_sha256 || app.config.based_on_nothing;
    return data;
  }

  /* What the check would refuse beyond the schema: a reason where one is required, marks out
   * of their criterion's range or given twice by one expert. */
  // What the page's own checks explain, by the schema's keywords (RV.schemaProblems leaves those
  // out and says the rest): a value missing or empty, a mark out of its range.
  var EMPTY = { required: true, minLength: true, pattern: true, type: true, format: true };
  var OUT_OF_RANGE = { minimum: true, maximum: true, type: true };

  /* The page's own checks, in plainer words than the schema's; `covered` gets the JSON pointer of
   * each value they explain and the schema's keywords they explain it for (see RV.schemaProblems). */
  function ruleProblems(data, covered, atFields) {
    var out = [];
    // The reviewer field at the top: what it says there, and in the list when the file needs it.
    var who = reviewer();
    var usesField = data.items.some(function (r) { return r.reviewer === who; }) || (data.rest && data.rest.reviewer === who);
    atFields.reviewer = who ? reviewerSays(who) : usesField ? "请填写核查人（GitHub 用户名）。" : "";
    if (atFields.reviewer && usesField && (!who || !isLogin(who))) {
      out.push(at(who ? "上方的核查人“" + who + "”" + app.config.words.reviewer_pattern : "请先在上方填写核查人（GitHub 用户名）。", REVIEWER));
      data.items.forEach(function (r, i) { if (r.reviewer === who) covered["/items/" + i + "/reviewer"] = EMPTY; });
      if (data.rest && data.rest.reviewer === who) covered["/rest/reviewer"] = EMPTY;
    }
    var titles = {};
    app.caseData.areas.forEach(function (a) {
      a.items.forEach(function (i) { titles[i.id] = i.title; });
    });
    var marks = markChecks(covered);
    atFields.marks = marks.fields;
    out = out.concat(dateProblems(data, titles, marks, atFields));
    // A reason missing: said in the list, and at the reason once the reviewer has left it (as the
    // form says a field's problem once it has been left).
    atFields.reasons = {};
    data.items.forEach(function (r, i) {
      if (r.status !== LABEL.verified && !r.reason) {
        var text = "“" + titles[r.item] + "”结论为“" + r.status + "”，须写明理由或需要补充的材料。";
        out.push(at(text, "rv-" + r.item + "-reason"));
        if (app.reasonsLeft && app.reasonsLeft[r.item]) atFields.reasons["rv-" + r.item + "-reason"] = text;
        covered["/items/" + i + "/reason"] = EMPTY;
      }
    });
    out = out.concat(marks.out);
    // Personal data, as the check refuses it (E-PRIVACY-*): the check's patterns and words, said
    // at the field it was typed in (a reason, the reviewer on top, an expert number) and in the list.
    var whoSaid = false;
    RV.privacyProblems(app.config.privacy, data).forEach(function (p) {
      var path = p.path;
      var row = path[0] === "marks" ? marks.fields[marks.stateIndex[path[1]]] : null;
      if (path[0] === "items" && path[2] === "reason") {
        var box = "rv-" + data.items[path[1]].item + "-reason";
        out.push(at("“" + titles[data.items[path[1]].item] + "”的理由：" + p.message, box));
        atFields.reasons[box] = (atFields.reasons[box] ? atFields.reasons[box] + " " : "") + p.message;
      } else if (path[path.length - 1] === "reviewer" && who && valueAt(data, path) === who) {
        if (whoSaid) return;  // the same name on every verdict given with it: said once (at the field already)
        whoSaid = true;
        out.push(at("上方的核查人：" + p.message, REVIEWER));
      } else if (row && row[path[2]]) {
        var text = marks.rows[path[1]] + "的" + (path[2] === "expert" ? "专家编号" : "分数") + "：" + p.message;
        row[path[2]].push(text);
        out.push(at(RV.placeOf(app.schemas.review, path) + "：" + p.message, "rv-mark-" + marks.stateIndex[path[1]] + "-" + path[2]));
      } else {
        out.push(RV.placeOf(app.schemas.review, path) + "：" + p.message);
      }
    });
    return out;
  }

  /* Markup in a text of the file, which the check warns of (W-TEXT-MARKUP) in the words it is
   * given here: at the reason it was typed in (a warning: the file can be saved) and in the list
   * of warnings. A reviewer or an expert number with markup is not one: said as an error already. */
  function markupWarnings(data, atFields) {
    atFields.reasonWarnings = {};
    var titles = {};
    app.caseData.areas.forEach(function (a) {
      a.items.forEach(function (i) { titles[i.id] = i.title; });
    });
    return RV.markupProblems(app.config.markup, data).map(function (p) {
      var path = p.path;
      if (path[0] === "items" && path[2] === "reason") {
        var item = data.items[path[1]].item;
        atFields.reasonWarnings["rv-" + item + "-reason"] = p.message;
        return "“" + titles[item] + "”的理由：" + p.message;
      }
      return RV.placeOf(app.schemas.review, path) + "：" + p.message;
    });
  }

  function valueAt(data, path) {
    return path.reduce(function (node, key) { return node == null ? node : node[key]; }, data);
  }

  function markLabel(criterion) {
    var c = app.caseData.plan.assessed.filter(function (x) { return x.id === criterion; })[0];
    return c ? c.label : criterion;
  }

  /* Dates the year's calendar does not allow (E-DATE-OUTSIDE-CYCLE): the date on top is said at
   * its field (and in the list when a verdict or a mark of the file has it); a verdict or a mark
   * given on another day keeps that day, and is named in the list with the way to change it. */
  function dateProblems(data, titles, marks, atFields) {
    var days = yearConfig(app.year).record_days;
    var top = document.getElementById("rv-date").value;
    var out = [];
    var usesTop = false;
    atFields.date = "";
    if (app.readOnly) return out;  // nothing is dated any more: the field is off
    atFields.date = outsideDays(days, DATE.verdict, top);
    data.items.forEach(function (r) {
      var said = outsideDays(days, DATE.verdict, r.date);
      if (!said) return;
      if (r.date === top) usesTop = true;
      else out.push(at("“" + titles[r.item] + "”的" + said + "再点一次它的结论“" + r.status + "”，即改用上方的" + DATE.verdict + "。",
        "rv-" + r.item + "-" + app.state.items[r.item].status));
    });
    var rest = data.rest ? outsideDays(days, DATE.rest, data.rest.date) : "";
    if (rest && data.rest.date === top) usesTop = true;
    else if (rest) out.push(at("“其余全部核实”的" + rest + "取消勾选再勾选，即改用上方的" + DATE.verdict + "。", "rv-rest"));
    data.marks.forEach(function (m, j) {
      var said = outsideDays(days, DATE.mark, m.date);
      if (!said) return;
      if (m.date === top) usesTop = true;
      else out.push(at("“" + markLabel(m.criterion) + "”" + marks.rows[j] + "的" + said + "删除这一行再添加，即改用上方的" + DATE.verdict + "。",
        "rv-mark-" + marks.stateIndex[j] + "-expert"));
    });
    if (usesTop) out.unshift(at("上方的" + atFields.date, "rv-date"));
    return out;
  }

  /* Each expert mark row's problems, said at its fields and in the list. `fields[i]`: the messages
   * at the expert number and the mark of app.state.marks[i]; a row is named by its place under
   * its criterion and its expert ("第 2 行（expert-b）"). An empty row is not written: nothing to say. */
  function markChecks(covered) {
    var def = app.schemas.review.$defs.ExpertMark.properties;
    var slug = new RegExp(def.expert.pattern);
    var step = def.mark.multipleOf;
    var out = [], fields = [], stateIndex = [], rows = [];
    var places = {}, seen = {};
    app.state.marks.forEach(function (m, i) {
      places[m.criterion] = (places[m.criterion] || 0) + 1;
      var said = fields[i] = { expert: [], mark: [] };
      if (!m.expert && m.mark === null) return;
      var j = stateIndex.length;  // its place in the file's marks
      stateIndex.push(i);
      var row = "第 " + places[m.criterion] + " 行" + (m.expert ? "（" + m.expert + "）" : "");
      rows.push(row);
      var c = app.caseData.plan.assessed.filter(function (x) { return x.id === m.criterion; })[0];
      if (!c) return;
      function say(field, keywords, text) {
        said[field].push(text);
        out.push(at("“" + c.label + "”" + text, "rv-mark-" + i + "-" + field));
        covered["/marks/" + j + "/" + field] = Object.assign({}, covered["/marks/" + j + "/" + field], keywords);
      }
      if (!m.expert) say("expert", EMPTY, row + "：请填写专家编号。");
      else if (!slug.test(m.expert)) say("expert", EMPTY, row + "的专家编号" + app.config.words.expert_pattern);
      if (typeof m.mark !== "number" || isNaN(m.mark)) say("mark", OUT_OF_RANGE, row + "：请填写分数。");
      else {
        if (m.mark < c.min || m.mark > c.max) say("mark", OUT_OF_RANGE, row + "的分数须在 " + c.min + " 至 " + c.max + " 之间。");
        if (step && Math.abs(m.mark / step - Math.round(m.mark / step)) > 1e-9) {
          say("mark", { multipleOf: true }, row + "的分数须为 " + step + " 的整数倍。");
        }
      }
      var key = m.criterion + "|" + m.expert;
      if (m.expert && seen[key]) {
        say("expert", {}, row + "：专家 " + m.expert + " 已在第 " + seen[key] + " 行打过分，每位专家每项只记一个分数。");
      }
      if (m.expert && !seen[key]) seen[key] = places[m.criterion];
    });
    return { out: out, fields: fields, stateIndex: stateIndex, rows: rows };
  }

  /* The messages at the fields, as ruleProblems found them. */
  function showAtFields(atFields) {
    sayAt(document.getElementById("rv-reviewer"), atFields.reviewer || "");
    sayAt(document.getElementById("rv-date"), atFields.date || "");
    document.querySelectorAll("#rv-case .rv-reason").forEach(function (box) {
      // An error first; the markup warning alone leaves the reason valid (the file can be saved).
      var error = (atFields.reasons || {})[box.id] || "";
      var warning = (atFields.reasonWarnings || {})[box.id] || "";
      sayAt(box, error && warning ? error + " " + warning : error || warning, !error);
    });
    app.state.marks.forEach(function (m, i) {
      var f = (atFields.marks || [])[i] || { expert: [], mark: [] };
      sayAt(document.getElementById("rv-mark-" + i + "-expert"), f.expert.join(" "));
      sayAt(document.getElementById("rv-mark-" + i + "-mark"), f.mark.join(" "));
    });
  }

  /* A file's leading comments: those of the repository's file (`kept`, the site read them at
   * build time), then the workbench's own (`own`), each line once: replacing the file does not
   * delete what the maintainers wrote, and a file the workbench wrote before keeps its lines once. */
  function fileHeader(kept, own) {
    return (kept || []).filter(function (line) { return own.indexOf(line) === -1; }).concat(own);
  }

  function reviewYaml(data) {
    var schema = app.schemas.review;
    var header = fileHeader(app.caseData.review_comments, ["核查记录：" + app.caseData.name + "（" + app.caseData.society + "）" +
      app.year + " 年度报告。", "由网站“核查工作台”生成。只有管理员和核查人员（.github/admins.yaml）能修改 reviews/。"]);
    return RF.dumpYaml(RF.outputTree(data, schema, schema) || {}, header, { based_on:
      "核查工作台载入的仓库记录（sha256；none：当时还没有这个文件）。拉取请求的检查用它确认在此期间没有别人的记录合并进来；" +
      "在 GitHub 上手工修改本文件时请删去这一行。" });
  }

  /* ---- the score -------------------------------------------------------------------------- */

  /* Whether an item's verdict was given on content it no longer has (the report changed since):
   * it counts for nothing, and the item waits for a verdict again (`Standing.changed`). */
  function outdated(id) {
    var r = app.state.items[id];
    return !frozenYear() && (contentChanged(id) || (!!r && !!r.unconfirmed));
  }

  /* Whether the item's content differs from the one its own verdict records. */
  function contentChanged(id) {
    var r = app.state.items[id];
    return !!r && !!r.status && !!r.content && r.content !== app.caseData.contents[id];
  }

  /* A finalized year: its verdicts stand as recorded (the frozen result stands), nothing is
   * verified again, whatever the report says now (`progress_of` with `final`). */
  function frozenYear() {
    return !!(app.readOnly && app.caseData.final);
  }

  /* The contents 其余全部核实 saw, as a set (null: it recorded none and covers every item). */
  function restSaw() {
    var rest = app.state.rest;
    if (!rest || !rest.contents) return null;
    if (app.restSawFor !== rest.contents) {
      app.restSawFor = rest.contents;
      app.restSawSet = {};
      rest.contents.forEach(function (c) { app.restSawSet[c] = true; });
    }
    return app.restSawSet;
  }

  /* Whether 其余全部核实 covers an item (`Standing.covered`): it saw the item's content as it is now. */
  function restCovers(id) {
    if (!app.state.rest) return false;
    var saw = restSaw();
    return !saw || frozenYear() || saw[app.caseData.contents[id]] === true;
  }

  /* Whether 其余全部核实 stands for the item: it has no verdict of its own (or one it outgrew). */
  function byRest(id) {
    return (!app.state.items[id] || outdated(id)) && restCovers(id);
  }

  function verdicts() {
    var items = {};
    Object.keys(app.state.items).forEach(function (id) {
      var s = app.state.items[id].status;
      if (s && !outdated(id) && (s === "verified" || app.state.items[id].reason.trim())) items[id] = s;
    });
    // A mark counts only from a row the file can hold: an expert code it refuses is not counted
    // (the row is said to have a problem under its criterion, as one out of range is).
    var slug = new RegExp(app.schemas.review.$defs.ExpertMark.properties.expert.pattern);
    var marks = app.state.marks.filter(function (m) { return typeof m.mark === "number" && !!m.expert && slug.test(m.expert); });
    var rest = !!app.state.rest;
    if (rest && restSaw()) {
      rest = {};
      itemOrder().forEach(function (id) { if (restCovers(id)) rest[id] = true; });
    }
    return { items: items, rest: rest, marks: marks };
  }

  /* Whether an item has a verdict: one that counts (with its reason, where one is needed), or
   * 其余全部核实 for an item without one of its own. */
  function hasVerdict(id, effective) {
    return !!effective[id] || byRest(id);
  }

  /* The two filters above the items, one at a time: "只看未核查的项目（N 项）" shows only the items
   * without a verdict, "只看待补充材料的项目（N 项）" only those waiting for material (counted as
   * the progress counts them), and the areas with any of them. An item shown since the filter was
   * turned on stays shown when it gets its verdict (it is not pulled from under the pointer, and
   * the items below it do not move up) until the filter is turned off and on again or another
   * report is opened. */
  var FILTERS = [
    { id: "rv-only-open", words: "只看未核查的项目", none: "本报告的项目都已有结论。", kept: "刚给出结论的",
      shows: function (id, effective) { return !hasVerdict(id, effective); } },
    { id: "rv-only-waiting", words: "只看待补充材料的项目", none: "本报告没有待补充材料的项目。", kept: "刚改了结论的",
      shows: function (id, effective) { return effective[id] === "material_requested"; } }];

  function applyFilter() {
    if (!document.getElementById(FILTERS[0].id) || !app.state) return;
    var effective = verdicts().items;
    var active = null;
    FILTERS.forEach(function (f) {
      var left = itemOrder().filter(function (id) { return f.shows(id, effective); });
      var label = document.getElementById(f.id + "-label");
      var words = f.words + "（" + left.length + " 项）";
      if (label.textContent !== words) label.textContent = words;
      if (document.getElementById(f.id).checked) {
        active = f;
        left.forEach(function (id) { app.filterShown[id] = true; });
      }
    });
    var on = !!active;
    var kept = 0;
    var opened = 0;
    var shown = 0;
    document.querySelectorAll("#rv-case .rv-area").forEach(function (section) {
      var any = false;
      section.querySelectorAll(".rv-item").forEach(function (node) {
        var id = node.dataset.item;
        var show = !on || !!app.filterShown[id];
        node.hidden = !show;
        if (!show) return;
        any = true;
        shown += 1;
        if (on && !active.shows(id, effective)) {
          if (app.filterOpened[id]) opened += 1;
          else kept += 1;
        }
      });
      section.hidden = !any;
    });
    var note = document.getElementById("rv-only-open-note");
    var stay = (kept ? [active.kept + " " + kept + " 项仍留在原处"] : [])
      .concat(opened ? ["从文件的问题列表打开的 " + opened + " 项也显示着"] : []);
    var text = !on ? "" : !shown ? active.none : stay.length ? stay.join("，") + "，取消勾选再勾选后隐藏。" : "";
    if (note.textContent !== text) note.textContent = text;
    note.hidden = !text;
  }

  /* Shows the item `field` is in when the filter hides it: a problem of the file's list (a verdict's
   * date, a reason) leads there. It stays shown as an item decided while the filter is on does. */
  function reveal(field) {
    var item = field.closest(".rv-item");
    if (!item || !item.hidden) return;
    app.filterShown[item.dataset.item] = true;
    app.filterOpened[item.dataset.item] = true;
    applyFilter();
  }

  /* How far the verdicts have come, counted as progress.py counts them: decided (an item
   * waiting for material is not), waiting, of how many, and whether anything is recorded. */
  function progressCounts() {
    var effective = verdicts().items;
    var decided = itemOrder().filter(function (id) {
      var s = effective[id];
      return s === "verified" || s === "not_recognised" || byRest(id);
    }).length;
    var waiting = itemOrder().filter(function (id) { return effective[id] === "material_requested"; }).length;
    var started = !!app.state.rest || Object.keys(app.state.items).some(function (id) { return !!app.state.items[id].status; });
    return { decided: decided, waiting: waiting, items: itemOrder().length, started: started };
  }

  /* "已有结论 3 / 12 项，待补充材料 1 项". */
  function progressText() {
    var c = progressCounts();
    return "已有结论 " + c.decided + " / " + c.items + " 项" + (c.waiting ? "，待补充材料 " + c.waiting + " 项" : "");
  }

  /* The open report's line in the society list, as the verdicts on the page stand (the list was
   * built from the repository's record): progress.py's state, in its words from the settings, so
   * that the list does not say 核查完毕 above an item that waits for material. */
  function showListState() {
    var option = document.querySelector("#rv-society option[value='" + CSS.escape(app.caseData.society) + "']");
    var states = app.config.progress_states;
    if (!option || !states) return;
    var c = progressCounts();
    var state = !c.started ? states.not_started : c.decided === c.items && !c.waiting ? states.done : states.partly;
    var text = app.caseData.name + "：" + state + (c.waiting ? "，待补充材料 " + c.waiting + " 项" : "") +
      (hasDraft(app.year, app.caseData.society) ? DRAFT_MARK : "");
    if (option.textContent !== text) option.textContent = text;
  }

  /* The small live region that says the total: written only when the total or the tier
   * changes, so that typing a reason is not read out keystroke by keystroke (the score box
   * itself, redrawn on every change, is not a live region). */
  function announce(words) {
    var live = document.getElementById("rv-live");
    if (live && live.textContent !== words) live.textContent = words;
  }

  /* Focus after a row of a list was added or removed: the row now at `index` (the one after the
   * removed row), else the last row, else `fallback` (the list's add button). */
  function focusRow(rows, index, fallback) {
    var row = rows[Math.min(index, rows.length - 1)];
    var field = row ? row.querySelector("input, select, textarea") : null;
    (field || fallback).focus();
  }

  /* A final year: the frozen evaluation (results/<year>.json), not the plan scored again under
   * today's rubric, which a later change of the rubric or the code would rewrite. */
  function showFinal(box, fin) {
    RF.clear(box);
    box.appendChild(el("p", { class: "rv-total" }, [
      "定稿结果（" + fin.finalized_on + " 定稿，以后改动细则或代码都不会改变它）：",
      el("strong", { id: "rv-total", text: fmt(fin.total) }), " 分（" + fin.tier + "）。"]));
    // The review file changed after finalize: its verdicts below are not the frozen result's.
    if (fin.review_notice) box.appendChild(el("p", { class: "rv-changed", id: "rv-final-review-changed", text: fin.review_notice }));
    var rows = app.caseData.areas.map(function (a) {
      return el("tr", {}, [el("th", { scope: "row", text: a.number + "、" + a.title }),
        el("td", { "data-area": a.key, text: fmt(fin.subtotals[a.key] || 0) })]);
    });
    box.appendChild(el("table", { class: "rv-areas" }, [
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "领域" }), el("th", { scope: "col", text: "定稿结果" })])]),
      el("tbody", {}, rows)]));
    document.querySelectorAll(".rv-item").forEach(function (node) {
      node.querySelector(".rv-points").textContent = "定稿结果 " + fmt(fin.items[node.dataset.item] || 0) + " 分";
    });
    app.caseData.plan.assessed.forEach(function (c) {
      var line = document.getElementById("rv-combined-" + c.id);
      if (line) line.textContent = c.id in fin.assessed ? "定稿结果：" + fmt(fin.assessed[c.id]) + " 分。" : "定稿时没有专家评分。";
    });
    var progress = progressText();
    document.getElementById("rv-progress").textContent = progress + "。";
    document.getElementById("rv-bar").textContent = app.caseData.name + "：定稿结果 " + fmt(fin.total) + " 分（" +
      fin.tier + "）；" + progress;
  }

  /* Each verdict's own date beside it (the items', the rest's), after the date on top changed. */
  function showDates() {
    document.querySelectorAll(".rv-item").forEach(function (n) { n.showState(); });
    var restWhen = document.getElementById("rv-rest-when");
    if (!restWhen) return;
    var rest = app.state && app.state.rest;
    restWhen.textContent = rest ? verdictDate(rest.date) : "";
    restWhen.classList.toggle("rv-bad-date", !!rest && !!outsideDays(yearConfig(app.year).record_days, "", rest.date));
  }

  function refresh() {
    var box = document.getElementById("rv-score");
    if (!box) return;  // the report waits for a choice between a draft and the repository's record
    if (app.readOnly && app.caseData.final) {
      showFinal(box, app.caseData.final);
      return;
    }
    var y = yearConfig(app.year);
    var plan = app.caseData.plan;
    var strict = strictNow(y);
    var now = RV.score(plan, verdicts(), strict);
    var asReported = RV.score(plan, { items: {}, rest: true, marks: [] }, strict);
    RF.clear(box);
    // A finalized year verified again: the frozen result is what stands until finalize --replace.
    var fin = app.caseData.final;
    if (fin) box.appendChild(el("p", { class: "rv-changed", id: "rv-final-stands", text: "定稿结果 " + fmt(fin.total) + " 分（" +
      fin.tier + "，" + fin.finalized_on + " 定稿）仍是公布的结果；下面“按当前结论”是管理员用 finalize --replace 重新定稿后将得的分数。" }));
    box.appendChild(el("p", { class: "rv-total" }, [
      "按当前结论（含专家评分）：", el("strong", { id: "rv-total", text: fmt(now.total) }), " 分（" + now.tier + "）",
      "；按申报（全部核实，不含专家评分）：" + fmt(asReported.total) + " 分。"]));
    // The expert marks of each area, apart: “按申报” has none, “按当前结论” adds them, so an area
    // with marks may stand higher than as reported even with an item refused.
    var marked = {};
    plan.assessed.forEach(function (c) {
      if (c.id in now.assessed) marked[c.area] = (marked[c.area] || 0) + now.assessed[c.id];
    });
    var anyMarks = Object.keys(marked).length > 0;
    var rows = app.caseData.areas.map(function (a) {
      return el("tr", {}, [el("th", { scope: "row", text: a.number + "、" + a.title }),
        el("td", { text: fmt(asReported.subtotals[a.key]) }),
        el("td", { "data-area": a.key, text: fmt(now.subtotals[a.key]) }),
        anyMarks ? el("td", { "data-marks": a.key, text: a.key in marked ? fmt(marked[a.key]) : "—" }) : null]);
    });
    box.appendChild(el("table", { class: "rv-areas" }, [
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "领域" }),
        el("th", { scope: "col", text: "按申报（项目全部核实，不含专家评分）" }),
        el("th", { scope: "col", text: "按当前结论（含专家评分）" }),
        anyMarks ? el("th", { scope: "col", text: "其中专家评分" }) : null])]),
      el("tbody", {}, rows)]));
    if (anyMarks) box.appendChild(el("p", { class: "rv-note", id: "rv-areas-note", text: "“按申报”不含专家评分，“按当前结论”含专家评分" +
      "（受各领域上限限制）：有专家评分的领域，即使有项目不予认定，“按当前结论”也可能高于“按申报”。" }));
    var fixed = [];
    // The rule's clause and words are the year's rubric's, carried by the plan.
    plan.units.filter(function (u) { return u.growth; }).forEach(function (u) {
      fixed.push("条款 " + u.clause + "“" + u.label + "”按本年度计分的项目与上一年度比较");
    });
    if (plan.assessed.length) fixed.push("专家评分按各领域的评分项计，只在本报告有同一条款计分的项目时计分");
    if (fixed.length) box.appendChild(el("p", { class: "rv-note", text: "不属于单个项目的得分：" + fixed.join("；") + "。" }));
    document.querySelectorAll(".rv-item").forEach(function (node) {
      var id = node.dataset.item;
      node.querySelector(".rv-points").textContent = "申报可得 " + fmt(asReported.items[id] || 0) +
        " 分 · 按当前结论 " + fmt(now.items[id] || 0) + " 分";
    });
    var rowProblems = markChecks({}).fields;
    plan.assessed.forEach(function (c) {
      var line = document.getElementById("rv-combined-" + c.id);
      if (!line) return;
      var points = now.assessed[c.id];
      var found = RV.marksFor(c, verdicts().marks);
      // As evaluate says it (expert_marks.py): a mark pays only beside an item of its clause that earns.
      // Before any mark, a criterion no item earns under says so: marks for it would pay nothing.
      line.textContent = points === undefined ? (now.judged[c.id] ? "尚无评分。" : c.unjudged + "，此时给出的专家评分记 0 分。")
        : now.unjudged[c.id] ? c.unjudged + "，专家评分记 0 分（已有 " +
          found.kept.length + " 位专家评分）。"
          : found.kept.length < c.min_experts ? "已有 " + found.kept.length + " 位专家评分，至少需要 " + c.min_experts + " 位：暂计 0 分。"
            : marksSaid(c, found.kept, points);
      // Every row not counted has its problem said at its field (markChecks): out of range, not a
      // multiple of the step, an expert code the file refuses, a second mark of one expert, a
      // value missing. An empty row is not written, and not said.
      var bad = app.state.marks.filter(function (m, i) {
        var f = rowProblems[i];
        return m.criterion === c.id && !!f && (f.expert.length > 0 || f.mark.length > 0);
      }).length;
      if (bad) line.textContent += "另有 " + bad + " 行有问题，未计入：见上面标出的字段。";
    });
    var data = reviewData();
    var covered = {};
    var atFields = {};
    var problems = ruleProblems(data, covered, atFields);
    var warnings = markupWarnings(data, atFields);
    showAtFields(atFields);
    problems = problems.concat(RV.schemaProblems(app.validators.review, app.schemas.review, data, covered));
    if (app.output) app.output.update(reviewYaml(data), problems, { warnings: warnings });
    announce("按当前结论 " + fmt(now.total) + " 分（" + now.tier + "）。");
    // Items 其余全部核实 did not see (added or changed since) and no verdict of their own decides.
    var unseen = app.state.rest ? itemOrder().filter(function (id) {
      return (!app.state.items[id] || outdated(id)) && !restCovers(id);
    }).length : 0;
    var restNote = document.getElementById("rv-rest-unseen");
    var restSays = unseen ? "“其余全部核实”（" + app.state.rest.date + "）只包括当时看到的内容：此后新增或改动的 " + unseen +
      " 项不在其中，标为待核实。逐项给出结论，或取消勾选再勾选（即按现在的内容记为已核实）。"
      : app.state.restUnconfirmed ? "本浏览器草稿中的“其余全部核实”（" + app.state.restUnconfirmed + "）是在记下核查时的内容之前勾选的，" +
        "没有记下当时看到的内容，因此已取消，不会写进文件。请核对各项后重新勾选。"
        : app.state.rest && !app.state.rest.contents && yearConfig(app.year).bind_verdicts ? "“其余全部核实”（" + app.state.rest.date +
          "）没有记下当时看到的内容：此后新增或改动的项目也都算作已核实。请核对后取消再勾选，按现在的内容记下。" : "";
    if (restNote.textContent !== restSays) restNote.textContent = restSays;
    restNote.hidden = !restSays;
    var progress = progressText();
    document.getElementById("rv-progress").textContent = progress + "。";
    document.getElementById("rv-bar").textContent = app.caseData.name + "：按当前结论 " + fmt(now.total) + " 分（" +
      now.tier + "）；" + progress + (problems.length ? "；文件还有 " + problems.length + " 个问题" : "");
    showListState();
    applyFilter();
  }

  /* A criterion's marks in the words of evaluate's line (expert_marks.py `combined`, its words
   * carried by the plan): “2 位专家评分 4.5、4，平均数 4.25，按 0.5 分四舍五入为 4.5：计 4.5 分。” */
  function marksSaid(c, kept, points) {
    var value = RV.combined(c, kept);
    return kept.length + " 位专家评分 " + kept.map(fmt).join("、") + "，" + c.words.combined + " " + fmt(value) +
      (value === points ? "" : "，" + c.words.rounding + "为 " + fmt(points)) + "：计 " + fmt(points) + " 分。";
  }

  /* ---- one item ---------------------------------------------------------------------------- */

  /* A finalized year's item whose content changed after the verdict that covered it: the frozen
   * result stands, and nothing is verified again (what `check` and the status page say). */
  function frozenSays(id) {
    var r = app.state.items[id];
    var saw = restSaw();
    var since = r && r.status ? (contentChanged(id) ? "核查结论“" + LABEL[r.status] + "”（" + r.date + "）" : "")
      : saw && saw[app.caseData.contents[id]] !== true ? "“其余全部核实”（" + app.state.rest.date + "）" : "";
    if (!since) return "";
    // The results file's sha256 of the report tells a change after finalize from one before it.
    var unchanged = app.caseData.final ? app.caseData.final.report_unchanged : null;
    return unchanged === true ? "本项的内容在" + since + "之后、定稿之前改动过：定稿时这一项" +
      (app.state.rest && (!saw || saw[app.caseData.contents[id]] === true) ? "按“其余全部核实”（" + app.state.rest.date + "）计为已核实（它看到的正是现在的内容），" : "按未核查计分，") +
      "得分是定稿时冻结的结果，不再改变；已定稿的年度不再核查。"
      : unchanged === false ? "本项的内容在" + since + "之后改动过，报告在定稿之后改动过：得分是定稿时冻结的结果，" +
      "不随这一改动而变；已定稿的年度不再核查。"
      : "本项的内容在" + since + "之后改动过：得分是定稿时冻结的结果，按定稿时的报告和核查记录计算，" +
      "此后的改动都不改变它；已定稿的年度不再核查。";
  }

  function itemNode(item, readOnly) {
    var rec = app.state.items[item.id] || { status: "", reason: "", reviewer: "", date: "" };
    var name = "rv-" + item.id;
    // Named by its visible label first, then the item's title (WCAG 2.5.3; by reference, so that
    // nothing hidden is copied with the label's words); described by the hint while the hint
    // shows (data-note, see sayAt) and by its message.
    var reason = el("textarea", { class: "rv-reason", rows: "2", id: name + "-reason", value: rec.reason,
      disabled: readOnly, "aria-labelledby": name + "-reason-label " + name + "-title" });
    var who = el("p", { class: "rv-who" });
    var when = el("span", { class: "rv-when" });  // the verdict's own date, as the file will say it
    // The item changed after its verdict, or after 其余全部核实: it waits for a verdict again.
    var changed = el("p", { class: "rv-changed", id: name + "-changed", hidden: true });
    var starter = item.findings.filter(function (f) { return f.severity === "error"; })[0] || item.findings[0];
    var reasonBox = el("div", { class: "rv-reason-box" }, [
      el("label", { for: name + "-reason", id: name + "-reason-label",
        text: "理由（不予认定的理由，或需要补充的材料；学会和公众会看到）" }), reason,
      fieldMessage(name + "-reason"),
      starter && !readOnly ? el("button", { type: "button", class: "rf-button rv-starter", text: "用检查意见作理由开头",
        on: { click: function () {
          if (reason.value.indexOf(starter.message) === 0) return;
          reason.value = starter.message + (reason.value ? " " + reason.value : "");
          reason.dispatchEvent(new Event("input"));
        } } }) : null,
      el("p", { class: "rv-hint", id: name + "-reason-hint", text: "写明理由后，这一结论才计入分数和进度。" }),
      // 待补充材料: how the material reaches the association in the year's phase (phase.py's words).
      el("p", { class: "rv-note rv-material", id: name + "-material", hidden: true })]);

    function show() {
      var r = app.state.items[item.id];
      var old = outdated(item.id);
      var status = r && !old ? r.status : "";
      reasonBox.hidden = !status || status === "verified";
      var hint = reasonBox.querySelector(".rv-hint");
      hint.hidden = !!reason.value.trim();
      if (reason.dataset.note !== (hint.hidden ? "" : hint.id)) {
        reason.dataset.note = hint.hidden ? "" : hint.id;
        var msg = document.getElementById(reason.id + "-msg") || reasonBox.querySelector(".rv-field-error, .rv-field-warning");
        sayAt(reason, msg && !msg.hidden ? msg.textContent : "", false, msg);
      }
      var route = status === "material_requested" ? phaseToday(yearConfig(app.year).material) : "";
      var material = reasonBox.querySelector(".rv-material");
      material.textContent = route ? "学会怎样补充：" + route : "";
      material.hidden = !route;
      var unseen = !status && !!app.state.rest && !restCovers(item.id);
      var says = old && r.unconfirmed ? "待重新确认：本项的结论“" + LABEL[r.status] + "”（" + r.date + "）来自本浏览器中较早的草稿，" +
          "当时没有记下核查时看到的内容，因此不计入、也不会写进文件。请核对现在的内容，再次给出结论。"
        : old ? "待核实：本项的内容在 " + r.date + " 的核查结论“" + LABEL[r.status] + "”之后改动过，那一结论不再算数。请核对改动后的内容，重新给出结论。"
        : unseen ? "待核实：本项是“其余全部核实”（" + app.state.rest.date + "）之后新增或改动的，不在其核实之列。请单独给出结论，或取消勾选再勾选“其余全部核实”。"
          : frozenYear() ? frozenSays(item.id)
            : status && !r.content && yearConfig(app.year).bind_verdicts ? "本项的结论“" + LABEL[r.status] + "”（" + r.date +
              "）没有记下核查时的内容：项目此后怎样改动，它都照旧算数。请核对现在的内容，再点一次结论，记下现在的内容。"
              : "";
      if (changed.textContent !== says) changed.textContent = says;
      changed.hidden = !says;
      if (says) verdict.setAttribute("aria-describedby", changed.id);
      else verdict.removeAttribute("aria-describedby");
      // 其余全部核实 stands for it: the choice without a verdict of its own says so (the file
      // still records none for the item, only `rest`). With a verdict of its own, the same choice
      // says before the click what it does: it leaves the item to 其余全部核实, which verifies it
      // (未核查 there read as undoing a rejection, while it verified the item).
      var covered = !status && !!app.state.rest && !unseen;
      var toRest = !covered && !!status && restCovers(item.id);
      var openText = covered ? "已核实（按“其余全部核实”，未单独核查）"
        : toRest ? "不单独给出结论（按“其余全部核实”记为已核实）" : STATUS[0][1];
      var openSpan = openChoice.querySelector(".rv-choice-text");
      if (openSpan.textContent !== openText) openSpan.textContent = openText;
      openChoice.classList.toggle("rv-covered", covered);
      openChoice.classList.toggle("rv-to-rest", toRest);
      who.textContent = status ? "核查人 " + (recordedBy(r) || "（未填）")
        : app.state.rest && !unseen ? "未单独核查：按“其余全部核实”记为已核实" : "";
      when.textContent = status ? verdictDate(r.date) : "";
      // A day the year does not allow: the list says why and how to change it; the date stands out.
      when.classList.toggle("rv-bad-date", !!status && !!outsideDays(yearConfig(app.year).record_days, "", r.date));
    }

    var radios = STATUS.map(function (s) {
      function decide() {
        var r = app.state.items[item.id] || { reason: "" };
        r.status = s[0];
        r.reviewer = reviewer();
        r.date = document.getElementById("rv-date").value || RF.today();
        r.content = item.content;  // the content this verdict is given on, as the site digested it
        delete r.unconfirmed;
        if (s[0]) app.state.items[item.id] = r;
        else delete app.state.items[item.id];
        show();
        save();
        refresh();
      }
      // On click, not change, and on Space over the chosen one (which clicks nothing): choosing the
      // verdict it has again gives it again, with the reviewer and the date on top now (the way to
      // change a verdict's date).
      var input = el("input", { type: "radio", name: name, id: name + "-" + (s[0] || "open"), value: s[0],
        checked: (outdated(item.id) ? "" : rec.status) === s[0], disabled: readOnly,
        on: { click: decide, keydown: function (e) { if (e.key === " " && input.checked) decide(); } } });
      return el("label", { class: "rv-choice" }, [input, " ", el("span", { class: "rv-choice-text", text: s[1] })]);
    });
    var openChoice = radios[0];  // 未核查: said as what 其余全部核实 makes of the item while it covers it
    reason.addEventListener("input", function () {
      var r = app.state.items[item.id];
      if (!r) return;
      r.reason = reason.value;
      show();
      save();
      refresh();
    });
    // Left: a reason still missing is said at the field from now on.
    reason.addEventListener("blur", function () {
      if (app.reasonsLeft[item.id]) return;
      app.reasonsLeft[item.id] = true;
      refresh();
    });
    // Each item's group named with the item (13 groups all named 核查结论 told a screen reader nothing).
    var verdict = el("fieldset", { class: "rv-verdict", "aria-labelledby": name + "-verdict " + name + "-title" },
      [el("legend", { id: name + "-verdict", text: "核查结论" })].concat(radios, [when]));
    var fields = el("dl", { class: "rv-fields" });
    item.fields.forEach(function (f) {
      fields.appendChild(el("dt", { text: f[0] }));
      fields.appendChild(el("dd", { text: f[1] }));
    });
    var evidence = item.evidence.length ? el("ul", { class: "rv-evidence" }, item.evidence.map(function (e) {
      var safe = typeof e.href === "string" && /^https?:\/\//i.test(e.href);
      // Evidence of a part of the item (a research report's achievement) says which part it proves.
      return el("li", {}, [e.about ? el("span", { class: "rv-about", text: e.about + "：" }) : null,
        safe ? el("a", { href: e.href, target: "_blank", rel: "noopener noreferrer", text: e.text })
        : el("span", { text: e.text + "（仓库中找不到可打开的地址）" })]);
    })) : null;
    var findings = item.findings.length ? el("ul", { class: "rv-findings" }, item.findings.map(findingNode)) : null;
    var node = el("article", { class: "rv-item", dataset: { item: item.id } }, [
      el("h4", {}, [el("span", { id: name + "-title", text: item.title })].concat(
        item.own_id ? [" ", el("code", { text: item.id })] : [])),
      el("p", { class: "rv-points" }),
      fields,
      evidence ? el("p", { class: "rv-label", text: "证明材料（在新标签页打开）：" }) : null, evidence,
      findings,
      changed, verdict, reasonBox, who]);
    show();
    node.showState = show;
    return node;
  }

  /* One finding of the check, with the field it is at when the item has several: the same
   * warning on two fields read as one sentence said twice. */
  function findingNode(f) {
    return el("li", { class: "rv-" + f.severity }, [el("strong", { text: f.severity === "error" ? "错误：" : "警告：" }),
      f.field ? "“" + f.field + "”：" : "", f.message]);
  }

  /* ---- expert marks -------------------------------------------------------------------------- */

  function marksNode(readOnly) {
    var plan = app.caseData.plan;
    if (!plan.assessed.length) return null;
    var box = el("section", { class: "rv-marks", "aria-labelledby": "rv-marks-title" },
      [el("h3", { id: "rv-marks-title", text: "专家评分" })]);
    plan.assessed.forEach(function (c) {
      var list = el("div", { class: "rv-mark-rows" });
      var add = null;
      function rows() {
        RF.clear(list);
        var shown = 0;
        app.state.marks.forEach(function (m, i) {
          if (m.criterion !== c.id) return;
          var place = shown;
          shown += 1;
          var expert = el("input", { type: "text", id: "rv-mark-" + i + "-expert", value: m.expert, disabled: readOnly,
            "aria-label": "专家编号",
            placeholder: "如 expert-a", on: { input: function (e) {
              m.expert = e.target.value.trim();
              remove.setAttribute("aria-label", "删除" + row());
              save();
              refresh();
            } } });
          var mark = el("input", { type: "number", id: "rv-mark-" + i + "-mark", step: "0.5", min: String(c.min),
            max: String(c.max), disabled: readOnly, value: m.mark === null ? "" : String(m.mark), "aria-label": "分数",
            on: { input: function (e) {
              m.mark = e.target.value === "" ? null : Number(e.target.value);
              remove.setAttribute("aria-label", "删除" + row());
              save();
              refresh();
            } } });
          var row = function () {  // the row in words, as it stands
            var parts = (m.expert ? ["专家 " + m.expert] : []).concat(m.mark === null ? [] : [m.mark + " 分"]);
            return "“" + c.label + "”第 " + (place + 1) + " 行（" + (parts.join("，") || "尚未填写") + "）";
          };
          var remove = el("button", { type: "button", class: "rf-button", text: "删除", disabled: readOnly,
            "aria-label": "删除" + row(),
            on: { click: function () {
              var empty = !m.expert && m.mark === null;  // nothing is lost: no question
              if (!empty && !window.confirm("删除" + row() + "吗？")) return;
              app.state.marks.splice(i, 1);
              save();
              rows();
              refresh();
              focusRow(list.querySelectorAll(".rv-mark"), place, add);
            } } });
          list.appendChild(el("div", { class: "rv-mark" }, [
            el("div", { class: "rv-mark-field" }, [el("label", {}, ["专家编号 ", expert]), fieldMessage(expert.id)]),
            el("div", { class: "rv-mark-field" }, [el("label", {}, ["分数 ", mark]), fieldMessage(mark.id)]),
            el("span", { class: "rv-mark-date" + (outsideDays(yearConfig(app.year).record_days, "", m.date) ? " rv-bad-date" : ""),
              text: DATE.mark + " " + m.date }), remove]));
        });
      }
      rows();
      box.appendChild(el("div", { class: "rv-criterion" }, [
        el("h4", { text: c.label }),
        el("p", { text: "条款 " + c.clause + "；分数 " + c.min + "–" + c.max + "（0.5 分一档）；多位专家的分数取" +
          c.words.combined + "，" + c.words.rounding + "，至少 " + c.min_experts + " 位专家评分后计分。" }),
        list,
        add = readOnly ? null : el("button", { type: "button", class: "rf-button", text: "添加一位专家的评分", on: { click: function () {
          app.state.marks.push({ criterion: c.id, expert: "", mark: null,
            date: document.getElementById("rv-date").value || RF.today() });
          save();
          rows();
          refresh();
          var all = list.querySelectorAll(".rv-mark");
          focusRow(all, all.length - 1, add);
        } } }),
        el("p", { class: "rv-combined", id: "rv-combined-" + c.id })]));
    });
    return box;
  }

  /* ---- one report ------------------------------------------------------------------------------ */

  /* The draft against the repository's record: the same record as when the draft started, the
   * draft is restored; a draft that gives the record itself (it was merged) is dropped quietly;
   * a record changed since, the reviewer chooses (`choice`: "merge": the record with the draft's
   * own verdicts and marks added, "draft": the draft replaces the record, or "repository"). */
  function draftFor(data, readOnly, choice) {
    var draft = readOnly ? null : storedDraft();
    if (!draft) return { state: null, conflict: false };
    var record = stateFrom(data.review);
    if (choice === "repository" || sameFile(draft.state, record)) {
      dropDraft();
      return { state: null, conflict: false };
    }
    // The record the draft began on, when it kept it (and it is the one its fingerprint names).
    var start = draft.base && "record" in draft && fingerprint(draft.record) === draft.base ? stateFrom(draft.record) : null;
    var apart = RV.recordsApart(record, draft.state, start, reviewer());
    if (choice === "merge") {
      return { state: RV.mergeDraft(record, draft.state, start, reviewer()), conflict: false, apart: apart };
    }
    if (choice === "draft" || draft.base === app.base) return { state: draft.state, conflict: false };
    return { state: draft.state, conflict: true, apart: apart };
  }

  /* One record of RV.recordsApart in words: what it is about (the item by its title, the
   * criterion and the expert) and what it says, by whom and when (`valueSaid`). */
  function recordSaid(entry) {
    if (entry.kind === "rest" && !entry.id) return "“其余全部核实”" + valueSaid(entry);
    if (entry.kind === "mark") return "专家 " + (entry.value.expert || "（未填编号）") + " 对评分项“" + markLabel(entry.id) + "”的评分 " + valueSaid(entry);
    var titles = {};
    app.caseData.areas.forEach(function (a) { a.items.forEach(function (i) { titles[i.id] = i.title; }); });
    return "项目“" + (titles[entry.id] || entry.id) + "”的结论" + valueSaid(entry);
  }

  function valueSaid(entry) {
    var v = entry.value;
    var who = v.reviewer ? v.reviewer + " 记录" : "未填核查人";
    if (entry.kind === "rest") return (entry.id ? "“" + LABEL.verified + "”（按“其余全部核实”，" : "（") + who + "，" + v.date + "）";
    if (entry.kind === "mark") return (v.mark === null ? "（未填分数）" : fmt(v.mark) + " 分") + "（" + v.date + "）";
    var reason = v.status !== "verified" && (v.reason || "").trim() ? "，理由“" + v.reason.trim() + "”" : "";
    return "“" + LABEL[v.status] + "”" + reason + "（" + who + "，" + v.date + "）";
  }

  /* What replacing the record with the draft deletes: the record's records the draft lacks, and
   * those it says otherwise (with what the draft says: every row of an expert's marks). */
  function deletedSaid(apart) {
    return apart.lost.map(recordSaid).concat(apart.differ.map(function (d) {
      return recordSaid(d.record) + "；草稿中是" + d.draft.map(valueSaid).join("、");
    }));
  }

  /* The draft's records the merge does not apply: those the record's stood against (the draft's
   * own, not one of its start's the record changed since), those the draft deleted (the record
   * keeps them), and an old draft's it cannot tell from records deleted in the repository. */
  function notAppliedSaid(apart) {
    return apart.differ.filter(function (d) { return d.own; }).map(function (d) {
      return d.draft.map(recordSaid).join("、") + "；仓库中是" + valueSaid(d.record);
    }).concat(apart.withdrawn.map(function (e) { return recordSaid(e) + "：草稿中已删去，仓库中的保留"; }),
      apart.unsure.map(function (e) { return recordSaid(e) + "：无法确定是草稿中新给出的，还是仓库中已删除的旧记录"; }));
  }

  function listOf(lines, id) {
    return el("ul", { class: "rv-apart", id: id }, lines.map(function (t) { return el("li", { text: t }); }));
  }

  function conflictNode(data, readOnly, apart) {
    var deleted = deletedSaid(apart);
    var added = apart.added.map(recordSaid);
    var notApplied = notAppliedSaid(apart);
    var replace = deleted.length ? "用草稿替换仓库中的记录（将删除上面列出的 " + deleted.length + " 条）" : "用草稿替换仓库中的记录";
    return el("div", { class: "rv-draft rv-conflict", role: "alert" }, [
      el("p", {}, [el("strong", { text: "仓库中的核查记录在本草稿开始之后已经改动" }),
        "（例如别人的核查记录已经合并，或管理员在合并时修改了理由，网站随后重新构建）。本浏览器中未提交的草稿是在旧记录上做的。"]),
      deleted.length ? el("p", { text: "仓库中的记录有、草稿中没有或不同的 " + deleted.length + " 条（用草稿替换仓库中的记录会删除它们）：" }) : null,
      deleted.length ? listOf(deleted, "rv-apart-deleted") : null,
      added.length ? el("p", { text: "草稿开始后新给出、仓库中的记录没有的 " + added.length + " 条（合并时加进来）：" }) : null,
      added.length ? listOf(added, "rv-apart-added") : null,
      apart.revived.length ? el("p", { text: "草稿开始时仓库中有、其后已从仓库中删除的 " + apart.revived.length +
        " 条（例如管理员撤回的结论或评分；" + (added.length ? "合并时不加回" : "使用仓库中的新记录时不加回") +
        "，用草稿替换仓库中的记录会把它们加回）：" }) : null,
      apart.revived.length ? listOf(apart.revived.map(recordSaid), "rv-apart-revived") : null,
      notApplied.length ? el("p", { text: added.length
        ? "草稿中以下 " + notApplied.length + " 条合并时不采用（两处对同一项目或同一位专家的同一评分项" +
          "记的不同时，合并保留仓库中的；需要时可在合并后重新给出）："
        : "草稿中以下 " + notApplied.length + " 条与仓库中的记录不同（两处对同一项目或同一位专家的同一评分项记的不同；" +
          "使用仓库中的新记录时以仓库中的为准，需要时可在之后重新给出）：" }) : null,
      notApplied.length ? listOf(notApplied, "rv-apart-not-merged") : null,
      // No merge to offer: it would add nothing (the earlier text spoke of a merge not on offer).
      added.length ? null : el("p", { id: "rv-conflict-no-merge", text: "草稿开始后没有新给出仓库中的记录没有的结论或评分，" +
        "合并不会加上任何内容，所以这里没有“合并”一项。" }),
      el("p", { text: "请选择：" }),
      el("div", { class: "rf-actions" }, [
        added.length ? el("button", { type: "button", class: "rf-button rf-primary", id: "rv-conflict-merge",
          text: "合并：保留仓库中的记录，加上草稿中的 " + added.length + " 条",
          on: { click: function () { showCase(data, readOnly, "merge"); } } }) : null,
        el("button", { type: "button", class: "rf-button" + (added.length ? "" : " rf-primary"), id: "rv-conflict-repository",
          text: "使用仓库中的新记录（丢弃草稿）",
          on: { click: function () { showCase(data, readOnly, "repository"); } } }),
        el("button", { type: "button", class: "rf-button", id: "rv-conflict-replace", text: replace,
          on: { click: function () {
            if (deleted.length && !window.confirm("用草稿替换仓库中的记录，下载或提交的文件将删除仓库中的这 " + deleted.length +
              " 条记录（包括别人给出的结论和评分）：\n" + deleted.join("\n") +
              (apart.revived.length ? "\n并加回仓库中已删除的 " + apart.revived.length + " 条。" : "") + "\n确定吗？")) return;
            showCase(data, readOnly, "draft");
          } } })])]);
  }

  /* After merging: what was added, and the draft's records not applied (notAppliedSaid). */
  function mergedNode(apart) {
    var kept = notAppliedSaid(apart);
    return el("div", { class: "rv-draft", id: "rv-merged", role: "status" }, [
      el("p", { text: "已合并：仓库中的记录全部保留，加上了草稿中的 " + apart.added.length + " 条" +
        (kept.length ? "；草稿中以下 " + kept.length + " 条没有采用（需要时请在下面重新给出）：" : "。") }),
      kept.length ? listOf(kept, "rv-apart-not-applied") : null]);
  }

  /* A draft kept by an earlier workbench may hold verdicts that record no content (and a
   * 其余全部核实 without the contents it saw): each that is not the repository's own record waits
   * to be given again (shown, not counted, not written), the rest is unticked with a note. */
  function unbound(draft, record) {
    Object.keys(draft.items).forEach(function (id) {
      var r = draft.items[id];
      var own = record.items[id];
      if (!r || !r.status || r.content) return;
      if (!(own && !own.content && own.status === r.status && own.reason === r.reason && own.date === r.date &&
        own.reviewer === r.reviewer)) r.unconfirmed = true;
    });
    var rest = draft.rest;
    if (rest && !rest.contents && !(record.rest && !record.rest.contents && record.rest.date === rest.date &&
      record.rest.reviewer === rest.reviewer)) {
      draft.restUnconfirmed = rest.date;
      draft.rest = null;
    }
  }

  function showCase(data, readOnly, choice) {
    // Each item's content digest now, by id: what a verdict given here records.
    data.contents = {};
    data.areas.forEach(function (a) { a.items.forEach(function (i) { data.contents[i.id] = i.content; }); });
    app.caseData = data;
    app.reasonsLeft = {};  // the items whose reason the reviewer has left (its message shows at the field)
    app.readOnly = readOnly;
    app.base = fingerprint(data.review);
    app.record = data.review || null;
    var found = draftFor(data, readOnly, choice);
    var draft = found.state;
    // The file last given from this draft (when, and its text), kept with it.
    var kept = draft && !found.conflict ? storedDraft() : null;
    app.generated = kept && kept.generated && typeof kept.generated.text === "string" ? kept.generated : null;
    app.state = draft && !found.conflict ? draft : stateFrom(data.review);
    if (app.state === draft) unbound(draft, stateFrom(data.review));
    // The draft (or the merge) now goes on from the record as it is.
    if (draft && (choice === "draft" || choice === "merge")) save();
    var box = document.getElementById("rv-case");
    RF.clear(box);
    var title = el("h2", { id: "rv-case-title", tabindex: "-1", text: data.name + " " + data.year + " 年度报告" });
    box.appendChild(title);
    var facts = el("p", { class: "rv-facts" }, [
      data.source ? el("a", { href: data.source, target: "_blank", rel: "noopener noreferrer", text: "查看报告原文 " + data.file }) : data.file,
      data.review ? "；已有核查记录 " + data.review_file + "，已载入。" : "；尚无核查记录。"]);
    box.appendChild(facts);
    if (choice) title.focus();
    if (found.conflict) {
      // Nothing is shown to edit until the reviewer has chosen: an edit would save over the draft.
      box.appendChild(conflictNode(data, readOnly, found.apart));
      return;
    }
    // Read-only (a finalized year not opened again, e.g. after a reload while verifying it again):
    // a draft kept in this browser is not shown, but is said to be waiting, and where it comes back.
    var waiting = readOnly ? storedDraft() : null;
    if (waiting && !sameFile(waiting.state, stateFrom(data.review))) {
      box.appendChild(el("p", { class: "rv-draft", id: "rv-draft-waiting", text:
        "本浏览器中有这份报告未提交的核查草稿（例如重新核查时刷新了页面）。本年度已定稿，页面只读，下面是仓库中的记录；" +
        "要继续这份草稿，请点上方的“" + REOPEN_LABEL + "”。" }));
    }
    if (!readOnly && draft && choice === "merge") box.appendChild(mergedNode(found.apart));
    if (!readOnly && draft) {
      box.appendChild(el("p", { class: "rv-draft" }, [choice === "draft"
        ? "正在使用本浏览器中的草稿：下载或提交的文件将替换仓库中的记录（包括其后的改动）。"
        : choice === "merge" ? "正在使用合并后的草稿：它从仓库中现在的记录开始，下载或提交的文件保留仓库中的全部记录。"
        : "已恢复本浏览器中未提交的核查草稿（仓库中的记录自草稿开始后没有改动）。",
        el("button", { type: "button", class: "rf-button", text: "丢弃草稿，重新载入仓库中的记录", on: { click: function () {
          if (!window.confirm("丢弃本浏览器中" + data.name + " " + data.year + " 年度核查草稿的全部改动（结论、理由和专家评分），" +
            "重新载入仓库中的记录吗？丢弃后不能恢复。")) return;
          dropDraft();
          showCase(data, readOnly);
        } } })]));
    }
    if (data.review_errors.length) {
      box.appendChild(el("ul", { class: "rv-findings" }, data.review_errors.map(function (f) {
        return el("li", { class: "rv-error", text: "现有核查记录第 " + f.line + " 行：" + f.message });
      })));
    }
    if (data.findings.length) {
      box.appendChild(el("h3", { text: "报告整体的检查结果" }));
      box.appendChild(el("ul", { class: "rv-findings" }, data.findings.map(findingNode)));
    }
    box.appendChild(el("p", { id: "rv-live", class: "rv-sr", "aria-live": "polite", "aria-atomic": "true" }));
    box.appendChild(el("div", { id: "rv-score", class: "rv-score" }));
    box.appendChild(el("p", { id: "rv-progress", class: "rv-progress" }));
    var rest = el("input", { type: "checkbox", id: "rv-rest", checked: !!app.state.rest, disabled: readOnly,
      on: { change: function () {
        // It covers the items as they are now: one added or changed later waits for a verdict.
        app.state.rest = rest.checked ? { reviewer: reviewer(), date: document.getElementById("rv-date").value || RF.today(),
          contents: itemOrder().map(function (id) { return data.contents[id]; }) } : null;
        if (rest.checked) delete app.state.restUnconfirmed;
        showDates();
        save();
        refresh();
      } } });
    var restWhen = el("span", { class: "rv-when", id: "rv-rest-when" });
    box.appendChild(el("p", { class: "rv-rest" }, [rest, el("label", { for: "rv-rest",
      text: " 其余全部核实：没有单独给出结论的项目都记为“已核实”" }), " ", restWhen]));
    box.appendChild(el("p", { class: "rv-changed", id: "rv-rest-unseen", hidden: true }));
    app.filterShown = {};
    app.filterOpened = {};
    if (!readOnly) {
      // A final year has nothing left to verify: no filter.
      // Two filters, one at a time: ticking one unticks the other.
      app.filterOn = app.filterOn || {};
      var toggles = FILTERS.map(function (f) {
        return el("input", { type: "checkbox", id: f.id, checked: !!app.filterOn[f.id],
          "aria-describedby": "rv-only-open-note", on: { change: function (e) {
            FILTERS.forEach(function (g) {
              if (g !== f && e.target.checked) document.getElementById(g.id).checked = false;
              app.filterOn[g.id] = document.getElementById(g.id).checked;
            });
            app.filterShown = {};
            app.filterOpened = {};
            applyFilter();
          } } });
      });
      box.appendChild(el("div", { class: "rv-filter" }, FILTERS.map(function (f, i) {
        return el("p", {}, [toggles[i], el("label", { for: f.id, id: f.id + "-label", text: f.words })]);
      }).concat([el("p", { id: "rv-only-open-note", class: "rv-note", hidden: true })])));
    }
    data.areas.forEach(function (a) {
      if (!a.items.length) return;
      var section = el("section", { class: "rv-area", "aria-label": a.number + "、" + a.title },
        [el("h3", { text: a.number + "、" + a.title })]);
      a.items.forEach(function (item) { section.appendChild(itemNode(item, readOnly)); });
      box.appendChild(section);
    });
    var marks = marksNode(readOnly);
    if (marks) box.appendChild(marks);
    app.output = null;
    if (!readOnly) {
      app.output = RV.outputBox({ config: app.config, id: "rv-review-file", label: "核查记录文件",
        path: data.review_file, exists: !!(data.review || data.review_sha256), reveal: reveal, author: reviewer,
        generated: function () { return app.generated; },
        downloaded: function (text) {
          // Beijing time, as the page's dates are.
          var at = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ") + "，北京时间";
          app.generated = { at: at, text: text };
          save();
          refresh();
        } });
      box.appendChild(app.output);
    }
    box.appendChild(el("p", { id: "rv-bar", class: "rv-bar", "aria-hidden": "true" }));
    showDates();
    refresh();
  }

  /* ---- the year's objections --------------------------------------------------------------------- */

  /* A new objection's number in the pattern the year's file already uses (obj-2018-01 is followed
   * by obj-2018-02, not obj-2): the last number-ending id's prefix, the highest number with that
   * prefix plus one, as wide; with none yet, obj-<year>-01. */
  function nextObjectionId(list, year) {
    var ending = /^(.*?)(\d+)$/;
    var last = null;
    list.forEach(function (o) { var m = ending.exec(o.id || ""); if (m) last = m; });
    var prefix = last ? last[1] : "obj-" + year + "-";
    var width = last ? last[2].length : 2;
    var top = 0;
    list.forEach(function (o) {
      var m = ending.exec(o.id || "");
      if (m && m[1] === prefix) top = Math.max(top, Number(m[2]));
    });
    var number = String(top + 1);
    while (number.length < width) number = "0" + number;
    return prefix + number;
  }

  /* Why an objection's 允许更正 does not let its society correct the report on the reader's day, or
   * "" while it does: the cycle gate lets a correction through only while the year is on notice
   * (its `notice`, Beijing days) and not finalized, and the objection is 受理中. */
  function correctionVoid(y, o) {
    if (y.final) {
      return "本年度结果已定稿，公示和异议都已结束：“" + OBJ.correction_allowed + "”不再适用，不会放行该学会对报告的任何修改" +
        "（文件中仍记着这一项，仅作记录）。";
    }
    var day = RF.today();
    if (y.notice && (day < y.notice[0] || day > y.notice[1])) {
      return "“" + OBJ.correction_allowed + "”只在公示期（" + y.notice[0] + " 至 " + y.notice[1] + "）内放行该学会对报告的修改，" +
        (day < y.notice[0] ? "现在公示尚未开始，这一项还不起作用" : "公示期已结束，现在不再放行") + "（文件中仍记着这一项，仅作记录）。";
    }
    return o.status !== "open" ? "本条异议已不是“" + labelOf(OBJECTION, "open") + "”：“" + OBJ.correction_allowed +
      "”只在受理中时有效，现在不再放行该学会对报告的修改（文件中仍记着这一项，改回受理中即恢复）。" : "";
  }

  function objectionsNode(y, readOnly) {
    var published = (y.objections && y.objections.objections ? y.objections.objections : []).map(function (o) {
      return Object.assign({ issue: null, correction_allowed: false, answer: "", answered: "" }, o);
    });
    var base = JSON.stringify(published);
    var key = "rv-objections-" + y.year;
    app.objectionsWritten = RF.stored(key);
    var list = JSON.parse(base);
    var draftNote = el("p", { class: "rv-draft", hidden: true });
    var saved = null;
    try { saved = JSON.parse(RF.stored(key) || "null"); } catch (err) { saved = null; }
    if (saved && !readOnly) {
      if (saved.base === base) {
        list = saved.list;
        draftNote.hidden = false;
        draftNote.appendChild(document.createTextNode("已恢复本浏览器中未提交的异议草稿。"));
        draftNote.appendChild(el("button", { type: "button", class: "rf-button", text: "丢弃草稿，重新载入仓库中的记录",
          on: { click: function () {
            if (!window.confirm("丢弃本浏览器中 " + y.year + " 年度异议草稿的全部改动，重新载入仓库中的记录吗？丢弃后不能恢复。")) return;
            RF.store(key, null);
            var again = objectionsNode(y, readOnly);
            section.replaceWith(again);
          } } }));
      } else {
        // The published file changed since the draft began: the draft would drop what it lacks.
        RF.store(key, null);
        draftNote.hidden = false;
        draftNote.textContent = "仓库中的异议记录已经更新，本浏览器中较早的草稿已作废，下面是最新的记录。";
      }
    }
    var section = el("section", { class: "rv-objections", "aria-labelledby": "rv-objections-title" }, [
      el("h2", { id: "rv-objections-title", text: y.year + " 年度异议" }),
      el("p", { text: y.notice ? "公示期 " + y.notice[0] + " 至 " + y.notice[1] + "。公示期内收到的异议和市科协的答复记在这里，生成 " + y.objections_file + "。" : "" }),
      draftNote]);
    var rows = el("div", {});
    // Its fields are looked for in its rows: they are listed before the section is on the page.
    var output = readOnly ? null : RV.outputBox({ config: app.config, id: "rv-objections-file", label: "异议记录文件",
      path: y.objections_file, exists: !!y.objections, author: reviewer,
      find: function (id) { return rows.querySelector("#" + CSS.escape(id)); } });
    // Objections added here that the user has not yet touched (changed a field of, or left): their
    // problems are not listed yet, but the file is not saved while they have any.
    var quiet = [];
    function touch(o) {
      var at = quiet.indexOf(o);
      if (at === -1) return;
      quiet.splice(at, 1);
      update();
    }
    if (output) output.onBlocked = function () {  // a click on the download button of a blocked file
      if (!quiet.length) return;
      quiet = [];
      update();
    };
    var words = app.config.words;
    function update(edited) {
      if (edited) {
        app.objectionsWritten = JSON.stringify({ base: base, list: list });
        RF.store(key, app.objectionsWritten);
      }
      if (!output) return;
      var data = { year: y.year, sample: (y.objections && y.objections.sample) || undefined, objections: list.map(function (o) {
        return { id: o.id, society: o.society, issue: o.issue === null ? undefined : o.issue, filed: o.filed, subject: o.subject,
          status: labelOf(OBJECTION, o.status), correction_allowed: o.correction_allowed || undefined,
          answer: o.answer || undefined, answered: o.answered || undefined };
      }) };
      // As a review file's: the file this one starts from, as the site digested it (never hashed
      // here); the pull-request check refuses the file when main's has changed since.
      data.based_on = y.objections_sha256 || app.config.based_on_nothing;
      var problems = [];
      var covered = {};  // the values explained here: the schema's words about them are left out
      var ids = {};
      var pending = [];
      var warnings = [];
      var atField = {};  // field id -> {text, warning}: what is said under each field
      function sayField(i, key, text, warning) {
        var id = "rv-obj-" + i + "-" + key;
        var had = atField[id];
        atField[id] = { text: had ? had.text + " " + text : text, warning: !!warning && (!had || had.warning) };
      }
      app.validators.objections(data);
      var schemaErrors = app.validators.objections.errors || [];
      list.forEach(function (o, i) {
        var n = "第 " + (i + 1) + " 条异议";
        var ptr = "/objections/" + i + "/";
        var silent = quiet.indexOf(o) !== -1;
        var own = 0;
        function say(fields, text, key) {  // `fields`: the values this explains as empty or missing; `key`: its field
          own += 1;
          if (!silent) problems.push(key ? at(n + text, "rv-obj-" + i + "-" + key) : n + text);
          fields.forEach(function (f) { covered[ptr + f] = EMPTY; });
        }
        if (!o.society) say(["society"], "：请选择学会。");
        if (!o.subject || !o.subject.trim()) say(["subject"], "：请写" + OBJ.subject + "。", "subject");
        if (o.id && ids[o.id]) say([], "：编号“" + o.id + "”与前面的重复，每条异议的编号须唯一。", "id");
        ids[o.id] = true;
        // 已答复 needs both: what is missing is named, and the link leads to its field.
        var noAnswer = !o.answer || !o.answer.trim();
        if (o.status === "answered" && (noAnswer || !o.answered)) {
          say((noAnswer ? ["answer"] : []).concat(o.answered ? [] : ["answered"]), "已答复，须写" +
            (noAnswer && !o.answered ? OBJ.answer + "和" + DATE.answered : noAnswer ? OBJ.answer : DATE.answered) + "。",
            noAnswer ? "answer" : "answered");
        }
        if (o.answered && o.filed && o.answered < o.filed) say([], "：" + DATE.answered + "早于" + DATE.filed + "，请核对。", "answered");
        // A date the year does not allow (E-DATE-OUTSIDE-CYCLE): the check's words, at the field.
        var filedWrong = outsideDays(y.record_days, DATE.filed, o.filed);
        var answeredWrong = o.answered ? outsideDays(y.record_days, DATE.answered, o.answered) : "";
        if (filedWrong) say([], "的" + filedWrong, "filed");
        if (answeredWrong) say([], "的" + answeredWrong, "answered");
        if (!silent && filedWrong) sayField(i, "filed", filedWrong);
        if (!silent && answeredWrong) sayField(i, "answered", answeredWrong);
        // What the check warns about (W-OBJECTION-*), in its words: the file can still be saved. A
        // date the year does not allow at all is said above, as the check says it, and only that.
        var outside = !filedWrong && y.notice && o.filed && (o.filed < y.notice[0] || o.filed > y.notice[1])
          ? words["W-OBJECTION-OUTSIDE-NOTICE"].replace("{filed}", o.filed).replace("{year}", y.year)
            .replace("{starts}", y.notice[0]).replace("{ends}", y.notice[1]) : "";
        if (outside) sayField(i, "filed", outside, true);
        if (outside) warnings.push(n + "：" + outside);
        // A date after today (W-DATE-FUTURE), as the check warns of it.
        var filedAhead = filedWrong ? "" : futureDay(y.record_days, DATE.filed, o.filed);
        var answeredAhead = answeredWrong ? "" : futureDay(y.record_days, DATE.answered, o.answered);
        if (filedAhead) { sayField(i, "filed", filedAhead, true); warnings.push(n + "的" + filedAhead); }
        if (answeredAhead) { sayField(i, "answered", answeredAhead, true); warnings.push(n + "的" + answeredAhead); }
        if (o.status === "open" && (o.answer || o.answered)) warnings.push(n + "：" + words["W-OBJECTION-OPEN-ANSWERED"]);
        if (silent) {
          Object.keys(o).forEach(function (f) { covered[ptr + f] = ANY; });
          var schemaSays = schemaErrors.some(function (e) { return (e.instancePath + "/").indexOf(ptr) === 0; });
          if (own || schemaSays) pending.push(n + "还没有填完");
        }
      });
      // Personal data (E-PRIVACY-*), at the field it was typed in and in the list.
      RV.privacyProblems(app.config.privacy, data).forEach(function (p) {
        var place = RV.placeOf(app.schemas.objections, p.path) + "：" + p.message;
        if (p.path[0] === "objections" && p.path.length === 3) {
          sayField(p.path[1], p.path[2], p.message);
          problems.push(at(place, "rv-obj-" + p.path[1] + "-" + p.path[2]));
        } else {
          problems.push(place);
        }
      });
      // Markup (W-TEXT-MARKUP), a warning at the field it was typed in and in the list.
      RV.markupProblems(app.config.markup, data).forEach(function (p) {
        if (p.path[0] === "objections" && p.path.length === 3) sayField(p.path[1], p.path[2], p.message, true);
        warnings.push(RV.placeOf(app.schemas.objections, p.path) + "：" + p.message);
      });
      rows.querySelectorAll(".rv-objection [id^='rv-obj-']:not(.rv-field-error):not(.rv-field-warning)").forEach(function (input) {
        var said = atField[input.id] || { text: "", warning: false };
        sayAt(input, said.text, said.warning, rows.querySelector("#" + input.id + "-msg"));
      });
      problems = problems.concat(RV.schemaProblems(app.validators.objections, app.schemas.objections, data, covered));
      var schema = app.schemas.objections;
      output.update(RF.dumpYaml(RF.outputTree(data, schema, schema) || {},
        fileHeader(y.objections_comments, [y.year + " 年度公示期内收到的异议及答复。", "由网站“核查工作台”生成。"]),
        { based_on: "核查工作台载入的仓库中的异议记录（sha256；none：当时还没有这个文件）。拉取请求的检查用它确认在此期间没有别人的异议或答复合并进来；" +
          "在 GitHub 上手工修改本文件时请删去这一行。" }), problems,
        { pending: pending, warnings: warnings });
    }
    function field(o, i, key, label, type) {
      var id = "rv-obj-" + i + "-" + key;
      var input = type === "textarea" ? el("textarea", { id: id, rows: "2", value: o[key] || "", disabled: readOnly })
        : el("input", { type: type, id: id, value: o[key] === null || o[key] === undefined ? "" : String(o[key]), disabled: readOnly });
      input.addEventListener("input", function () {
        o[key] = type === "number" ? (input.value ? Number(input.value) : null) : input.value;
        update(true);
      });
      // Each field has its message below it (an error, or the check's warning about the date).
      return el("div", {}, [el("label", { class: "rv-field" }, [label + " ", input]), fieldMessage(id)]);
    }
    function render() {
      RF.clear(rows);
      list.forEach(function (o, i) {
        var society = el("select", { disabled: readOnly, on: { change: function (e) { o.society = e.target.value; update(true); } } },
          [el("option", { value: "", text: "（选择学会）" })].concat(y.societies.map(function (s) {
            return el("option", { value: s.id, text: s.name, selected: s.id === o.society });
          })));
        var status = el("select", { disabled: readOnly, on: { change: function (e) {
          // Back to 受理中: the answer and its date go (asked first when there is an answer to lose).
          if (e.target.value === "open" && (o.answer || o.answered)) {
            if (o.answer && o.answer.trim() && !window.confirm("把第 " + (i + 1) + " 条异议" + (o.id ? "（编号 " + o.id + "）" : "") +
              "改回“受理中”，会清除已写的答复和" + DATE.answered + "，清除后不能恢复。继续吗？")) {
              e.target.value = o.status;
              return;
            }
            o.answer = "";
            o.answered = "";
            rows.querySelector("#rv-obj-" + i + "-answer").value = "";
            rows.querySelector("#rv-obj-" + i + "-answered").value = "";
          }
          // 已答复 is dated today unless a date is written, as a new objection's 提出日期 is.
          if (e.target.value === "answered" && !o.answered) {
            o.answered = RF.today();
            rows.querySelector("#rv-obj-" + i + "-answered").value = o.answered;
          }
          o.status = e.target.value;
          showCorrection();
          update(true);
        } } },
          OBJECTION.map(function (s) {
            return el("option", { value: s[0], text: s[1], selected: o.status === s[0] });
          }));
        var correction = el("input", { type: "checkbox", id: "rv-obj-" + i + "-correction", checked: !!o.correction_allowed,
          disabled: readOnly, on: { change: function (e) {
            o.correction_allowed = e.target.checked;
            showCorrection();
            update(true);
          } } });
        // 允许更正 lets the society through the deadline only while the objection is 受理中, the year
        // is on notice and not finalized (the cycle gate's `allowing_correction`, which it asks only
        // then): otherwise the box, when ticked, says why (correctionVoid); the file keeps what it
        // records.
        var correctionNote = el("p", { class: "rv-note", id: "rv-obj-" + i + "-correction-note", hidden: true });
        var correctionLabel = el("label", { class: "rv-field" }, [correction, " " + OBJ.correction_allowed +
          "：允许该学会在公示期内修改报告以回应本异议"]);
        function showCorrection() {
          var off = o.status !== "open";
          correction.disabled = readOnly || off;
          correctionLabel.classList.toggle("rv-field-off", off || y.final);
          var text = o.correction_allowed ? correctionVoid(y, o) : "";
          correctionNote.textContent = text;
          correctionNote.hidden = !text;
          if (text) correction.setAttribute("aria-describedby", correctionNote.id);
          else correction.removeAttribute("aria-describedby");
        }
        showCorrection();
        var fieldset = el("fieldset", { class: "rv-objection" }, [
          el("legend", { text: "第 " + (i + 1) + " 条异议" }),
          field(o, i, "id", OBJ.id + "（小写英文、数字和连字符）", "text"),
          el("label", { class: "rv-field" }, ["学会 ", society]),
          field(o, i, "issue", OBJ.issue + "（GitHub 议题，可不填）", "number"),
          field(o, i, "filed", DATE.filed, "date"),
          field(o, i, "subject", OBJ.subject + "（摘要，不写个人信息）", "textarea"),
          el("label", { class: "rv-field" }, [OBJ.status + " ", status]),
          correctionLabel, correctionNote,
          field(o, i, "answer", OBJ.answer + "（市科协的答复）", "textarea"),
          field(o, i, "answered", DATE.answered, "date"),
          readOnly ? null : el("button", { type: "button", class: "rf-button", text: "删除这条异议",
            "aria-label": "删除这条异议（第 " + (i + 1) + " 条" + (o.id ? "，编号 " + o.id : "") + "）", on: { click: function () {
            if (!window.confirm("删除第 " + (i + 1) + " 条异议" + (o.id ? "（编号 " + o.id + "）" : "") +
              "吗？其中填写的学会、摘要和答复都将丢失。")) return;
            list.splice(i, 1);
            render();
            update(true);
            focusRow(rows.querySelectorAll(".rv-objection"), i, document.getElementById("rv-add-objection"));
          } } })]);
        // Touched: a field of it changed, or the focus left it.
        fieldset.addEventListener("input", function () { touch(o); });
        fieldset.addEventListener("change", function () { touch(o); });
        fieldset.addEventListener("focusout", function (e) {
          if (!e.relatedTarget || !fieldset.contains(e.relatedTarget)) touch(o);
        });
        rows.appendChild(fieldset);
      });
      update();
    }
    render();
    section.appendChild(rows);
    if (!readOnly) {
      section.appendChild(el("button", { type: "button", class: "rf-button", id: "rv-add-objection", text: "记录一条新异议",
        on: { click: function () {
          var added = { id: nextObjectionId(list, y.year), society: "", issue: null, filed: RF.today(), subject: "",
            status: "open", correction_allowed: false, answer: "", answered: "" };
          list.push(added);
          quiet.push(added);
          render();
          update(true);
          var all = rows.querySelectorAll(".rv-objection");
          focusRow(all, all.length - 1, this);
        } } }));
      section.appendChild(output);
      update();
    }
    return section;
  }

  /* ---- choosing a year and a society ---------------------------------------------------------------- */

  function open(year, society) {
    var y = yearConfig(year);
    if (!y) return;
    app.year = year;
    var readOnly = yearReadOnly(y);
    var phase = document.getElementById("rv-phase");
    var said = phaseToday(y.phases);
    phase.textContent = year + " 年度" + (said ? "（" + said + "）" : "") + "。" + (readOnly ? "本年度结果已定稿，核查记录只读，不能再修改。"
      : y.final ? "正在重新核查已定稿的年度（见下方说明）。"
        : strictNow(y) ? "现在只有“已核实”的项目计分。" + onNotice(y) : "公示前，未核查的项目暂时计分（网站标“待核实”）。");
    document.getElementById("rv-reviewer").disabled = readOnly;
    document.getElementById("rv-date").disabled = readOnly;
    checkDate();
    phase.className = "rv-phase" + (y.final ? " rv-final" : "");
    showReopen(y, society);
    var select = document.getElementById("rv-society");
    RF.clear(select);
    select.appendChild(el("option", { value: "", text: "（选择学会）" }));
    y.societies.forEach(function (s) {
      select.appendChild(el("option", { value: s.id, selected: s.id === society,
        text: s.name + "：" + s.state + (s.requested ? "，待补充材料 " + s.requested + " 项" : "") +
          (hasDraft(year, s.id) ? DRAFT_MARK : "") }));
    });
    showDrafts();
    var objections = document.getElementById("rv-objections");
    RF.clear(objections);
    objections.appendChild(objectionsNode(y, y.final));  // a finalized year's objections stay as they were
    var box = document.getElementById("rv-case");
    RF.clear(box);
    app.caseData = null;
    app.ticket = (app.ticket || 0) + 1;
    if (!society) return;
    box.appendChild(el("p", { text: "正在载入…" }));
    var ticket = app.ticket; // counted above: a later choice (or none) makes this load stale
    RF.fetchJson("cases/" + year + "/" + society + ".json").then(function (data) {
      if (ticket === app.ticket) showCase(data, readOnly);
    }, function () {
      if (ticket !== app.ticket) return;
      RF.clear(box);
      box.appendChild(el("p", { class: "rv-error", text: "没有找到该学会 " + year + " 年度的报告。" }));
    });
  }

  /* The year's phase on the reader's day in Beijing time: the entry for it of the words the
   * public pages say (site_builder/phase.py), picked as assets/phase.js picks it; a clock behind
   * the build's day keeps the build's. */
  function phaseToday(phases) {
    if (!phases || !phases.turns.length) return "";
    var day = new Date(Date.now() + phases.zone * 60000).toISOString().slice(0, 10), said = phases.turns[0][1];
    phases.turns.forEach(function (turn) { if (turn[0] <= day) said = turn[1]; });
    return said;
  }

  /* The date on top against the year open (a final year's is off: nothing to say). */
  function checkDate() {
    var y = yearConfig(app.year);
    var date = document.getElementById("rv-date");
    sayAt(date, y && !yearReadOnly(y) ? outsideDays(y.record_days, DATE.verdict, date.value) : "");
  }

  /* A finalized year is read-only unless an admin chose to verify it again here. */
  function yearReadOnly(y) {
    return y.final && !app.reopened[y.year];
  }

  /* Under the phase, for a finalized year: the way to verify it again, clearly apart from the
   * default (read-only), and while it is open, that the frozen result stands until an admin
   * runs finalize --replace. Not kept across a reload: the page opens read-only again (a draft
   * stays in this browser and comes back when verification is reopened). */
  function showReopen(y, society) {
    var box = document.getElementById("rv-reopen");
    RF.clear(box);
    box.hidden = !y.final;
    box.className = "rv-reopen" + (app.reopened[y.year] ? " rv-reopened" : "");
    if (!y.final) return;
    function toggle(on) {
      if (on) app.reopened[y.year] = true;
      else delete app.reopened[y.year];
      open(y.year, document.getElementById("rv-society").value || society);
      document.getElementById(on ? "rv-reopen-end" : "rv-reopen-start").focus();
    }
    var command = "python -m validators finalize " + y.year + " --replace";
    if (!app.reopened[y.year]) {
      box.appendChild(el("p", {}, [
        "确需更正定稿的结果（如定稿后补来的材料、有误的结论）时，管理员可以在这里重新核查本年度：给出新的结论，生成核查记录文件，合并后运行 ",
        el("code", { text: command }), " 重新定稿。"]));
      box.appendChild(el("button", { type: "button", class: "rf-button", id: "rv-reopen-start", text: REOPEN_LABEL,
        on: { click: function () { toggle(true); } } }));
      return;
    }
    box.appendChild(el("p", {}, [el("strong", { text: "正在重新核查已定稿的 " + y.year + " 年度。" }),
      "公布的仍是定稿时冻结的结果（results/" + y.year + ".json）：这里给出的结论和生成的核查记录文件都不改变它。" +
      "核查记录文件合并后，网站注明“核查记录在定稿后改动过，定稿结果不变”；管理员运行 ",
      el("code", { text: command }), " 重新定稿后，才按新的核查记录公布结果。异议记录仍只读。刷新页面后回到只读，草稿留在本浏览器中。"]));
    box.appendChild(el("button", { type: "button", class: "rf-button", id: "rv-reopen-end", text: "结束重新核查（回到只读）",
      on: { click: function () { toggle(false); } } }));
  }

  function fromHash() {
    var m = /^#(\d{4})(?:\/([a-z0-9-]+))?$/.exec(window.location.hash);
    return m ? { year: Number(m[1]), society: m[2] || "" } : null;
  }

  function start() {
    var yearSelect = el("select", { id: "rv-year" }, app.config.years.map(function (y) {
      return el("option", { value: String(y.year), text: y.year + " 年度" + (y.final ? "（已定稿）" : "") });
    }));
    var society = el("select", { id: "rv-society" });
    var who = el("input", { type: "text", id: "rv-reviewer", value: reviewer(), autocomplete: "username",
      pattern: app.config.login_pattern.replace(/^\^|\$$/g, ""), placeholder: "如 cast-staff" });
    var date = el("input", { type: "date", id: "rv-date", value: RF.today(), "aria-describedby": "rv-date-note",
      dataset: { note: "rv-date-note" } });
    // A verdict keeps the date it was given on (the file says so): a new date is for new verdicts.
    date.addEventListener("input", function () {
      if (!app.caseData || !app.state) {  // no report open: the date alone is checked
        checkDate();
        return;
      }
      showDates();
      refresh();
    });
    who.addEventListener("input", function () {
      RF.store(REVIEWER, who.value.trim());
      if (!app.caseData || !app.state) {  // no report open: the name alone is checked
        sayAt(who, who.value.trim() ? reviewerSays(who.value.trim()) : "");
        return;
      }
      // Decisions made before the name was given are written with it (reviewData); say so.
      document.querySelectorAll(".rv-item").forEach(function (n) { n.showState(); });
      refresh();
    });
    mount.appendChild(el("div", { class: "rv-pick" }, [
      el("label", { for: "rv-year", text: "年度" }), yearSelect,
      el("label", { for: "rv-society", text: "学会" }), society,
      el("label", { for: "rv-reviewer", text: "核查人（GitHub 用户名，本浏览器记住）" }),
      el("div", { class: "rv-pick-field" }, [who, fieldMessage("rv-reviewer")]),
      el("label", { for: "rv-date", text: DATE.verdict }),
      el("div", { class: "rv-pick-field" }, [date, fieldMessage("rv-date"), el("p", { id: "rv-date-note", class: "rv-note",
        text: "用于此后给出的结论和专家评分；已经给出的保留各自的日期（写在每项结论旁），改这里不会改变它们。" })])]));
    mount.appendChild(el("p", { id: "rv-link-note", class: "rv-link-note", role: "status", hidden: true }));
    mount.appendChild(el("p", { id: "rv-drafts", class: "rv-draft rv-drafts", hidden: true }));
    mount.appendChild(el("p", { id: "rv-phase", class: "rv-phase", "aria-live": "polite" }));
    mount.appendChild(el("div", { id: "rv-reopen", class: "rv-reopen", hidden: true }));
    mount.appendChild(el("div", { id: "rv-case" }));
    mount.appendChild(el("div", { id: "rv-objections" }));
    yearSelect.addEventListener("change", function () {
      window.history.replaceState(null, "", "#" + yearSelect.value);
      open(Number(yearSelect.value), "");
    });
    society.addEventListener("change", function () {
      window.history.replaceState(null, "", society.value ? "#" + yearSelect.value + "/" + society.value : "#" + yearSelect.value);
      open(Number(yearSelect.value), society.value);
    });
    function route() {
      var h = fromHash();
      var first = app.config.years.filter(function (y) { return y.reviewing; })[0] ||
        app.config.years.filter(function (y) { return !y.final; })[0] || app.config.years[0];
      var year = h && yearConfig(h.year) ? h.year : first ? first.year : null;
      if (year === null) return;
      yearSelect.value = String(year);
      var known = h && yearConfig(h.year) && (!h.society || yearConfig(h.year).societies.some(function (s) {
        return s.id === h.society;
      }));
      open(year, known ? h.society : "");
      // A link to a year or a society the workbench has nothing of (mistyped, or not yet
      // published) opened another year without a word: say what was asked and what is shown.
      var note = document.getElementById("rv-link-note");
      note.hidden = !h || known;
      note.textContent = !h || known ? "" : (yearConfig(h.year)
        ? "链接中的学会“" + h.society + "”在 " + h.year + " 年度没有可核查的报告，请在上面选择学会。"
        : "链接中的 " + h.year + " 年度没有可核查的报告，已打开 " + year + " 年度。");
      if (h && h.society) mount.scrollIntoView();
    }
    // The board's links below the workbench: open their year or report in it.
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-open]") : null;
      if (!link) return;
      event.preventDefault();
      window.location.hash = "#" + link.dataset.open;
    });
    // Another tab of this browser wrote a draft open here: take it in (otherTabWrote), never
    // write over it unseen. The year's objections likewise: their draft is one list too.
    window.addEventListener("storage", function (e) {
      if (!app.year) return;
      if (app.caseData && (e.key === draftKey() || e.key === null)) otherTabWrote(e);
      var y = yearConfig(app.year);
      if (y && (e.key === "rv-objections-" + app.year || e.key === null) && e.newValue !== app.objectionsWritten) {
        keepingPlace(function () {
          var box = document.getElementById("rv-objections");
          RF.clear(box);
          box.appendChild(objectionsNode(y, y.final));
          var head = box.querySelector("#rv-objections-title");
          if (head) head.after(el("p", { class: "rv-draft rv-other-tab", id: "rv-objections-other-tab", role: "status", text:
            "另一个标签页（或窗口）在 " + new Date().toTimeString().slice(0, 8) + " 改动了本年度的异议草稿：下面已换成那里的最新内容，" +
            "没有用本页较早的内容覆盖它。" }));
        });
      }
    });
    window.addEventListener("hashchange", function () {
      if (!fromHash()) return; // a heading's own anchor (¶) on this page: nothing to open
      route();
      mount.scrollIntoView(); // a link on the board was followed: the workbench is above it
    });
    route();
  }

  Promise.all([RF.fetchJson("config.json"), RF.fetchJson("schema-review.json"), RF.fetchJson("schema-objections.json")])
    .then(function (got) {
      app.config = got[0];
      STATUS = [["", "未核查"]].concat(app.config.statuses);
      STATUS.forEach(function (s) { LABEL[s[0]] = s[1]; });
      OBJECTION = app.config.objection_statuses;
      app.schemas = { review: got[1], objections: got[2] };
      DATE = { verdict: RV.fieldTitle(got[1], ["items", 0, "date"]), rest: RV.fieldTitle(got[1], ["rest", "date"]),
        mark: RV.fieldTitle(got[1], ["marks", 0, "date"]), filed: RV.fieldTitle(got[2], ["objections", 0, "filed"]),
        answered: RV.fieldTitle(got[2], ["objections", 0, "answered"]) };
      ["id", "issue", "subject", "status", "correction_allowed", "answer"].forEach(function (key) {
        OBJ[key] = RV.fieldTitle(got[2], ["objections", 0, key]);
      });
      app.validators = { review: RF.compile(got[1]), objections: RF.compile(got[2]) };
      start();
    }, function () {
      mount.appendChild(el("p", { class: "rv-error", text: "核查工作台的数据没有载入：请刷新页面再试。" }));
    });
})();
