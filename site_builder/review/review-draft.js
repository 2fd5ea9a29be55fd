/* Verification workbench: a draft begun on an older repository record, against the record as it
 * is now. The draft knows only the record's fingerprint when it began, not the record itself: so
 * the two are compared record by record (an item's verdict, 其余全部核实, one expert's mark on one
 * criterion), and the page says what replacing the record with the draft would delete, and offers
 * to merge instead (the record's records kept, the draft's added where the record has none).
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

  function sameVerdict(a, b) {
    return a.status === b.status && (a.reason || "").trim() === (b.reason || "").trim();
  }

  function markKey(m) {
    return m.criterion + "|" + m.expert;
  }

  function markGiven(m) {
    return !!m.expert || m.mark !== null;
  }

  /* {lost, differ, added} of `draft` against `record`: `lost` the record's verdicts and marks the
   * draft has none of (replacing the record deletes them); `differ` [{record, draft}] where both
   * hold one for the same item (or the same expert on the same criterion) and they are not the
   * same; `added` the draft's where the record has none. Each entry is {kind: "item"|"rest"|"mark",
   * id (the item's; the criterion's for a mark), value (the verdict or the mark)}. */
  RV.recordsApart = function (record, draft) {
    var out = { lost: [], differ: [], added: [] };
    Object.keys(record.items).forEach(function (id) {
      var r = record.items[id];
      if (!given(r)) return;
      var d = draft.items[id];
      if (!given(d)) out.lost.push({ kind: "item", id: id, value: r });
      else if (!sameVerdict(r, d)) out.differ.push({ record: { kind: "item", id: id, value: r }, draft: { kind: "item", id: id, value: d } });
    });
    Object.keys(draft.items).forEach(function (id) {
      if (given(draft.items[id]) && !given(record.items[id])) out.added.push({ kind: "item", id: id, value: draft.items[id] });
    });
    if (record.rest && !draft.rest) out.lost.push({ kind: "rest", id: null, value: record.rest });
    else if (!record.rest && draft.rest) out.added.push({ kind: "rest", id: null, value: draft.rest });
    else if (record.rest && (record.rest.date !== draft.rest.date || record.rest.reviewer !== draft.rest.reviewer)) {
      out.differ.push({ record: { kind: "rest", id: null, value: record.rest }, draft: { kind: "rest", id: null, value: draft.rest } });
    }
    var held = {};
    draft.marks.filter(markGiven).forEach(function (m) { if (!(markKey(m) in held)) held[markKey(m)] = m; });
    var recorded = {};
    record.marks.forEach(function (m) {
      recorded[markKey(m)] = true;
      var d = held[markKey(m)];
      if (!d) out.lost.push({ kind: "mark", id: m.criterion, value: m });
      else if (d.mark !== m.mark) out.differ.push({ record: { kind: "mark", id: m.criterion, value: m }, draft: { kind: "mark", id: m.criterion, value: d } });
    });
    draft.marks.filter(markGiven).forEach(function (m) {
      if (!recorded[markKey(m)]) out.added.push({ kind: "mark", id: m.criterion, value: m });
    });
    return out;
  };

  /* The record with the draft's own verdicts and marks added where the record has none for that
   * item (or that expert on that criterion), and the draft's 其余全部核实 when the record has none.
   * Where both hold one and they differ, the record's stands (RV.recordsApart's `differ` says
   * which of the draft's were not applied). A new state: neither argument is changed. */
  RV.mergeDraft = function (record, draft) {
    var merged = JSON.parse(JSON.stringify(record));
    var copy = JSON.parse(JSON.stringify(draft));
    Object.keys(copy.items).forEach(function (id) {
      if (given(copy.items[id]) && !given(merged.items[id])) merged.items[id] = copy.items[id];
    });
    if (!merged.rest && copy.rest) merged.rest = copy.rest;
    var recorded = {};
    merged.marks.forEach(function (m) { recorded[markKey(m)] = true; });
    copy.marks.forEach(function (m) {
      // A row the draft has not filled in yet is the draft's own work too: kept to be finished.
      if (!markGiven(m) || !m.expert || !recorded[markKey(m)]) {
        merged.marks.push(m);
        if (m.expert) recorded[markKey(m)] = true;
      }
    });
    merged.sample = record.sample || draft.sample;
    return merged;
  };

  if (typeof module !== "undefined" && module.exports) module.exports = RV;
})(typeof window !== "undefined" ? window : globalThis);
