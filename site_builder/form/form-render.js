/* Report form: widgets generated from the JSON Schema, bound to one data object.
 *
 * The renderer knows JSON Schema, not the guideline: a field added to the models appears here
 * on the next site build. Names, help and choice lists come from labels.json and guide-<year>.json.
 */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var el = RF.el;
  var LONG_TEXT = { description: true, outcome: true };

  /* ctx: {root, rootDef, state: {data}, labels, guide, flagged: WeakMap<object, Set<field>>,
   *       onInput(path), rerender(focusPointer)} — render() fills ctx.fields and ctx.panels. */
  RF.Renderer = function (ctx) {
    this.ctx = ctx;
  };

  var R = RF.Renderer.prototype;

  R.reset = function () {
    this.ctx.badInput = {};
    this.ctx.fields = new Map();
    this.ctx.panels = {};
    this.ctx.refreshers = [];
  };

  R.get = function (path) {
    return RF.getPath(this.ctx.state.data, path);
  };

  R.set = function (path, value) {
    RF.setPath(this.ctx.state.data, path, value);
    this.ctx.onInput(path);
    // An event's fields follow its category (and the open occasion asks for its name).
    var last = path[path.length - 1];
    if (path[0] === "academic_events" && (last === "category" || last === "occasion")) {
      this.ctx.rerender(RF.pointer(path));
    }
  };

  /* The fields of an item the form leaves out: an academic event shows only the fields its
   * category's criteria ask about, and any field that already holds a value. */
  R.hidden = function (def, item) {
    if (String(def || "").indexOf("AcademicEvent") !== 0 || !RF.isObject(item)) return [];
    var guide = this.ctx.guide;
    var shown = RF.criteriaFields(guide, item.category);
    var open = (guide.occasions || {})[String(item.occasion || "").trim()] === guide.open_occasion;
    if (!open) shown = shown.filter(function (f) { return f !== "occasion_name" && f !== "occasion_organizer"; });
    return ["main_forum", "sub_forums", "materials", "speaker_provinces", "countries", "occasion",
      "occasion_name", "occasion_organizer"].filter(function (f) {
      var v = item[f];
      var empty = v === undefined || v === null || v === "" || v === false || v === 0 ||
        (Array.isArray(v) && !v.length);
      return shown.indexOf(f) === -1 && empty;
    });
  };

  R.fieldLabel = function (def, prop) {
    var f = this.ctx.labels.fields;
    var area = def === this.ctx.rootDef && (this.ctx.guide.areas || []).filter(function (a) {
      return a.key === prop;
    })[0];
    // An area is named as its year words it (a year may reword one, or add one).
    if (area) return (RF.NUMERALS[Number(area.id)] || area.id) + "、" + area.title;
    return f[def + "." + prop] || f[prop] || prop;
  };

  /* `aria`, for a field one types or chooses in: {described: the controls its help and its
   * message describe, invalid: those marked aria-invalid while it shows an error, notes: the ids
   * of its help and notes} (App.prototype.place ties them, as the workbench's sayAt does). */
  R.register = function (path, box, msg, aria) {
    this.ctx.fields.set(RF.pointer(path), { box: box, msg: msg, aria: aria || null });
  };

  /* The help under a field: its own note (or else the schema's description), and the text of
   * the clauses it serves. Descriptions the widget already says (dates, counts) are left out. */
  R.help = function (key, prop, schema, path) {
    var labels = this.ctx.labels;
    var guide = this.ctx.guide;
    var note = labels.help[key] || labels.help[prop];
    // An item's id inherits one example (evt-…): each list shows its own, its sheet's in the year's workbook.
    var example = prop === "id" && path ? RF.idExample(labels, path) : null;
    if (example && labels.id_help && note === labels.id_help.said) {
      note = labels.id_help.template.replace("{example}", example);
    }
    var description = schema.description || "";
    var said = schema.format === "date" || schema.type === "integer" || schema.type === "array" ||
      description.indexOf("可选：") === 0;
    var text = note || (said ? "" : description);
    var box = el("div", { class: "rf-help" }, text ? [el("p", { text: text })] : []);
    // A date box takes a day: said before a secretary's notes with a month only are typed in.
    if (schema.format === "date" && labels.date_day) box.appendChild(el("p", { class: "rf-date-day", text: labels.date_day }));
    var ids = ((guide.field_clauses || {})[key] || []).filter(function (id) {
      return guide.clauses[id];
    });
    if (ids.length) box.appendChild(clauseDetails(ids, guide.clauses));
    return box;
  };

  /* A disclosure with the text of one or more clauses. */
  function clauseDetails(ids, texts) {
    return el("details", { class: "rf-clause" }, [el("summary", { text: "指南条款 " + ids.join("、") })]
      .concat(ids.map(function (id) {
        return el("p", {}, [el("strong", { text: id + " " }), texts[id]]);
      })));
  }
  RF.clauseDetails = clauseDetails;

  /* One field of an object: label, widget, help, message slot. */
  R.field = function (container, rawSchema, path, def, prop, required) {
    var ctx = this.ctx;
    var schema = RF.resolveSchema(rawSchema, ctx.root);
    var key = def + "." + prop;
    var label = this.fieldLabel(def, prop);
    var id = "rf" + RF.pointer(path).replace(/[^A-Za-z0-9_-]/g, "_");
    if (schema.properties) return this.group(container, schema, path, label, key, prop);
    if (schema.type === "array") {
      var items = RF.resolveSchema(schema.items || {}, ctx.root);
      if (items.properties) return this.itemList(container, schema, items, path, label, key, prop);
    }
    // No live region: the message describes its field (aria-describedby), where a screen reader
    // says it; a live region too said each one twice (the check bar announces the count).
    var msg = el("div", { class: "rf-msg", id: id + "-msg" });
    var box = el("div", { class: "rf-field", dataset: { pointer: RF.pointer(path), key: key } });
    var head = el("label", { class: "rf-label", for: id, id: id + "-label" }, [
      el("span", { text: label }),
      required ? el("span", { class: "rf-req", text: "必填", title: "必填" }) : null,
      el("code", { class: "rf-key", text: prop }),
    ]);
    box.appendChild(head);
    var widget = this.widget(schema, path, key, prop, id);
    box.appendChild(widget);
    if (schema.type !== "boolean") {
      var help = this.help(key, prop, schema, path);
      // The help's own words describe the field, not the clauses' disclosure beside them.
      var words = help.querySelector(":scope > p");
      if (words) words.id = id + "-help";
      box.appendChild(help);
    }
    var clauseLine = this.enumClause(schema, path, key);
    if (clauseLine) box.appendChild(clauseLine);
    box.appendChild(msg);
    // An area's own field may be a claim the association verifies (1.1, 1.2, 2.1).
    if (path.length === 2) this.itemNote(box, path);
    this.flagDate(box, schema, path, prop, id);
    this.register(path, box, msg, fieldAria(widget, id));
    container.appendChild(box);
    return box;
  };

  /* What the page knows of an item (or a claim) beyond its fields, at `box`: a verified one
   * changed (ctx.itemNote). Said again at each edit, beside the item's messages. */
  R.itemNote = function (box, path) {
    var ctx = this.ctx;
    if (!ctx.itemNote) return;
    var note = el("p", { class: "rf-item-note", hidden: true });
    var say = function () {
      var said = ctx.itemNote(path);
      note.textContent = said || "";
      note.hidden = !said;
    };
    say();
    ctx.refreshers.push(say);
    box.appendChild(note);
  };

  /* The mark of an item an open objection names (ctx.itemMark: the report page's “有异议（id）”),
   * at `box`, by the item's id as it stands: said again at each edit. */
  R.itemMark = function (box, path) {
    var ctx = this.ctx;
    if (!ctx.itemMark) return;
    var mark = el("p", { class: "rf-contested", hidden: true });
    var say = function () {
      var said = ctx.itemMark(path);
      mark.textContent = said || "";
      mark.hidden = !said;
    };
    say();
    ctx.refreshers.push(say);
    box.appendChild(mark);
  };

  /* What a field's help and message describe: its input, select or textarea; a group of
   * checkboxes as a group (named by the field's label), each box marked invalid with it; a list of
   * texts by its add button (each entry's input has its own message). */
  function fieldAria(widget, id) {
    var notes = [id + "-help", id + "-flag"];
    if (widget.matches("input, select, textarea")) return { described: [widget], invalid: [widget], notes: notes };
    var grid = widget.querySelector(":scope > .rf-grid");
    if (grid) {
      grid.setAttribute("aria-labelledby", id + "-label");
      return { described: [grid], invalid: [].slice.call(grid.querySelectorAll("input[type=checkbox]")), notes: notes };
    }
    var own = [].slice.call(widget.querySelectorAll(":scope > input, :scope > select, :scope > textarea"));
    if (own.length) return { described: own, invalid: own, notes: notes };
    return { described: [].slice.call(widget.querySelectorAll(":scope > .rf-add")), invalid: [], notes: notes };
  }

  R.widget = function (schema, path, key, prop, id) {
    var self = this;
    var value = this.get(path);
    var choice = this.ctx.labels.choices[key];
    if (schema.type === "array") {
      if (choice && choice.strict) return this.checkGrid(schema, path, choice, id);
      return this.stringList(schema, path, prop, id);
    }
    if (schema.enum || (choice && choice.strict)) {
      var options = schema.enum ? enumOptions(schema) : this.ctx.guide.choices[choice.list] || [];
      return this.select(options, path, id, schema.nullable || !schema.enum ? "（请选择）" : "请选择");
    }
    if (schema.type === "boolean") {
      var word = el("span", { text: value === true ? "是" : "否", class: "rf-check-word" });
      var box = el("input", { type: "checkbox", id: id, checked: value === true,
        on: { change: function (e) {
          word.textContent = e.target.checked ? "是" : "否";
          self.set(path, e.target.checked);
        } } });
      // The row is the tap target, word and all: on a phone the word beside a 13 px box is what
      // a finger lands on. Not a <label>: the field's own label names the box.
      return el("div", { class: "rf-check", on: { click: function (e) {
        if (e.target !== box) box.click();
      } } }, [box, word]);
    }
    if (schema.type === "integer" || schema.type === "number") {
      return el("input", { type: "number", id: id, class: "rf-input rf-number",
        step: schema.type === "integer" ? "1" : "any", min: schema.minimum != null ? schema.minimum : null,
        inputmode: schema.type === "integer" ? "numeric" : "decimal",
        value: value == null ? "" : String(value),
        on: { input: function (e) { self.numberInput(path, e.target, schema.type); },
          beforeinput: function (e) { self.numberRefused(path, e.target, e); } } });
    }
    if (schema.format === "date") {
      return el("input", { type: "date", id: id, class: "rf-input rf-date",
        value: RF.isIsoDate(value) ? value : "",
        on: { input: function (e) { self.dateInput(path, e.target.value); },
          change: function (e) { self.dateInput(path, e.target.value); } } });
    }
    var input;
    var attrs = { id: id, class: "rf-input", value: value == null ? "" : String(value),
      maxlength: schema.maxLength || null,
      on: { input: function (e) { self.set(path, e.target.value === "" ? undefined : e.target.value); } } };
    if (LONG_TEXT[prop]) {
      input = el("textarea", Object.assign(attrs, { rows: 3 }));
    } else {
      input = el("input", Object.assign(attrs, { type: "text", autocomplete: "off" }));
    }
    if (choice && !choice.strict) {
      var listId = id + "-choices";
      input.setAttribute("list", listId);
      var datalist = el("datalist", { id: listId }, (this.ctx.guide.choices[choice.list] || []).map(function (c) {
        return el("option", { value: c });
      }));
      return el("div", {}, [input, datalist]);
    }
    return input;
  };

  /* A number field given text it cannot read as a number (十五万) is empty to the page: some
   * browsers keep the text (validity.badInput), Chromium drops it before any input event (only
   * beforeinput sees it). Either way the form says at the field how to write the number. */
  R.numberInput = function (path, input, type) {
    var pointer = RF.pointer(path);
    if (input.validity && input.validity.badInput) this.ctx.badInput[pointer] = true;
    else delete this.ctx.badInput[pointer];
    this.set(path, numberValue(input.value, type));
  };

  R.numberRefused = function (path, input, e) {
    if (input.value !== "" || typeof e.data !== "string" || !/[^0-9+\-.eE\s]/.test(e.data)) return;
    this.ctx.badInput[RF.pointer(path)] = true;
    this.ctx.onInput(path);
  };

  function numberValue(raw, type) {
    if (raw === "") return undefined;
    var n = Number(raw);
    if (!isFinite(n)) return raw;
    return type === "integer" && !Number.isInteger(n) ? raw : n;
  }

  function enumOptions(schema) {
    return (schema.choices || schema.enum).slice();
  }

  R.dateInput = function (path, value) {
    var parent = this.get(path.slice(0, -1));
    var flags = RF.isObject(parent) && this.ctx.flagged.get(parent);
    if (flags) flags.delete(path[path.length - 1]);
    var box = this.ctx.fields.get(RF.pointer(path));
    if (box) {
      box.box.classList.remove("rf-flagged");
      var note = box.box.querySelector(".rf-flag-note");
      if (note) {
        // Gone, and no longer describing the input.
        var input = box.box.querySelector("input[aria-describedby]");
        if (input && note.id) {
          var rest = input.getAttribute("aria-describedby").split(" ").filter(function (ref) {
            return ref && ref !== note.id;
          }).join(" ");
          if (rest) input.setAttribute("aria-describedby", rest);
          else input.removeAttribute("aria-describedby");
        }
        note.remove();
      }
    }
    this.set(path, value === "" ? undefined : value);
  };

  /* A date copied from last year's report stays marked until the user changes it. */
  R.flagDate = function (box, schema, path, prop, id) {
    if (schema.format !== "date") return;
    var parent = this.get(path.slice(0, -1));
    var flags = RF.isObject(parent) && this.ctx.flagged.get(parent);
    if (!flags || !flags.has(prop)) return;
    box.classList.add("rf-flagged");
    box.insertBefore(el("p", { class: "rf-flag-note", id: id + "-flag",
      text: "这是从上一年度报告复制来的日期（" + this.get(path) + "），请改为本年度的实际日期。" }), box.lastChild);
  };

  R.select = function (options, path, id, emptyText) {
    var self = this;
    var value = this.get(path);
    var opts = [el("option", { value: "", text: emptyText })];
    options.forEach(function (o) {
      opts.push(el("option", { value: o, text: o, selected: value === o }));
    });
    if (value != null && value !== "" && options.indexOf(value) === -1) {
      opts.push(el("option", { value: String(value), text: String(value) + "（不是可选值）", selected: true }));
    }
    return el("select", { id: id, class: "rf-input rf-select",
      on: { change: function (e) { self.set(path, e.target.value === "" ? undefined : e.target.value); } } }, opts);
  };

  /* For fields whose kinds carry a clause (the year's data, per field): the chosen kind's
     clause text. */
  R.enumClause = function (schema, path, key) {
    var ctx = this.ctx;
    var clauses = (ctx.guide.kind_clauses || {})[key];
    if (!schema.enum || !clauses) return null;
    var box = el("div", { class: "rf-enum-clause" });
    var refresh = function () {
      RF.clear(box);
      var id = clauses[RF.getPath(ctx.state.data, path)];
      if (id && ctx.guide.clauses[id]) {
        box.appendChild(el("p", {}, [el("strong", { text: "条款 " + id + "：" }), ctx.guide.clauses[id]]));
      }
    };
    refresh();
    ctx.refreshers.push(refresh);
    return box;
  };

  /* A list of text values (evidence, countries, members): one input per entry. */
  R.stringList = function (schema, path, prop, id) {
    var self = this;
    var values = this.get(path);
    values = Array.isArray(values) ? values : [];
    var itemName = this.ctx.labels.items[prop] || "一项";
    var box = el("div", { class: "rf-strings", id: id });
    values.forEach(function (v, i) {
      var itemPath = path.concat([i]);
      var msg = el("div", { class: "rf-msg", id: id + "-" + i + "-msg" });
      var input = el("input", { type: "text", class: "rf-input", value: v == null ? "" : String(v),
        "aria-label": itemName + " " + (i + 1),
        on: { input: function (e) { self.set(itemPath, e.target.value); } } });
      var row = el("div", { class: "rf-string", dataset: { pointer: RF.pointer(itemPath) } }, [
        input,
        el("button", { type: "button", class: "rf-small", text: "删除",
          on: { click: function () { self.removeAt(path, i); } } }),
        msg,
      ]);
      self.register(itemPath, row, msg, { described: [input], invalid: [input], notes: [id + "-help"] });
      box.appendChild(row);
    });
    box.appendChild(el("button", { type: "button", class: "rf-small rf-add", text: "添加" + itemName,
      on: { click: function () {
        var list = self.get(path);
        var next = Array.isArray(list) ? list.length : 0;
        RF.setPath(self.ctx.state.data, path.concat([next]), "");
        self.ctx.rerender(RF.pointer(path.concat([next])));
      } } }));
    return box;
  };

  /* A list chosen from the year's names (provinces): one checkbox per name. A region written by
   * its full name (北京市) is its box (北京) and one region however often it is written, as `check`
   * counts it; but the list keeps what the report wrote until a box is clicked, and a click
   * changes that region's entries alone: a published report opened and left as it was holds the
   * content its verdict saw (form-verified.js, the item's content digest). */
  R.checkGrid = function (schema, path, choice, id) {
    var self = this;
    var ctx = this.ctx;
    var names = ctx.guide.choices[choice.list] || [];
    var regions = choice.list === "provinces" ? ctx.guide.regions || {} : {};
    var current = function () {
      var v = self.get(path);
      return Array.isArray(v) ? v : [];
    };
    // The box an entry ticks, or null (a name the year does not list).
    var boxOf = function (v) {
      if (typeof v !== "string") return null;
      var region = regions[v.trim()];
      if (region) return region[0];
      return names.indexOf(v) !== -1 ? v : null;
    };
    var ticked = function (name) {
      return current().some(function (v) { return boxOf(v) === name; });
    };
    var count = el("p", { class: "rf-count" });
    var refresh = function () {
      var chosen = current();
      var distinct = [];
      chosen.forEach(function (v) {
        var name = boxOf(v);
        var key = name === null ? "\u0000" + String(v) : name;
        if (distinct.indexOf(key) === -1) distinct.push(key);
      });
      var counted = RF.countedRegions({ speaker_provinces: chosen }, ctx.guide).length;
      count.textContent = "已选 " + distinct.length + " 个，计入 " + counted + " 个外省（区、市）（" +
        ctx.guide.home_province + "和不计入的地区除外）。";
    };
    var grid = el("div", { class: "rf-grid", id: id, role: "group" });
    names.forEach(function (name) {
      var cb = el("input", { type: "checkbox", value: name, checked: ticked(name),
        on: { change: function (e) {
          // Unticked, every entry of the region goes; ticked, its short name is added.
          var chosen = current().filter(function (v) { return boxOf(v) !== name; });
          if (e.target.checked) chosen.push(name);
          var at = function (v) {
            var k = names.indexOf(boxOf(v));
            return k === -1 ? 1e9 : k;
          };
          chosen.sort(function (a, b) { return at(a) - at(b); });
          self.set(path, chosen.length ? chosen : undefined);
        } } });
      grid.appendChild(el("label", { class: "rf-grid-item" }, [cb, el("span", { text: name })]));
    });
    // Entries no box stands for: a name the year does not list, or a region written again.
    var extra = el("div", { class: "rf-extra" });
    var seen = [];
    current().forEach(function (v, i) {
      var name = boxOf(v);
      if (name !== null && seen.indexOf(name) === -1) {
        seen.push(name);
        return;
      }
      var itemPath = path.concat([i]);
      var msg = el("div", { class: "rf-msg" });
      var row = el("div", { class: "rf-string", dataset: { pointer: RF.pointer(itemPath) } }, [
        el("span", { class: "rf-chip", text: String(v) }),
        el("button", { type: "button", class: "rf-small", text: "删除",
          on: { click: function () { self.removeAt(path, i); } } }),
        msg,
      ]);
      self.register(itemPath, row, msg);
      extra.appendChild(row);
    });
    refresh();
    ctx.refreshers.push(refresh);
    return el("div", {}, [grid, extra, count]);
  };

  R.removeAt = function (path, index) {
    var list = this.get(path);
    if (!Array.isArray(list)) return;
    list.splice(index, 1);
    if (!list.length) RF.setPath(this.ctx.state.data, path, undefined);
    this.ctx.rerender(RF.pointer(path));
  };

  /* A nested object (innovation, government_functions): its fields in a group. */
  R.group = function (container, schema, path, label, key, prop) {
    var box = el("fieldset", { class: "rf-group", dataset: { pointer: RF.pointer(path) } }, [
      el("legend", {}, [el("span", { text: label }), el("code", { class: "rf-key", text: prop })]),
    ]);
    var msg = el("div", { class: "rf-msg" });
    box.appendChild(msg);
    this.register(path, box, msg);
    this.fields(box, schema, path);
    container.appendChild(box);
    return box;
  };

  R.fields = function (container, schema, path) {
    var self = this;
    var required = schema.required || [];
    var hidden = this.hidden(schema.def, this.get(path));
    Object.keys(schema.properties || {}).forEach(function (prop) {
      if (hidden.indexOf(prop) !== -1) return;
      self.field(container, schema.properties[prop], path.concat([prop]), schema.def, prop,
        required.indexOf(prop) !== -1);
    });
  };

  /* A list of items (events, stations, …): one card per item, add and remove. */
  R.itemList = function (container, schema, items, path, label, key, prop) {
    var self = this;
    var ctx = this.ctx;
    var list = this.get(path);
    list = Array.isArray(list) ? list : [];
    var itemName = ctx.labels.items[prop] || "项目";
    var box = el("div", { class: "rf-list", dataset: { pointer: RF.pointer(path), key: key } });
    var msg = el("div", { class: "rf-msg" });
    box.appendChild(el("div", { class: "rf-list-head" }, [
      el("span", { class: "rf-list-title", text: label }),
      el("code", { class: "rf-key", text: prop }),
      el("span", { class: "rf-list-count", text: "共 " + list.length + " 项" }),
    ]));
    var help = this.help(key, prop, schema);
    if (help.childNodes.length) box.appendChild(help);
    box.appendChild(msg);
    this.register(path, box, msg);
    list.forEach(function (item, i) {
      var itemPath = path.concat([i]);
      var title = el("span", { class: "rf-card-title" });
      var refresh = function () {
        var it = self.get(itemPath);
        var name = RF.isObject(it) ? it.title || it.name || it.type || it.id : null;
        title.textContent = itemName + " " + (i + 1) + (name ? "：" + String(name) : "");
      };
      refresh();
      ctx.refreshers.push(refresh);
      var card = el("section", { class: "rf-card", dataset: { pointer: RF.pointer(itemPath) } }, [
        el("div", { class: "rf-card-head" }, [
          title,
          // The buttons keep together and their words whole; on a narrow screen they go below a long title.
          el("span", { class: "rf-card-actions" }, [
            el("button", { type: "button", class: "rf-small rf-copy-item", text: "复制此" + itemName,
              on: { click: function () {
                // A repeated event (a monthly salon): the same fields under a new id.
                var copy = JSON.parse(JSON.stringify(self.get(itemPath)));
                if (RF.isObject(copy) && typeof copy.id === "string") copy.id = self.freshId(prop);
                var current = self.get(path);
                current.splice(i + 1, 0, copy);
                ctx.rerender(RF.pointer(path.concat([i + 1])));
              } } }),
            el("button", { type: "button", class: "rf-small rf-remove", text: "删除此" + itemName,
              on: { click: function () {
                if (window.confirm("删除" + itemName + " " + (i + 1) + "？")) self.removeAt(path, i);
              } } }),
          ]),
        ]),
      ]);
      // Under the item's title: which item the objection is about, before anything else.
      self.itemMark(card, itemPath);
      var cardMsg = el("div", { class: "rf-msg" });
      if (prop === "consortia" && (ctx.consortia || []).length) card.appendChild(self.consortiumPicker(itemPath));
      card.appendChild(cardMsg);
      self.register(itemPath, card, cardMsg);
      self.itemNote(card, itemPath);
      if (RF.isObject(item)) {
        self.fields(card, items, itemPath);
        if (prop === "consortia" && (ctx.consortia || []).length) {
          // Below the name, where a secretary who typed a published consortium's name looks.
          var offer = self.consortiumOffer(itemPath);
          var named = ctx.fields.get(RF.pointer(itemPath.concat(["name"])));
          if (named && named.box.parentNode === card) card.insertBefore(offer, named.box.nextSibling);
          else card.appendChild(offer);
        }
      } else {
        cardMsg.appendChild(el("p", { class: "rf-error", text: "这一项应为一组字段（键: 值），现在不是：请删除后重新添加。" }));
      }
      if (items.allOf && RF.isObject(item)) {
        // The panel follows the field the conditions test (the claimed category).
        var panel = el("div", { class: "rf-criteria", "aria-live": "polite" });
        ctx.panels[RF.pointer(itemPath)] = panel;
        var tested = Object.keys((items.allOf[0].if || {}).properties || {})[0];
        var after = tested && ctx.fields.get(RF.pointer(itemPath.concat([tested])));
        if (after && after.box.parentNode === card) card.insertBefore(panel, after.box.nextSibling);
        else card.appendChild(panel);
      }
      box.appendChild(card);
    });
    box.appendChild(el("button", { type: "button", class: "rf-add", text: "添加一项" + itemName,
      on: { click: function () {
        var current = self.get(path);
        var next = Array.isArray(current) ? current.length : 0;
        var fresh = {};
        if ((items.required || []).indexOf("id") !== -1) fresh.id = self.freshId(prop);
        RF.setPath(ctx.state.data, path.concat([next]), fresh);
        ctx.rerender(RF.pointer(path.concat([next])));
      } } }));
    container.appendChild(box);
    return box;
  };

  /* A consortium led by a society of this repository, picked from the published reports: what
   * only its lead knows (id, form, direction, industry, founding date) is filled in as the lead
   * wrote it, and this society takes part (参与). */
  R.consortiumPicker = function (itemPath) {
    var self = this;
    var ctx = this.ctx;
    var id = "rf" + RF.pointer(itemPath).replace(/[^A-Za-z0-9_-]/g, "_") + "-pick";
    var item = this.get(itemPath) || {};
    var options = [el("option", { value: "", text: "（本学会牵头，或不在名单中：请在下面逐项填写）" })];
    ctx.consortia.forEach(function (c) {
      options.push(el("option", { value: c.id, selected: item.id === c.id,
        text: c.name + "（" + c.lead_name + "牵头，编号 " + c.id + "）" }));
    });
    var select = el("select", { id: id, class: "rf-input rf-select", on: { change: function (e) {
      var chosen = ctx.consortia.filter(function (c) { return c.id === e.target.value; })[0];
      if (chosen) self.takePartIn(itemPath, chosen);
    } } }, options);
    return el("div", { class: "rf-field rf-pick" }, [
      el("label", { class: "rf-label", for: id }, [el("span", { text: "参加的是已发布的联合体？从牵头学会的报告中选择" })]),
      select,
      el("div", { class: "rf-help" }, [el("p", { text: "选中后，编号、形式、方向、产业和成立日期按牵头学会的报告填好，本学会的角色为“参与”；" +
        "牵头学会还须在它的成员名单中写上本学会。" })]),
    ]);
  };

  /* The consortium item filled as its lead wrote the published consortium `chosen` (one of
   * ctx.consortia), this society taking part (参与): the picker's choice, and the offer's button. */
  R.takePartIn = function (itemPath, chosen) {
    var current = this.get(itemPath) || {};
    ["id", "name", "form", "direction", "industry", "established"].forEach(function (k) {
      current[k] = chosen[k];
    });
    current.role = "参与";
    RF.setPath(this.ctx.state.data, itemPath, current);
    this.ctx.rerender(RF.pointer(itemPath.concat(["role"])));
  };

  /* A consortium item whose name (trimmed) is a published consortium's that another society leads,
   * under another id: typed by hand instead of picked, `check` reads it as another consortium of
   * that name (W-CONSORTIUM-NO-LEAD; as a lead E-CONSORTIUM-MULTIPLE-LEADS or
   * W-CONSORTIUM-NAME-REUSED). Offered, with a button that picks it; nothing changes without the
   * click. Follows the name as it is typed. One this society leads is not offered: it cannot take
   * part in its own consortium. */
  R.consortiumOffer = function (itemPath) {
    var self = this;
    var ctx = this.ctx;
    var offer = el("div", { class: "rf-pick-offer", "aria-live": "polite" });
    var shown = null;
    var refresh = function () {
      var item = self.get(itemPath);
      var data = ctx.state.data || {};
      // Names compared as `check` compares them (same_text: width, case, spaces and marks).
      RF.useSameText(ctx.labels);
      var spaces = ctx.labels.urls.spaces;
      var name = RF.isObject(item) && typeof item.name === "string" ? RF.sameText(item.name, spaces) : "";
      var same = name ? ctx.consortia.filter(function (c) {
        return RF.sameText(String(c.name), spaces) === name && c.id !== item.id && c.lead !== data.society;
      }) : [];
      var key = JSON.stringify(same.map(function (c) { return c.id; }));
      if (key === shown) return;
      shown = key;
      RF.clear(offer);
      same.forEach(function (c) {
        offer.appendChild(el("p", { text: "已发布的联合体中有同名的“" + c.name + "”（" + c.lead_name + "牵头，编号 " +
          c.id + "）：如果本学会是参加它，请点“按牵头学会的报告填写”。" }));
        offer.appendChild(el("button", { type: "button", class: "rf-small rf-pick-fill", text: "按牵头学会的报告填写",
          on: { click: function () { self.takePartIn(itemPath, c); } } }));
      });
    };
    refresh();
    ctx.refreshers.push(refresh);
    return offer;
  };

  /* An id not yet used in the file, worded as models.report.new_id words it: <prefix>-<year>-<nn>
   * (a station or a function keeps its id from year to year: 2018's first new one must not take
   * 2017's), and for a list every society's reports share (a consortium) the society too, nor
   * one a published consortium has. A long society id is cut (no hyphen left at its end) so that
   * the id stays within labels.slug_max_length, as new_id cuts it. */
  RF.freshId = function (data, root, labels, consortia, prop) {
    var used = {};
    RF.walk(data, root, root, [], function (path, value) {
      if (path[path.length - 1] === "id" && typeof value === "string") used[value] = true;
    });
    (consortia || []).forEach(function (c) { used[c.id] = true; });
    data = data || {};
    var head = labels.id_prefixes[prop] || String(prop).replace(/_/g, "-");
    var society = typeof data.society === "string" ? data.society : "";
    var owned = (labels.shared_id_lists || []).indexOf(prop) !== -1 && new RegExp(labels.slug_pattern).test(society);
    var year = /^[0-9]{4}$/.test(String(data.year)) ? "-" + String(data.year) : "";
    for (var n = 1; ; n++) {
      var tail = year + "-" + (n < 10 ? "0" + n : String(n));
      var owner = owned ? society.slice(0, Math.max(labels.slug_max_length - head.length - tail.length - 1, 0))
        .replace(/-+$/, "") : "";
      var id = (owner ? head + "-" + owner : head) + tail;
      if (!used[id]) return id;
    }
  };

  R.freshId = function (prop) {
    return RF.freshId(this.ctx.state.data, this.ctx.root, this.ctx.labels, this.ctx.consortia, prop);
  };

  /* Every item of a list whose items need an id, left without one (a workbook's blank 编号), given
   * the id the form gives a new item of its list, in the file's order. The paths filled. */
  RF.fillIds = function (data, root, labels, consortia) {
    var blank = [];
    RF.walk(data, root, root, [], function (path, value, key, schema) {
      if (!Array.isArray(value)) return;
      var item = RF.resolveSchema(schema.items || {}, root);
      if ((item.required || []).indexOf("id") === -1) return;
      value.forEach(function (entry, i) {
        if (RF.isObject(entry) && (entry.id === undefined || entry.id === null || entry.id === "")) {
          blank.push([path.concat([i]), entry, path[path.length - 1]]);
        }
      });
    });
    blank.forEach(function (b) { b[1].id = RF.freshId(data, root, labels, consortia, b[2]); });
    return blank.map(function (b) { return b[0]; });
  };
})();
