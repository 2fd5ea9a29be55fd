/* Verification workbench: a draft begun on an older repository record, against the record as it
 * is now. The draft keeps the record it began on (its start), so the two are merged three-way,
 * record by record (an item's verdict, 其余全部核实, one expert's mark on one criterion): the page
 * says what replacing the record with the draft would delete, and offers to merge instead (the
 * record's records kept, and the draft's own work added where the record has none: only what
 * the draft changed since its start, never a record of the start that the repository has
 * deleted since).
 *
 * A draft kept before drafts kept their start (start null): what the draft changed is unknown.
 * A verdict or 其余全部核实 counts as the draft's own only when given by the reviewer now named
 * on the page; the rest it holds that the record lacks (marks included) is listed as `unsure`,
 * never added: it may be a record deleted from the repository since.
 *
 * Several rows of one expert on one criterion in the draft are all carried (listed one by one,
 * merged together), so the page's check says the expert marked it twice and the reviewer keeps
 * the right one: no row is dropped unseen.
 *
 * States are the workbench's: {items: {id: {status, reason, reviewer, date, content}}, rest:
 * {reviewer, date, contents} or null, marks: [{criterion, expert, mark, date}], sample}.
 *
 * Works in a browser (window.ReviewBench) and under Node (module.exports), with no DOM. */
(function (global) {
  "use strict";
  var RV = (global.ReviewBench = global.ReviewBench || {});

  function given(r) {
    return !!r && !!r.status;
  }

  function markGiven(m) {
    return !!m.expert || m.mark !== null;
  }

  /* Every record of a state by key ("item:<id>", "rest", "mark:<criterion>|<expert>"), in the
   * state's order: {keys, at: {key: {kind, id, values}}} (a mark's values: its rows). */
  function records(state) {
    var keys = [], at = {};
    function add(key, kind, id, value) {
      if (!at[key]) { keys.push(key); at[key] = { kind: kind, id: id, values: [] }; }
      at[key].values.push(value);
    }
    Object.keys(state.items || {}).forEach(function (id) {
      if (given(state.items[id])) add("item:" + id, "item", id, state.items[id]);
    });
    if (state.rest) add("rest", "rest", null, state.rest);
    (state.marks || []).filter(markGiven).forEach(function (m) {
      add("mark:" + m.criterion + "|" + (m.expert || ""), "mark", m.criterion, m);
    });
    return { keys: keys, at: at };
  }

  /* Whether two records of one key say the same (a verdict and its reason, who verified the
   * rest and when, the marks). */
  function saySame(kind, a, b) {
    if (kind === "item") return a[0].status === b[0].status && (a[0].reason || "").trim() === (b[0].reason || "").trim();
    if (kind === "rest") return a[0].date === b[0].date && a[0].reviewer === b[0].reviewer;
    return JSON.stringify(a.map(function (m) { return m.mark; })) === JSON.stringify(b.map(function (m) { return m.mark; }));
  }

  /* The record as written, for telling whether the draft changed it since its start. */
  function written(kind, values) {
    return JSON.stringify(values.map(function (v) {
      if (kind === "item") return [v.status, (v.reason || "").trim(), v.reviewer, v.date, v.content || ""];
      if (kind === "rest") return [v.reviewer, v.date, v.contents || null];
      return [v.criterion, v.expert, v.mark, v.date];
    }));
  }

  function entries(rec) {
    return rec.values.map(function (v) { return { kind: rec.kind, id: rec.id, value: v }; });
  }

  /* Whether the record's 其余全部核实 counts item verdict `d` as verified: the item has no verdict
   * of its own there, and the rest covered it as `d` saw it (a rest without contents: all). */
  function restCovers(rest, d) {
    return !!rest && (!rest.contents || !d.content || rest.contents.indexOf(d.content) >= 0);
  }

  /* {lost, differ, added, revived, unsure, withdrawn} of `draft` against `record`, `start` the
   * record the draft began on (null: unknown, see above; `reviewer` is then the name on the page).
   * For replacing: `lost` the record's records the draft lacks; `differ` [{record, draft: [..],
   * own}] where both hold one for the same item (or expert and criterion) and they do not say the
   * same, an item the record's 其余全部核实 counts as verified included (its record:
   * {kind: "rest", id: the item}); `own` whether the draft changed it since its start. For merging:
   * `added` the draft's own records where the record has none (what the merge adds, a row each);
   * `revived` the start's records the draft kept and the record has deleted since (not added;
   * replacing would bring them back); `unsure` an old draft's records that may be either (not
   * added); `withdrawn` the record's records the draft deleted (kept). Entries: {kind:
   * "item"|"rest"|"mark", id (the item's; the criterion's for a mark), value}. */
  RV.recordsApart = function (record, draft, start, reviewer) {
    var out = { lost: [], differ: [], added: [], revived: [], unsure: [], withdrawn: [] };
    var R = records(record), D = records(draft), S = start ? records(start) : null;
    function own(key) {
      var d = D.at[key];
      if (S) return !S.at[key] || written(d.kind, S.at[key].values) !== written(d.kind, d.values);
      return d.kind !== "mark" && !!reviewer && d.values[0].reviewer === reviewer ? true : null;
    }
    R.keys.forEach(function (key) {
      var r = R.at[key], d = D.at[key];
      if (!d) {
        out.lost = out.lost.concat(entries(r));
        if (S && S.at[key]) out.withdrawn = out.withdrawn.concat(entries(r));
      } else if (!saySame(r.kind, r.values, d.values)) {
        out.differ.push({ record: entries(r)[0], draft: entries(d), own: own(key) !== false });
      }
    });
    D.keys.forEach(function (key) {
      if (R.at[key]) return;
      var d = D.at[key], mine = own(key);
      if (mine === false) { out.revived = out.revived.concat(entries(d)); return; }
      if (mine === null) { out.unsure = out.unsure.concat(entries(d)); return; }
      if (d.kind === "item" && d.values[0].status !== "verified" && restCovers(record.rest, d.values[0])) {
        out.differ.push({ record: { kind: "rest", id: d.id, value: record.rest }, draft: entries(d), own: true });
        return;
      }
      out.added = out.added.concat(entries(d));
    });
    return out;
  };

  /* The record with the draft's own records added (RV.recordsApart's `added`, every row of it)
   * and the rows the draft has not filled in yet (its own work, kept to be finished). Where both
   * hold one and they differ, the record's stands. A new state: no argument is changed. */
  RV.mergeDraft = function (record, draft, start, reviewer) {
    var merged = JSON.parse(JSON.stringify(record));
    var apart = RV.recordsApart(record, draft, start, reviewer);
    JSON.parse(JSON.stringify(apart.added)).forEach(function (e) {
      if (e.kind === "item") merged.items[e.id] = e.value;
      else if (e.kind === "rest") merged.rest = e.value;
      else merged.marks.push(e.value);
    });
    draft.marks.forEach(function (m) {
      if (!markGiven(m)) merged.marks.push(JSON.parse(JSON.stringify(m)));
    });
    merged.sample = record.sample || draft.sample;
    return merged;
  };

  if (typeof module !== "undefined" && module.exports) module.exports = RV;
})(typeof window !== "undefined" ? window : globalThis);
