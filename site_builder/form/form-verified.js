/* Report form: at an item the association verified, a note once it differs from the published
 * report's. Which items count as verified is the site's to say (config.json's societies[].verified,
 * site_builder/form_page.py: the evaluation's reading of the review records); the form only
 * compares the draft's item with the published one of the same id. And at an item an objection
 * allowing a correction names, the report page's mark (societies[].corrections' items); before
 * submitting a closed year's report, the published items it no longer has. */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var P = (RF.appMethods = RF.appMethods || {});

  // The phases in which the association verifies, and a changed item waits for it again.
  var VERIFYING = ["verification", "notice"];

  /* Whether two parsed values are the same: objects key by key (a key holding undefined is none),
   * lists item by item in order. */
  RF.sameData = function (a, b) {
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      for (var i = 0; i < a.length; i++) if (!RF.sameData(a[i], b[i])) return false;
      return true;
    }
    if (RF.isObject(a) && RF.isObject(b)) {
      var keys = function (o) {
        return Object.keys(o).filter(function (k) { return o[k] !== undefined; }).sort();
      };
      var ka = keys(a);
      var kb = keys(b);
      if (ka.length !== kb.length) return false;
      for (var j = 0; j < ka.length; j++) {
        if (ka[j] !== kb[j] || !RF.sameData(a[ka[j]], b[ka[j]])) return false;
      }
      return true;
    }
    return a === b;
  };

  // Python orders texts by code point; JavaScript's `<` by UTF-16 unit, which differs past U+FFFF.
  function byCodePoint(a, b) {
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i);
      var y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return i < a.length ? 1 : j < b.length ? -1 : 0;
  }

  function plain(value) {
    return value === null || typeof value !== "object";
  }

  /* `value` (of `schema`, in `root`) as `check` reads an item's content (content_digest,
   * validators/association/item_content.py): a field holding its default left out, as if not
   * written, and a list of plain values (evidence, members…) a set, in the order of its entries'
   * JSON; a list of objects keeps its order. */
  RF.itemContent = function (value, schema, root) {
    var s = RF.resolveSchema(schema, root);
    if (RF.isObject(value)) {
      var out = {};
      Object.keys(value).forEach(function (key) {
        if (value[key] === undefined) return;
        var field = s.properties && RF.own(s.properties, key) ? RF.resolveSchema(s.properties[key], root) : {};
        if (RF.own(field, "default") && RF.sameData(value[key], asWritten(field.default, field))) return;
        out[key] = RF.itemContent(value[key], field, root);
      });
      return out;
    }
    if (Array.isArray(value)) {
      var inner = value.map(function (v) { return RF.itemContent(v, s.items, root); });
      if (!inner.every(plain)) return inner;
      return inner.map(function (v) { return [JSON.stringify(v), v]; })
        .sort(function (a, b) { return byCodePoint(a[0], b[0]); })
        .map(function (pair) { return pair[1]; });
    }
    return value;
  };

  // A default as the opened report holds it (RF.normalise: a choice by its label).
  function asWritten(value, schema) {
    return schema.labels && typeof value === "string" && RF.own(schema.labels, value) ? schema.labels[value] : value;
  }

  /* The schema of the value at `path` in a report of schema `root`. */
  function schemaAt(root, path) {
    return path.reduce(function (schema, key) {
      var s = RF.resolveSchema(schema, root);
      return (typeof key === "number" ? s.items : (s.properties || {})[key]) || {};
    }, root);
  }

  /* The society's published report of `year` as the form opens it (labels for codes), or null:
   * fetched once when not yet loaded, and the notes said again when it comes. */
  P.publishedDraft = function (id, year) {
    var self = this;
    var key = id + "|" + year;
    this.published = this.published || {};
    if (RF.own(this.published, key)) return this.published[key];
    var loaded = this.reports[id];
    if (!loaded) {
      this.loadReports(id).then(function () {
        if (self.ctx) self.ctx.refreshers.forEach(function (f) { f(); });
        // The submit step's note of the items dropped (removedNote) reads it too.
        if (self.outputIssues) self.updateOutput(self.outputIssues);
      }, function () { /* no note without the published report */ });
      return null;
    }
    var source = (loaded.reports || {})[String(year)];
    var data = RF.isObject(source) ? RF.clone(source) : null;
    if (data) RF.normalise(data, this.schemas[year]);
    this.published[key] = data;
    return data;
  };

  /* The note at `path`, or null: said while the year is verified or on notice, of an item the
   * site lists as verified whose content (RF.itemContent) now differs from the published report's. `path` is a
   * list item (compared with the published item of the same id) or an area's field that is a
   * claim (config.json's `claims`: enterprise_platform_registered…, compared by the fields it
   * covers). */
  P.verifiedNote = function (path) {
    var st = this.state;
    if (!st || !RF.isObject(st.data) || typeof st.data.society !== "string") return null;
    var s = this.society(st.data.society);
    var ids = s && s.verified ? s.verified[String(st.year)] : null;
    if (!ids || !ids.length) return null;
    var claims = this.config.claims || {};
    var claim = typeof path[path.length - 1] === "string" && RF.own(claims, path[path.length - 1]) ? path[path.length - 1] : null;
    var item = RF.getPath(st.data, claim ? path.slice(0, -1) : path);
    var id = claim || (RF.isObject(item) ? item.id : null);
    if (id === null || ids.indexOf(id) === -1) return null;
    var phase = this.phaseNow();
    if (!phase || VERIFYING.indexOf(phase.phase) === -1) return null;
    var published = this.publishedDraft(st.data.society, st.year);
    if (!published) return null;
    var root = this.schemas[st.year];
    var same;
    if (claim) {
      // The area as published, the claim's fields alone.
      var areaSchema = schemaAt(root, path.slice(0, -1));
      var now = RF.isObject(item) ? RF.itemContent(item, areaSchema, root) : {};
      var area = RF.getPath(published, path.slice(0, -1));
      var then = RF.isObject(area) ? RF.itemContent(area, areaSchema, root) : {};
      same = claims[claim].every(function (field) { return RF.sameData(now[field], then[field]); });
    } else {
      var list = RF.getPath(published, path.slice(0, -1));
      var before = Array.isArray(list) ? list.filter(function (p) { return RF.isObject(p) && p.id === id; })[0] : null;
      var itemSchema = schemaAt(root, path);
      same = !before || RF.sameData(RF.itemContent(item, itemSchema, root), RF.itemContent(before, itemSchema, root));
    }
    return same ? null : this.guides[st.year].verified_changed[phase.phase];
  };

  /* The list items of a report as the form holds it, id: title (its title, else its name, else
   * its id), in the file's order: every object with a text `id` in a list, at any depth, as the
   * gate reads a report (validators/github/removed_items.py; a claim has no row: no item). */
  RF.reportItems = function (data) {
    var found = [];
    var seen = {};
    (function walk(value) {
      if (Array.isArray(value)) {
        value.forEach(function (v) {
          if (RF.isObject(v) && typeof v.id === "string" && !RF.own(seen, v.id)) {
            seen[v.id] = true;
            var title = [v.title, v.name].filter(function (t) { return typeof t === "string" && t; })[0];
            found.push({ id: v.id, title: title || v.id });
          }
          walk(v);
        });
      } else if (RF.isObject(value)) {
        Object.keys(value).forEach(function (k) { walk(value[k]); });
      }
    })(data);
    return found;
  };

  /* The items of `published` that `draft` no longer has, by id (UTF-16 code units, as the gate
   * orders them: removed_items.py `_by_id`). */
  RF.removedItems = function (published, draft) {
    var kept = {};
    RF.reportItems(draft).forEach(function (i) { kept[i.id] = true; });
    return RF.reportItems(published).filter(function (i) { return !RF.own(kept, i.id); })
      .sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
  };

  /* `text` with each "{key}" of `values` replaced, in one pass (as Python's str.format). */
  function fill(text, values) {
    return text.replace(/\{([a-z]+)\}/g, function (slot, key) {
      return RF.own(values, key) ? values[key] : slot;
    });
  }

  /* The first `words.named` items by name, then how many in all (removed_items.py `_named`). */
  function named(items, words) {
    var said = items.map(function (i) { return i.title !== i.id ? fill(words.item, { title: i.title, id: i.id }) : i.id; });
    return said.slice(0, words.named).join("、") + (said.length > words.named ? fill(words.more, { count: String(said.length) }) : "");
  }

  /* Before submitting, once the year's submission has closed: the items of the society's
   * published report the draft no longer has (what the gate warns of, W-CYCLE-ITEMS-REMOVED, in
   * its words: guide-<year>.json's `items_removed`), and on notice those outside the items the
   * objections allowing a correction name; or null. */
  P.removedNote = function () {
    var st = this.state;
    if (!st || !RF.isObject(st.data) || typeof st.data.society !== "string") return null;
    var phase = this.phaseNow();
    if (!phase || !phase.closed || phase.fresh) return null;
    var published = this.publishedDraft(st.data.society, st.year);
    if (!published) return null;
    var gone = RF.removedItems(published, st.data);
    if (!gone.length) return null;
    var words = this.guides[st.year].items_removed;
    var text = fill(words.said, { year: String(st.year), count: String(gone.length), named: named(gone, words) });
    var naming = (phase.objections || []).filter(function (o) { return Array.isArray(o.items) && o.items.length; });
    if (naming.length) {
      var ids = naming.map(function (o) { return o.id; }).join("、");
      var within = {};
      naming.forEach(function (o) { o.items.forEach(function (i) { within[i] = true; }); });
      var outside = gone.filter(function (i) { return !RF.own(within, i.id); });
      text += outside.length ? fill(words.outside, { count: String(outside.length), ids: ids, named: named(outside, words) })
        : fill(words.within, { ids: ids });
    }
    return text + words.ask;
  };

  /* The report page's mark at the list item at `path` (config.json's `contested`: “有异议（obj-…）”),
   * or null: said on notice, of an item (by its id) that an open objection allowing the
   * society to correct its report names (phaseNow().objections, read as the report page reads
   * them). */
  P.contestedMark = function (path) {
    var st = this.state;
    if (!st || typeof path[path.length - 1] !== "number") return null;
    var item = RF.getPath(st.data, path);
    if (!RF.isObject(item) || typeof item.id !== "string") return null;
    var phase = this.phaseNow();
    if (!phase || phase.refused) return null;
    var ids = phase.objections.filter(function (o) {
      return Array.isArray(o.items) && o.items.indexOf(item.id) !== -1;
    }).map(function (o) { return o.id; });
    return ids.length ? (this.config.contested || "") + "（" + ids.join("、") + "）" : null;
  };
})();
