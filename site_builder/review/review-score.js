/* Verification workbench: a report's score under the verdicts and marks entered so far, as
 * `evaluate` will give it once the review file is merged. The plan comes from Python
 * (validators/evaluation/scoring.py, `scoring_plan`): every paying line in the scorer's order,
 * with the item a verdict can refuse and the rule whose `max_count` it takes a place under.
 * This file only applies verdicts (validators/association/reviews.py, `Standing.refusal`), expert
 * marks (validators/evaluation/expert_marks.py), caps and tiers; tests/test_review_score.py runs
 * it under Node against the Python evaluation on random verdicts and marks.
 *
 * Works in a browser (window.ReviewBench) and under Node (module.exports), with no DOM. */
(function (global) {
  "use strict";
  var RV = (global.ReviewBench = global.ReviewBench || {});

  /* Whether 其余全部核实 verifies an item without a verdict of its own (`Standing.covered`):
   * `rest` is true (it covers every such item), false (there is none), or the items it covers,
   * {id: true}, when it recorded the contents it saw (an item added or changed since is not). */
  RV.restCovers = function (rest, item) {
    return rest === true || (!!rest && typeof rest === "object" && rest[item] === true);
  };

  /* Whether a verdict keeps an item from scoring. `strict`: from the notice on (or always, when
   * the rubric does not count unverified items) only verified items count. A verdict given on
   * content the item no longer has is no verdict: the page leaves it out of `review.items`. */
  RV.refused = function (item, review, strict) {
    if (item === null || item === undefined) return false;
    var status = review.items[item];
    if (status === "not_recognised") return true;
    if (!strict) return false;
    if (status === "material_requested") return true;
    return status === undefined && !RV.restCovers(review.rest, item);
  };

  /* Python's `to_half`: rounded half up to a multiple of 0.5. */
  RV.toHalf = function (value) {
    return Math.floor(value * 2 + 0.5) / 2;
  };

  function median(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  function mean(values) {
    return values.reduce(function (a, b) { return a + b; }, 0) / values.length;
  }

  /* The marks of one criterion that count (in range, the first of each expert), and how many
   * were left out, as the check drops them. */
  RV.marksFor = function (criterion, marks) {
    var seen = {};
    var kept = [];
    var dropped = 0;
    marks.forEach(function (m) {
      if (m.criterion !== criterion.id) return;
      var twice = Object.prototype.hasOwnProperty.call(seen, m.expert);
      seen[m.expert] = true;
      var ok = typeof m.mark === "number" && isFinite(m.mark) && m.mark >= criterion.min &&
        m.mark <= criterion.max && m.mark * 2 === Math.floor(m.mark * 2);
      if (ok && !twice) kept.push(m.mark);
      else dropped += 1;
    });
    return { kept: kept, dropped: dropped };
  };

  /* Python's `judges` (expert_marks.py): whether an item scored under `clause` is one the
   * criterion judges, its own clause or one under it. */
  RV.judges = function (criterion, clause) {
    return typeof clause === "string" && (clause === criterion.clause || clause.indexOf(criterion.clause + ".") === 0);
  };

  /* A criterion's points, or null when no expert has marked it (no line at all). `judged`: the
   * report has an item that earns points under the criterion's clause; without one it pays 0. */
  RV.assessedPoints = function (criterion, marks, reportErrors, judged) {
    var found = RV.marksFor(criterion, marks);
    if (!found.kept.length && !found.dropped) return null;
    if (reportErrors || judged === false) return 0;
    if (found.kept.length < criterion.min_experts) return 0;
    return RV.toHalf(RV.combined(criterion, found.kept));
  };

  /* The marks that count, combined as the criterion says (median or mean), before rounding. */
  RV.combined = function (criterion, kept) {
    return (criterion.combine === "median" ? median : mean)(kept);
  };

  /* 2.3 「有较大提升」: the functions no verdict refuses, against last year's (scoring.py,
   * `_government`): so many more, or so much more money. */
  RV.grew = function (growth, review, strict) {
    var now = growth.functions.filter(function (f) { return !RV.refused(f.item, review, strict); });
    if (!now.length) return false;
    var amount = now.reduce(function (sum, f) { return sum + f.amount; }, 0);
    return now.length - growth.before_count >= growth.min_count_increase ||
      (growth.before_amount > 0 && (amount - growth.before_amount) / growth.before_amount >= growth.min_amount_growth);
  };

  /* {total, tier, subtotals: {area: points}, items: {id: points}, assessed: {criterion: points},
   * unjudged: {criterion: true} (marked, but no item of its clause earns), judged: {criterion:
 * whether an item of its clause earns, marked or not}} under `review`:
   * {items: {id: status}, rest: bool or {id: true} (RV.restCovers), marks: [{criterion, expert, mark}]}. */
  RV.score = function (plan, review, strict) {
    var used = {};
    var raw = {};
    var items = {};
    var earned = [];
    plan.areas.forEach(function (a) { raw[a.key] = 0; });
    plan.units.forEach(function (u) {
      if (RV.refused(u.item, review, strict)) return;
      if (u.growth && !RV.grew(u.growth, review, strict)) return;
      var points = u.points;
      if (u.rule !== null) {
        var n = used[u.rule] || 0;
        if (n >= u.max) points = 0;
        else used[u.rule] = n + 1;
      }
      raw[u.area] += points;
      if (points > 0) earned.push(u);
      if (u.id !== null) items[u.id] = (items[u.id] || 0) + points;
    });
    var assessed = {};
    var unjudged = {};
    var judging = {};
    plan.assessed.forEach(function (c) {
      var judged = earned.some(function (u) { return u.area === c.area && RV.judges(c, u.clause); });
      judging[c.id] = judged;
      var points = RV.assessedPoints(c, review.marks || [], plan.report_errors, judged);
      if (points === null) return;
      if (!judged) unjudged[c.id] = true;
      assessed[c.id] = points;
      raw[c.area] += points;
    });
    var subtotals = {};
    var total = 0;
    plan.areas.forEach(function (a) {
      subtotals[a.key] = Math.min(raw[a.key], a.cap);
      total += subtotals[a.key];
    });
    var tier = plan.tiers.filter(function (t) { return total >= t.min_total; })[0];
    return { total: total, tier: tier ? tier.tier : plan.unranked, subtotals: subtotals,
             items: items, assessed: assessed, unjudged: unjudged, judged: judging };
  };

  if (typeof module === "object" && module.exports) module.exports = RV;
})(typeof window !== "undefined" ? window : globalThis);
