/* Report form: the page — loading its data, the editor, the live checks, and mounting.
 * Nothing leaves the browser. */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var el = RF.el;

  function App(node) {
    this.node = node;
    this.base = node.dataset.base || "./";
    this.schemas = {};
    this.guides = {};
    this.validators = {};
    this.layouts = {};
    this.idExamples = {};
    this.reports = {};
    // The comparison's files under across/ (form-cross.js): path: {state, data}.
    this.crossFiles = {};
    this.state = null;
    this.timer = null;
  }

  // The start panel (form-start.js) and the output (form-output.js).
  Object.assign(App.prototype, RF.appMethods);

  App.prototype.url = function (name) {
    return this.base + name;
  };

  App.prototype.start = function () {
    var self = this;
    // Warn before the page is closed with input the browser could not save (see saveDraft).
    window.addEventListener("beforeunload", function (e) {
      if (!self.unsaved || !document.body.contains(self.node)) return;
      e.preventDefault();
      e.returnValue = "";
    });
    // Printed, a box shows its whole text: where `field-sizing` (form.css) is not supported
    // (Firefox), each textarea is as tall as its text while printing, as it was afterwards.
    var printed = [];
    window.addEventListener("beforeprint", function () {
      if (!document.body.contains(self.node)) return;
      self.node.querySelectorAll("textarea").forEach(function (box) {
        printed.push([box, box.style.height]);
        box.style.height = box.scrollHeight + (box.offsetHeight - box.clientHeight) + "px";
      });
    });
    window.addEventListener("afterprint", function () {
      printed.forEach(function (pair) { pair[0].style.height = pair[1]; });
      printed = [];
    });
    RF.clear(this.node);
    this.node.appendChild(el("p", { class: "rf-loading", text: "正在加载表单……" }));
    Promise.all([RF.fetchJson(this.url("config.json")), RF.fetchJson(this.url("labels.json")),
      RF.fetchJson(this.url("consortia.json")).catch(function () { return []; }),
      // How the published reports are compared (form-cross.js); each report's check fetches the
      // files under across/ it needs (crossCheck).
      RF.fetchJson(this.url("across.json")).catch(function () { return null; })])
      .then(function (loaded) {
        self.config = loaded[0];
        self.labels = loaded[1];
        self.consortia = loaded[2];
        self.across = loaded[3];
        // Each year's guide before the start panel, which names each year's phase today (a year
        // whose guide does not come is named by its number alone).
        return Promise.all(self.config.years.map(function (y) {
          return RF.fetchJson(self.url("guide-" + y + ".json")).then(function (guide) {
            self.guides[y] = guide;
          }, function () { /* its phase unsaid */ });
        }));
      })
      .then(function () {
        self.renderStart();
      })
      .catch(function (err) {
        RF.clear(self.node);
        self.node.appendChild(el("p", { class: "rf-error" }, RF.withDates("表单数据加载失败：" + err.message)));
      });
  };

  App.prototype.society = function (id) {
    return (this.config.societies || []).filter(function (s) {
      return s.id === id;
    })[0] || null;
  };

  /* Where the year stands today and what it means for this report: `fresh` when the society has
   * no published report of the year (a new society's, or a first one), which the pull request's
   * gate refuses once submission has closed (`sentence` then says so: the guide's `new`). */
  App.prototype.phaseNow = function () {
    var st = this.state;
    return this.phaseFor(typeof st.data.society === "string" ? st.data.society : null, st.year);
  };

  /* The same for a society's report of `year` before it is opened (the start page's note). */
  App.prototype.phaseFor = function (id, year) {
    var phase = RF.phaseOn(this.guides[year], RF.today());
    if (!phase) return null;
    var s = id !== null ? this.society(id) : null;
    var fresh = !(s && (s.filed || s.years || []).indexOf(year) !== -1);
    // Once submission has closed, the gate (E-CYCLE-CLOSED) lets a society change its published
    // report only on notice, answering an open objection that allows it (W-CYCLE-OBJECTION);
    // anything else is an admin's to submit.
    var closed = !!phase.new;
    // Each {id, subject, items}: the items its subject names, as the report page reads them.
    var objections = (phase.phase === "notice" && s && s.corrections && s.corrections[String(year)]) || [];
    var corrections = objections.map(function (o) { return o.id; });
    var refused = closed && (fresh || !corrections.length);
    // Told at the top which objections open the way, as the gate will ask the pull request to name,
    // and what each is about (the association's words), so the secretary knows what to correct.
    var sentence = fresh && phase.new ? phase.new : phase.sentence;
    if (closed && !fresh && corrections.length) {
      sentence += "本学会有受理中、允许更正的异议（" + objections.map(function (o) {
        return o.id + (o.subject ? "：“" + o.subject + "”" : "");
      }).join("；") + "，编号见" + this.guides[year].objection_ids_shown + "），可以为回应它修改报告。";
    }
    return { phase: phase.phase, sentence: sentence, refused: refused, fresh: fresh, closed: closed,
      corrections: corrections, objections: objections };
  };

  /* The society's registered name as the published list has it (W-OCCASION-OWN), or null: the
   * list names a society without a profile by its id. */
  App.prototype.registeredName = function (id) {
    var known = typeof id === "string" ? this.society(id) : null;
    return known && known.name !== known.id ? known.name : null;
  };

  App.prototype.loadYear = function (year) {
    var self = this;
    if (this.validators[year]) return Promise.resolve();
    return Promise.all([
      RF.fetchJson(this.url("schema-" + year + ".json")),
      this.guides[year] ? Promise.resolve(this.guides[year]) : RF.fetchJson(this.url("guide-" + year + ".json")),
      this.societySchema ? Promise.resolve(this.societySchema) : RF.fetchJson(this.url("schema-society.json")),
      this.layoutOf(year),
    ]).then(function (loaded) {
      self.schemas[year] = loaded[0];
      self.idExamples[year] = RF.idExamples(loaded[3]);
      self.guides[year] = loaded[1];
      self.societySchema = loaded[2];
      self.validators[year] = RF.compile(loaded[0]);
      if (!self.societyValidator) self.societyValidator = RF.compile(loaded[2]);
    });
  };

  /* The year's workbook (workbook-<year>.json, validators/xlsx/layout.py): read for a dropped
   * .xlsx, and for each list's example id, the one its sheet and `xlsx import` give. */
  App.prototype.layoutOf = function (year) {
    if (!this.layouts[year]) this.layouts[year] = RF.fetchJson(this.url("workbook-" + year + ".json"));
    return this.layouts[year];
  };

  App.prototype.loadReports = function (id) {
    var self = this;
    if (this.reports[id]) return Promise.resolve(this.reports[id]);
    return RF.fetchJson(this.url("reports/" + encodeURIComponent(id) + ".json")).then(function (data) {
      self.reports[id] = data;
      return data;
    });
  };

  // A file that failed to load is asked for again this long after, by a check of its own.
  var CROSS_RETRY_MS = 10000;

  /* A file of the comparison, by its path beside the page: {state: "loading" | "ready" | "failed",
   * data}. Asked for once; after a failure, again CROSS_RETRY_MS later (a check runs then by
   * itself: the bar says it will try again). Each answer runs the check again. */
  App.prototype.crossFile = function (name) {
    var self = this;
    var again = function () { if (self.state && self.ctx) self.validateNow(); };
    var got = this.crossFiles[name];
    if (!got || (got.state === "failed" && Date.now() - got.at >= CROSS_RETRY_MS)) {
      got = this.crossFiles[name] = { state: "loading" };
      RF.fetchJson(this.url(name)).then(function (loaded) {
        got.state = "ready";
        got.data = loaded;
      }, function () {
        got.state = "failed";
        got.at = Date.now();
        setTimeout(again, CROSS_RETRY_MS + 50);
      }).then(again);
    }
    return got;
  };

  /* The errors and warnings against the published reports (form-cross.js) and where the comparison stands:
   * "ready", "loading" (a file it needs is on its way: the check runs again when it comes) or
   * "failed". A report without a society or a year needs nothing. across.json that failed to load
   * with the page is asked for again here. */
  App.prototype.crossCheck = function (data, labels) {
    var self = this;
    var complete = RF.isObject(data) && typeof data.society === "string" && typeof data.year === "number";
    if (!this.across) {
      if (!complete) return { issues: [], status: "ready" };
      var top = this.crossFile("across.json");
      if (top.state !== "ready") return { issues: [], status: top.state };
      if (!RF.isObject(top.data)) return { issues: [], status: "failed" };
      this.across = top.data;
    }
    // The files loaded so far: a member consortium's id's file may ask for its name's (RF.crossNeeds).
    var loaded = {};
    Object.keys(this.crossFiles).forEach(function (name) {
      if (self.crossFiles[name].state === "ready") loaded[name] = self.crossFiles[name].data;
    });
    var needs = RF.crossNeeds(data, this.across, labels, function (id) { return !!self.society(id); }, loaded);
    var files = {};
    var status = "ready";
    needs.forEach(function (name) {
      var got = self.crossFile(name);
      if (got.state === "ready") files[name] = got.data;
      else if (status !== "failed") status = got.state;
    });
    // While a file is on its way, the last comparison's messages stay: dropped and said again
    // when the file comes, a field's message (and its description) would flicker at every edit.
    // Only this report's, and only where the item they were said of is still there (by its id).
    var report = RF.isObject(data) ? data.society + "|" + data.year : "";
    if (status === "loading") {
      var last = this.lastCross;
      var kept = last && last.report === report ? last.said.filter(function (s) {
        return RF.getPath(data, s.issue.path) !== undefined && itemId(data, s.issue.path) === s.item;
      }) : [];
      return { issues: kept.map(function (s) { return s.issue; }), status: status };
    }
    this.lastCross = null;
    if (status !== "ready") return { issues: [], status: status };
    var published = RF.crossPublished(data, this.across, files);
    // The errors, then the warnings (the form shows a warning as it shows its own).
    // Societies are named by their registered names (a society without a profile: its id).
    // A new society is none of the list yet: its own name is the profile's being written, as
    // `check` reads the pull request's society.yaml.
    var names = function (id) {
      var s = self.society(id);
      if (s) return s.name;
      var own = self.state && self.profileCtx && id === data.society ? self.state.profile : null;
      return own && typeof own.name === "string" && own.name.trim() ? own.name.trim() : null;
    };
    var issues = RF.crossIssues(data, published, labels, names).concat(RF.crossWarnings(data, published, labels, names));
    this.lastCross = { report: report, said: issues.map(function (issue) {
      return { issue: issue, item: itemId(data, issue.path) };
    }) };
    return { issues: issues, status: status };
  };

  /* The id of the list item a path is inside (its deepest), or null. */
  function itemId(data, path) {
    for (var k = path.length; k > 0; k--) {
      if (typeof path[k - 1] !== "number") continue;
      var item = RF.getPath(data, path.slice(0, k));
      return RF.isObject(item) ? item.id : null;
    }
    return null;
  }

  /* ---- the editor ----------------------------------------------------------------------- */

  App.prototype.isNewSociety = function () {
    return !this.society(this.state.data.society);
  };

  /* `profile`: focusPointer is a place in the society's profile (its own fields), not the report. */
  App.prototype.renderEditor = function (focusPointer, profile) {
    var self = this;
    var st = this.state;
    var year = st.year;
    var root = this.schemas[year];
    var guide = this.guides[year];
    var scrollY = window.scrollY;
    RF.clear(this.editor);
    this.editor.appendChild(el("h2", { text: "第二步：填写 " + year + " 年度报告" }));
    // YAML keys stay out of the way unless asked for (they help when editing the file itself).
    var keys = el("input", { type: "checkbox", id: "rf-show-keys", checked: this.node.classList.contains("rf-show-keys"),
      on: { change: function () {
        self.node.classList.toggle("rf-show-keys", keys.checked);
        RF.store("rf-show-keys", keys.checked ? "1" : "");
      } } });
    this.editor.appendChild(el("p", { class: "rf-options" }, [
      el("label", { for: "rf-show-keys" }, [keys, " 显示字段名（YAML 文件中的英文名，直接编辑文件时有用）"])]));
    // Where the year stands, before any field: what a report sent today can still do.
    var phase = this.phaseNow();
    if (phase) {
      this.editor.appendChild(el("p", { class: "rf-phase rf-phase-" + phase.phase, id: "rf-phase",
        role: "status", text: phase.sentence }));
    }
    if (st.note) this.editor.appendChild(el("p", { class: "rf-note", text: st.note }));
    if (st.cells && st.cells.length) {
      // What the imported workbook's cells said: where a value could not be read or was converted.
      var lost = this.workbookErrors(false).length;
      var dismiss = !lost || st.cellsDismissed ? null : el("button", { type: "button", class: "rf-small", id: "rf-xlsx-dismiss",
        text: "已核对，忽略这些问题", on: { click: function () {
          st.cellsDismissed = true;
          self.renderEditor();
        } } });
      this.editor.appendChild(el("details", { class: "rf-xlsx", open: "open" }, [
        el("summary", { text: "工作簿中需要核对的单元格（" + st.cells.length + " 处）" }),
        st.cellsDismissed ? el("p", { class: "rf-help", id: "rf-xlsx-dismissed",
          text: "已确认忽略：工作簿中没有读入的内容不再计为错误，生成的文件中会注明。" }) : null,
        el("ul", { class: "rf-xlsx-issues", id: "rf-xlsx-issues" }, st.cells.map(function (i) {
          return el("li", { class: i.severity === "error" ? "rf-error" : "rf-help" }, RF.withDates(i.message));
        })), dismiss]));
    }
    this.editor.appendChild(el("p", { class: "rf-help", text: guide.title + "。本年度评估期：" + guide.window.label + "。" }));

    // The check's one-line result, kept in view at the bottom of the window (it follows the
    // areas in the page, so that it never covers the form's top or the page's own buttons).
    this.summary = el("div", { class: "rf-summary", "aria-live": "polite" });
    this.keepClear(this.summary);

    var ctx = {
      root: root,
      rootDef: "YearReport",
      state: st,
      labels: this.labelsFor(year),
      consortia: this.consortia || [],
      guide: guide,
      flagged: st.flagged,
      onInput: function (path) {
        self.changed(path);
      },
      rerender: function (pointer) {
        self.renderEditor(pointer);
      },
      // At a verified item changed since the published report (form-verified.js).
      itemNote: function (path) {
        return self.verifiedNote(path);
      },
      // At an item an objection allowing a correction names (form-verified.js).
      itemMark: function (path) {
        return self.contestedMark(path);
      },
    };
    var renderer = new RF.Renderer(ctx);
    renderer.reset();
    this.ctx = ctx;
    this.renderer = renderer;
    ctx.fields.set("", { box: this.summary, msg: el("div") });

    // the society's profile, for a new society
    this.profileCtx = null;
    if (this.isNewSociety()) this.renderProfile();

    // basic facts: society and year
    var basics = el("section", { class: "rf-area" }, [el("h3", { text: "基本信息" })]);
    renderer.field(basics, root.properties.society, ["society"], "YearReport", "society", true);
    var yearBox = el("div", { class: "rf-field", dataset: { pointer: "/year" } }, [
      el("label", { class: "rf-label", for: "rf-year" }, [el("span", { text: "年度" }), el("code", { class: "rf-key", text: "year" })]),
    ]);
    var yearSel = RF.yearSelect(this.config.years, year, "rf-year");
    yearSel.addEventListener("change", function () {
      var y = Number(yearSel.value);
      self.loadYear(y).then(function () {
        st.data.year = y;
        st.year = y;
        self.renderEditor();
      });
    });
    var yearMsg = el("div", { class: "rf-msg" });
    yearBox.appendChild(yearSel);
    yearBox.appendChild(yearMsg);
    ctx.fields.set("/year", { box: yearBox, msg: yearMsg });
    basics.appendChild(yearBox);
    this.editor.appendChild(basics);

    // one section per area, in the guideline's order
    guide.areas.forEach(function (area) {
      var raw = root.properties[area.key];
      if (!raw) return;
      var schema = RF.resolveSchema(raw, root);
      var numeral = RF.NUMERALS[Number(area.id)] || area.id;
      var section = el("section", { class: "rf-area", id: "rf-area-" + area.key }, [
        el("h3", { text: numeral + "、" + area.title }),
      ]);
      var clauses = Object.keys(guide.clauses).filter(function (id) {
        return id === area.id || id.indexOf(area.id + ".") === 0;
      });
      if (clauses.length) {
        var details = RF.clauseDetails(clauses, guide.clauses);
        details.firstChild.textContent = "指南原文（条款 " + clauses.join("、") + "）";
        section.appendChild(details);
      }
      if (schema.properties) {
        var msg = el("div", { class: "rf-msg" });
        section.appendChild(msg);
        renderer.register([area.key], section, msg);
        renderer.fields(section, schema, [area.key]);
      } else {
        renderer.field(section, raw, [area.key], "YearReport", area.key, false);
      }
      self.editor.appendChild(section);
    });
    // any other top-level field of the schema (none today): rendered, never lost
    Object.keys(root.properties).forEach(function (prop) {
      if (prop === "society" || prop === "year") return;
      if (guide.areas.some(function (a) { return a.key === prop; })) return;
      renderer.field(self.editor, root.properties[prop], [prop], "YearReport", prop, false);
    });

    this.editor.appendChild(this.summary);
    this.renderOutput();
    if (this.leavingOn !== this.editor) {
      this.leavingOn = this.editor;
      // A field left (focus moves on) shows its problem from then on.
      this.leaving = function (e) {
        var box = e.target && e.target.closest ? e.target.closest("[data-pointer]") : null;
        if (!box || !self.state) return;
        self.state.touched[box.dataset.pointer] = true;
        self.schedule();
      };
      this.editor.addEventListener("focusout", this.leaving);
      // On a phone the open list of problems, over the lower part of the screen that the
      // keyboard leaves, hid the field being typed into: a field taking the focus (from the
      // list's link too) folds the list back into its one-line bar; a tap on the bar opens it.
      var fold = function (target) {
        var bar = self.summary;
        var list = bar && bar.querySelector(".rf-summary-list[open], .rf-summary-note[open]");
        if (!list || bar.contains(target) || !NARROW.matches) return;
        if (!target.matches || !target.matches(FIELD_CONTROLS)) return;
        self.summaryOpen = self.noteOpen = false;
        list.open = false;
        self.clearNow();
      };
      this.editor.addEventListener("focusin", function (e) {
        fold(e.target);
        self.rememberPlace(e.target);
      });
      // A phone's browser may leave the focus in the field typed into while the list is opened
      // (a tap on its summary takes none): a tap on that field again moves no focus, and folds too.
      this.editor.addEventListener("click", function (e) {
        fold(e.target);
      });
    }
    this.validateNow();
    if (focusPointer != null) {
      window.scrollTo(0, scrollY);
      this.focus(focusPointer, profile ? this.profileCtx : undefined);
    }
  };

  App.prototype.renderProfile = function () {
    var self = this;
    var st = this.state;
    var schema = this.societySchema;
    var section = el("section", { class: "rf-area rf-profile" }, [
      el("h3", { text: "学会资料（society.yaml）" }),
      el("p", { class: "rf-help", text: "新学会第一次提交时需要这个文件：写明学会名称、类型和可以修改本学会文件夹的 GitHub 用户名。" }),
    ]);
    var ctx = {
      root: schema,
      rootDef: "SocietyProfile",
      state: { data: st.profile },
      labels: this.labels,
      guide: this.guides[st.year],
      flagged: new WeakMap(),
      onInput: function () {
        self.schedule();
      },
      rerender: function (pointer) {
        self.renderEditor(pointer, true);  // 添加维护人 puts the caret in the new one
      },
    };
    var renderer = new RF.Renderer(ctx);
    renderer.reset();
    var required = schema.required || [];
    Object.keys(schema.properties).forEach(function (prop) {
      if (prop === "id" || prop === "sample") return; // id follows the report; sample is for demo data
      renderer.field(section, schema.properties[prop], [prop], "SocietyProfile", prop, required.indexOf(prop) !== -1);
    });
    ctx.fields.set("", { box: section, msg: el("div") });
    this.profileCtx = ctx;
    this.editor.appendChild(section);
  };

  /* The field the keyboard moves to scrolls clear of the page's sticky header and of the check
   * bar at the bottom (WCAG 2.4.11): the page's scroll padding follows their heights (form.css). */
  App.prototype.keepClear = function (bar) {
    var root = document.documentElement;
    var header = document.querySelector(".md-header");
    var said = {};  // what was last written: written again only when it changes (a restyle)
    var pad = function (side, px) {
      var value = "calc(" + px + "px + 0.4rem)";
      if (said[side] === value) return;
      said[side] = value;
      root.style[side] = value;
    };
    var set = function () {
      var stuck = header && /sticky|fixed/.test(getComputedStyle(header).position);
      pad("scrollPaddingTop", stuck ? Math.ceil(header.getBoundingClientRect().height) : 0);
      pad("scrollPaddingBottom", Math.ceil(bar.getBoundingClientRect().height));
    };
    // Also measured at once when the bar changed and a field is to be scrolled clear of it now.
    this.clearNow = set;
    if (this.clearObserver) this.clearObserver.disconnect();
    if (window.ResizeObserver) {
      // It calls back once at the start with the sizes it observes: no measuring here.
      this.clearObserver = new ResizeObserver(set);
      this.clearObserver.observe(bar);
      if (header) this.clearObserver.observe(header);
    } else {
      set();
    }
  };

  App.prototype.focus = function (pointer, ctx) {
    var entry = (ctx || this.ctx).fields.get(pointer);
    if (!entry) return;
    var target = entry.box.querySelector("input:not([type=hidden]), select, textarea");
    if (!target) {
      // Nothing to type in (a list with no items yet): the box itself takes the focus.
      target = entry.box;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    }
    // The field typed into is what must show: centring a new item's whole box, taller than a
    // phone's screen, left its first field under the header.
    if (target.scrollIntoView) target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  };

  /* The imported workbook's errors still open: not filled in the form since, nor dismissed
   * (`all`: dismissed ones too). Each with `at`, its place in the report now: an item's cell
   * follows its item (found by identity, so rows added or removed before it change nothing), and
   * an item removed since takes its errors with it. */
  App.prototype.workbookErrors = function (all) {
    var st = this.state;
    if (!st || !st.cells || (st.cellsDismissed && !all)) return [];
    return st.cells.filter(function (i) { return i.severity === "error" && !i.resolved; }).map(function (i) {
      if (!i.owner) return { issue: i, at: i.path || [] };
      var base = RF.findPath(st.data, i.owner);
      return base ? { issue: i, at: base.concat([i.key]) } : null;
    }).filter(Boolean);
  };

  App.prototype.changed = function (path) {
    this.unsaved = true;
    // A field filled since the import answers the workbook's error at that field.
    var pointer = RF.pointer(path);
    this.workbookErrors(true).forEach(function (e) {
      if (e.issue.lost === "cell" && RF.pointer(e.at) === pointer) e.issue.resolved = true;
    });
    this.ctx.refreshers.forEach(function (f) {
      f();
    });
    if (path[0] === "society" && (this.profileCtx === null) === this.isNewSociety()) {
      this.renderEditor(RF.pointer(path));
      return;
    }
    this.schedule();
  };

  /* Check and autosave (form-drafts.js) once typing pauses. */
  App.prototype.schedule = function () {
    var self = this;
    this.dirty = true;
    // Where the checks stand, for whoever waits on them (the browser tests): "pending" until
    // the check after this edit ran, "loading" while a compared file is on its way.
    this.node.dataset.checks = "pending";
    // Where the page stood at the edit, and which field had focus: a page scrolled since with the
    // same field focused (a swipe within the pause) is where the user wants it, and the check does
    // not pull it back to the field; a Tab's own scrolling moves focus too, and is kept clear.
    this.scrollAtEdit = window.scrollY;
    this.focusAtEdit = document.activeElement;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () {
      self.validateNow();
    }, 150);
  };

  /* ---- checks ---------------------------------------------------------------------------- */

  App.prototype.defAt = function (root, rootDef, path) {
    var schema = RF.resolveSchema(root, root);
    var def = rootDef;
    for (var i = 0; i < path.length; i++) {
      var next = typeof path[i] === "number" ? schema.items : (schema.properties || {})[path[i]];
      if (!next) return def;
      schema = RF.resolveSchema(next, root);
      if (schema.def) def = schema.def;
    }
    return def;
  };

  /* The names and help of a year's fields: the site's, and those of any area the year adds
   * (guide-<year>.json, read off the year's files). */
  App.prototype.labelsFor = function (year) {
    var extra = (this.guides[year] || {}).labels || {};
    var merged = {};
    Object.keys(this.labels).forEach(function (k) { merged[k] = this.labels[k]; }, this);
    Object.keys(extra).forEach(function (k) { merged[k] = Object.assign({}, this.labels[k], extra[k]); }, this);
    merged.id_examples = this.idExamples[year] || {};
    return merged;
  };

  App.prototype.where = function (ctx, path) {
    var labels = ctx.labels;
    var words = [];
    var schema = RF.resolveSchema(ctx.root, ctx.root);
    var def = ctx.rootDef;
    var prop = null;
    for (var i = 0; i < path.length; i++) {
      var p = path[i];
      if (typeof p === "number") {
        words.push((labels.items[prop] || "第") + " " + (p + 1));
        schema = RF.resolveSchema(schema.items || {}, ctx.root);
      } else {
        var area = i === 0 && ctx.guide.areas.filter(function (a) { return a.key === p; })[0];
        words.push(area ? area.title : labels.fields[def + "." + p] || labels.fields[p] || p);
        schema = RF.resolveSchema((schema.properties || {})[p] || {}, ctx.root);
        prop = p;
      }
      if (schema.def) def = schema.def;
    }
    return words.join(" › ");
  };

  App.prototype.issuesFor = function (ctx, validate, data) {
    var self = this;
    var issues = RF.schemaIssues(validate, data, ctx.root, {
      slugPattern: ctx.labels.slug_pattern,
      labels: ctx.labels,
      defAt: function (path) {
        return self.defAt(ctx.root, ctx.rootDef, path);
      },
      fieldLabel: function (def, prop) {
        return ctx.labels.fields[def + "." + prop] || ctx.labels.fields[prop] || prop;
      },
      // The earlier years' names of the kinds a field holds, with what `check` says of each.
      formerKinds: function (path) {
        var kinds = (ctx.guide.renamed || {}).kinds || {};
        var field = path[path.length - 1];
        return kinds[self.defAt(ctx.root, ctx.rootDef, path.slice(0, -1)) + "." + field] || {};
      },
    });
    // A number written so that the browser cannot read it (十五万) leaves the field empty.
    Object.keys(ctx.badInput || {}).forEach(function (pointer) {
      issues.push({ path: RF.parsePointer(pointer), severity: "error",
        message: "请用阿拉伯数字填写，如 15：不能写汉字数字（如“十五”）或“万”“元”“人”等单位，这一项现在是空的。" });
    });
    return issues;
  };

  App.prototype.validateNow = function () {
    clearTimeout(this.timer);
    var st = this.state;
    var ctx = this.ctx;
    var root = this.schemas[st.year];
    // The workbook's errors count as errors until dealt with: a cell that could not be read
    // replaces the form's own "missing" (必填) or error at its field (one problem, said in the
    // cell's words).
    var lost = this.workbookErrors(false).map(function (e) {
      return { path: e.at.slice(), severity: "error", message: "工作簿 " + e.issue.message, workbook: true };
    });
    var taken = {};
    lost.forEach(function (i) { if (i.path.length) taken[RF.pointer(i.path)] = true; });
    var privacy = this.config.privacy;
    var personal = RF.privacyIssues(st.data, privacy, ctx.labels.urls);
    var found = this.issuesFor(ctx, this.validators[st.year], st.data)
      .concat(RF.guideIssues(st.data, root, ctx.guide, ctx.labels))
      .concat(RF.criteriaIssues(st.data, ctx.guide, ctx.labels, root))
      .concat(RF.companyIssues(st.data, ctx.guide, ctx.labels));
    // An item with an error of its own is no first copy of a repeated item (form-findings.js).
    var repeats = RF.repeatIssues(st.data, root, ctx.guide, ctx.labels, RF.condemning(found));
    // Against the other published reports (form-cross.js): after the repeats, as `check` runs them.
    var cross = this.crossCheck(st.data, ctx.labels);
    var across = cross.issues;
    this.crossStatus = cross.status;
    var issues = lost.concat(found.concat(repeats, across)
      .concat(RF.warningIssues(st.data, root, ctx.guide, ctx.labels, this.registeredName(st.data.society))).filter(function (i) {
        return i.severity === "warning" || !taken[RF.pointer(i.path)];
      }), personal);
    var profileIssues = [];
    var profilePersonal = [];
    if (this.profileCtx) {
      st.profile.id = st.data.society;
      profilePersonal = RF.privacyIssues(st.profile, privacy, this.labels.urls);
      // The profile's id is the report's society, said at the report's field (a workbook's cover
      // cell that is no id there too): not said a second time for the profile.
      profileIssues = this.issuesFor(this.profileCtx, this.societyValidator, st.profile)
        .filter(function (i) { return !(i.path.length === 1 && i.path[0] === "id"); })
        .concat(RF.websiteIssues(st.profile, this.labels.urls), profilePersonal);
    }
    // A file with personal data is not handed to GitHub (form-output.js): its link would carry it.
    this.personal = { report: personal.length, profile: profilePersonal.length };
    this.place(ctx, issues);
    if (this.profileCtx) this.place(this.profileCtx, profileIssues);
    this.showCriteria(RF.criteriaByEvent(st.data, root, issues, ctx.guide, ctx.labels));
    this.showSummary(issues.map(function (i) { return [ctx, i]; })
      .concat(profileIssues.map(function (i) { return [this.profileCtx, i]; }, this)));
    this.updateOutput(issues.concat(profileIssues));
    // The timer this replaces would also have saved: a re-render must not drop the autosave.
    if (this.dirty) this.saveDraft();
    // A message that grew above or at the focused field may have pushed it under the sticky
    // header or the check bar: back into view, within the page's scroll padding (keepClear).
    var focused = document.activeElement;
    var swiped = focused === this.focusAtEdit && Math.abs(window.scrollY - this.scrollAtEdit) >= 2;
    if (!swiped && focused && focused !== this.editor && this.editor.contains(focused) && !this.summary.contains(focused)) {
      this.clearNow();  // the bar just rebuilt: the observer measures it only after this scroll
      // Its field's message too, which the bar would otherwise cover on a phone; the field
      // itself last, so a message taller than the window does not push it out of view.
      var owner = focused.closest("[data-pointer]");
      var message = owner && owner.querySelector(":scope > .rf-msg");
      if (message && message.textContent.trim()) message.scrollIntoView({ block: "nearest" });
      focused.scrollIntoView({ block: "nearest" });
    }
    this.node.dataset.checks = cross.status === "loading" ? "loading" : "settled";
  };

  var RANK = { error: 0, todo: 1, warning: 2 };
  // A phone's width (form.css's narrow screens, Material's own breakpoint).
  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 44.9375em)") : { matches: false };
  // A touch screen, where focusing a field pops up the keyboard over half of the page.
  var COARSE = window.matchMedia ? window.matchMedia("(pointer: coarse)") : { matches: false };
  // What a secretary types or chooses in.
  var FIELD_CONTROLS = "input, select, textarea";

  /* The field last focused, kept with the draft (form-drafts.js) to come back to on restoring it:
   * a long report restored at the top of 第二步 was twelve screens of swiping on a phone. */
  App.prototype.rememberPlace = function (target) {
    var st = this.state;
    if (!st || !target.matches || !target.matches(FIELD_CONTROLS) || this.summary.contains(target)) return;
    var box = target.closest("[data-pointer]");
    if (!box) return;
    var at = { pointer: box.dataset.pointer, profile: !!target.closest(".rf-profile") };
    if (st.at && st.at.pointer === at.pointer && st.at.profile === at.profile) return;
    st.at = at;
    this.savePlace();
  };

  /* Back to the field remembered with a restored draft: scrolled into view, and focused where
   * that pops up no keyboard; false when the report has no such field (now). */
  App.prototype.returnTo = function (at) {
    var ctx = at && at.profile ? this.profileCtx : this.ctx;
    var entry = ctx && at && typeof at.pointer === "string" && at.pointer ? ctx.fields.get(at.pointer) : null;
    if (!entry || entry.box === this.summary) return false;
    if (!COARSE.matches) {
      this.focus(at.pointer, ctx);
      return true;
    }
    var target = entry.box.querySelector("input:not([type=hidden]), select, textarea") || entry.box;
    if (target.scrollIntoView) target.scrollIntoView({ block: "center" });
    return true;
  };

  App.prototype.place = function (ctx, issues) {
    var self = this;
    var st = this.state;
    // One message a field, the worst; on a blank report, once the field has been left.
    var chosen = new Map();
    issues.slice().sort(function (a, b) { return RANK[a.severity] - RANK[b.severity]; }).forEach(function (issue) {
      var path = issue.path.slice();
      var entry = null;
      while (true) {
        entry = ctx.fields.get(RF.pointer(path));
        if (entry || !path.length) break;
        path.pop();
      }
      issue.placed = !!(entry && RF.pointer(path) !== "");
      if (!issue.placed) return;
      var pointer = RF.pointer(path);
      if (chosen.has(pointer) || !(st.showAll || st.touched[pointer] || issue.severity === "warning")) return;
      chosen.set(pointer, issue);
    });
    ctx.fields.forEach(function (entry, pointer) {
      if (pointer === "") return;
      var issue = chosen.get(pointer);
      // A warning (a file the browser cannot see) is no error: the field keeps its own border.
      entry.box.classList.toggle("rf-has-error", !!issue && issue.severity === "error");
      entry.box.classList.toggle("rf-has-todo", !!issue && issue.severity === "todo");
      // A message whose words stay is left as it is: rebuilt, a screen reader would say it again
      // (it describes its field), and a focused button in it would lose the focus.
      var remove = issue && issue.fix && issue.fix.remove ? RF.pointer(issue.fix.remove) : null;
      var said = issue ? [issue.severity, issue.message, remove].join("\n") : "";
      if (entry.said === said && (said || !entry.msg.firstChild)) return;
      entry.said = said;
      RF.clear(entry.msg);
      if (!issue) return;
      var line = el("p", { class: "rf-" + issue.severity }, RF.withDates(issue.message));
      if (remove !== null) {
        line.appendChild(el("button", { type: "button", class: "rf-small", text: "删除此字段",
          on: { click: function () {
            RF.setPath(ctx.state.data, issue.fix.remove, undefined);
            self.renderEditor();
          } } }));
      }
      entry.msg.appendChild(line);
    });
    ctx.fields.forEach(tie);
  };

  /* A field's controls described by its help, notes and message (those with words), and marked
   * invalid while it shows an error or a field to fill in (a warning leaves them valid), as the
   * workbench's sayAt does; each attribute written only when it changes. */
  function tie(entry) {
    var aria = entry.aria;
    if (!aria) return;
    var bad = entry.box.classList.contains("rf-has-error") || entry.box.classList.contains("rf-has-todo");
    var ids = aria.notes.filter(function (id) {
      var note = document.getElementById(id);
      return note && !note.hidden && note.textContent.trim();
    });
    if (entry.msg.textContent.trim()) ids.push(entry.msg.id);
    var described = ids.join(" ");
    aria.described.forEach(function (control) {
      if ((control.getAttribute("aria-describedby") || "") === described) return;
      if (described) control.setAttribute("aria-describedby", described);
      else control.removeAttribute("aria-describedby");
    });
    aria.invalid.forEach(function (control) {
      if (control.hasAttribute("aria-invalid") === bad) return;
      if (bad) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    });
  }

  App.prototype.showCriteria = function (byEvent) {
    var ctx = this.ctx;
    Object.keys(ctx.panels).forEach(function (pointer) {
      var panel = RF.clear(ctx.panels[pointer]);
      var index = RF.parsePointer(pointer)[1];
      var info = byEvent[index];
      if (!info) return;
      if (!info.category) {
        panel.appendChild(el("p", { class: "rf-help", text: "请选择申报类别：表单会列出该类别的标准和还差什么。" }));
        panel.className = "rf-criteria";
        return;
      }
      var head = "所申报类别：" + info.category + (info.clause ? "（条款 " + info.clause + "）" : "");
      if (!info.lacking.length && info.unfilled) {
        panel.className = "rf-criteria rf-criteria-lacking";
        panel.appendChild(el("p", {}, [el("strong", { text: head }), " — 已填写的内容符合该类别的标准，还有 " +
          info.unfilled + " 处待填写（见本项中标为“待填写”的栏目），填好后才能确定是否全部满足。"]));
        return;
      }
      if (!info.lacking.length) {
        panel.className = "rf-criteria rf-criteria-ok";
        panel.appendChild(el("p", {}, [el("strong", { text: head }), " — 已满足该类别的全部标准。"]));
        return;
      }
      panel.className = "rf-criteria rf-criteria-lacking";
      panel.appendChild(el("p", {}, [el("strong", { text: head }), " — 还差："]));
      panel.appendChild(el("ul", {}, info.lacking.map(function (l) {
        return el("li", { text: l.text + "（现为：" + l.now + "）" });
      })));
      if (info.clauseText) {
        var texts = {};
        texts[info.clause] = info.clauseText;
        panel.appendChild(RF.clauseDetails([info.clause], texts));
      }
    });
  };

  // What the check bar says while the comparison with the published reports is not done.
  var CROSS_SAID = {
    loading: "正在与已发布的报告对照，请稍候。",
    failed: "未能与已发布的报告对照（数据加载失败），" + CROSS_RETRY_MS / 1000 + " 秒后自动重试。",
  };

  // The same, in the few words the phone's one-line bar has room for.
  var CROSS_BRIEF = { loading: "正在与已发布的报告对照", failed: "未能与已发布的报告对照" };

  // What the keyboard reaches in the check bar, in order: the list's summary, its links, its buttons.
  var BAR_STOPS = ".rf-summary-note > summary, .rf-summary-list > summary, .rf-summary-list a, .rf-summary-list button";

  /* The bar is rebuilt on every check run: the keyboard's focus in it (the summary, or the n-th
   * link) stays where it was, not dropped onto the page. */
  App.prototype.showSummary = function (pairs) {
    var active = document.activeElement;
    var at = active && active !== this.summary && this.summary.contains(active)
      ? [].indexOf.call(this.summary.querySelectorAll(BAR_STOPS), active) : -1;
    this.buildSummary(pairs);
    if (at < 0) return;
    var stops = this.summary.querySelectorAll(BAR_STOPS);
    var again = stops[Math.min(at, stops.length - 1)];
    if (again) again.focus({ preventScroll: true });
  };

  App.prototype.buildSummary = function (pairs) {
    var self = this;
    var box = RF.clear(this.summary);
    var counts = { error: 0, todo: 0, warning: 0 };
    pairs.forEach(function (p) {
      counts[p[1].severity] = (counts[p[1].severity] || 0) + 1;
    });
    var ok = !counts.error && !counts.todo;
    // Until the published reports are compared, a report without other problems has not passed.
    var cross = CROSS_SAID[this.crossStatus] || "";
    // Nor has one the pull request's gate will refuse: a new report once submission has closed.
    var phase = this.phaseNow();
    var refused = phase && phase.refused;
    // The society may change after the start (typed over): the sentences above say the same.
    ["rf-phase", "rf-phase-output"].forEach(function (id) {
      var said = phase && document.getElementById(id);
      if (said && said.textContent !== phase.sentence) said.textContent = phase.sentence;
    });
    var warned = counts.warning ? "（另有 " + counts.warning + " 个警告" : "";
    box.className = "rf-summary " + (ok ? (cross || refused ? "rf-summary-wait" : "rf-summary-ok") : "rf-summary-issues");
    box.appendChild(el("p", { class: "rf-summary-head", text: ok && refused && !cross
      ? "表单没有发现必须修改的问题" + (warned && warned + "）") + "，但 " + this.state.year +
        (phase.fresh ? " 年度的填报已经截止，这份报告不能再提交"
          : phase.phase === "notice" ? " 年度的报告在公示期内只能为回应允许更正的异议修改，本学会现在没有这样的异议"
            : phase.phase === "verification" ? " 年度正在核查，报告的改动须由市科协管理员提交"
              : " 年度的报告已不能再修改") + "：见表单上方的说明。"
      : ok && !cross
        ? "检查通过：没有必须修改的问题" + (warned && warned + "，请逐项查看）") + "。" +
          (phase && phase.closed ? this.state.year + " 年度的填报已经截止：修改已发布的报告，须符合表单上方说明的条件。" : "") +
          "提交后系统还会做完整检查（如证明材料文件是否存在，与别的学会尚未合并的报告是否冲突）。"
        : ok ? "表单的其余检查没有发现问题" + (warned && warned + "）") + "；" + cross
          // A blank required field is an error to `check` (E-SCHEMA-MISSING): said so, lest
          // “0 个错误” read as ready to submit.
          : "检查结果：" + counts.error + " 个错误，" + counts.todo + " 处待填写" +
            (counts.todo ? "（必填，提交后算错误）" : "") + "，" + counts.warning + " 个警告。" +
            (cross ? "另外，" + cross : "") }));
    // On a phone the sentence above (two to five lines there) hid the field being typed into: the
    // folded bar is one line, these words and the list's summary (or 说明, which shows the
    // sentence); a screen reader still reads the sentence, never these (form.css).
    var tally = [[counts.error, " 个错误"], [counts.todo, " 处待填写"], [counts.warning, " 个警告"]]
      .filter(function (c) { return c[0]; }).map(function (c) { return c[0] + c[1]; }).join("，");
    box.insertBefore(el("p", { class: "rf-summary-brief", "aria-hidden": "true",
      text: !ok ? tally : CROSS_BRIEF[this.crossStatus] ||
        (refused ? "现在不能提交" : "检查通过" + (counts.warning ? "，" + tally : "")) }),
    box.firstChild);
    if (!pairs.length) {
      var note = el("details", { class: "rf-summary-note", open: this.noteOpen ? "" : null,
        on: { toggle: function () { self.noteOpen = note.open; } } }, [el("summary", { text: "说明" })]);
      box.appendChild(note);
      return;
    }
    // What must be fixed first, then what is to fill in, then the notes; within each, in the
    // page's order (a new society's profile stands above its report).
    pairs = pairs.map(function (p, n) { return [p, n]; }).sort(function (a, b) {
      return RANK[a[0][1].severity] - RANK[b[0][1].severity] ||
        (a[0][0] === self.profileCtx ? 0 : 1) - (b[0][0] === self.profileCtx ? 0 : 1) || a[1] - b[1];
    }).map(function (p) { return p[0]; });
    var details = el("details", { class: "rf-summary-list", open: this.summaryOpen ? "" : null,
      on: { toggle: function () {
        self.summaryOpen = details.open;
        // Asking for the list is asking to see every problem at its field too.
        // (The checks rebuild the bar; showSummary keeps the keyboard's focus on the summary.)
        if (details.open && !self.state.showAll) {
          self.state.showAll = true;
          self.validateNow();
        }
        if (details.open && NARROW.matches) self.placeList();
        else list.style.maxHeight = "";
      } } },
      [el("summary", { text: "逐项查看（" + pairs.length + "）" })]);
    var list = el("ul", { on: { scroll: function () {
      if (details.open && NARROW.matches) self.listTop = list.scrollTop;
    } } });
    var keys = pairs.map(function (p) {
      return (p[0] === self.profileCtx ? "profile" : "report") + RF.pointer(p[1].path) + "\n" +
        (p[1].code || "") + "\n" + String(p[1].message);
    });
    pairs.forEach(function (p, n) {
      var ctx = p[0];
      var issue = p[1];
      var where = self.where(ctx, issue.path) || "文件";
      var item = el("li", { class: "rf-" + issue.severity, "data-key": keys[n] }, [
        el("a", { href: "#", text: where, on: { click: function (e) {
          e.preventDefault();
          // To the field, with the keyboard's focus in it (not just scrolled into view).
          var path = issue.path.slice();
          while (path.length && !ctx.fields.get(RF.pointer(path))) path.pop();
          if (!path.length) return;
          if (NARROW.matches) {
            // On a phone the list folds whatever takes the focus (an empty list's box too), and
            // opens again at the problem after this one (placeList).
            self.followed = { at: keys[n], next: n + 1 < keys.length ? keys[n + 1] : null };
            if (details.open) {
              self.summaryOpen = false;
              details.open = false;
              self.clearNow();
            }
          }
          self.focus(RF.pointer(path), ctx);
        } } }),
        "：",
      ].concat(RF.withDates(issue.message)));
      if (!issue.placed && issue.fix && issue.fix.remove) {
        item.appendChild(el("button", { type: "button", class: "rf-small", text: "删除此字段",
          on: { click: function () {
            RF.setPath(ctx.state.data, issue.fix.remove, undefined);
            self.renderEditor();
          } } }));
      }
      list.appendChild(item);
    });
    details.appendChild(list);
    box.appendChild(details);
    // Rebuilt by every check: on a phone the open list stays where it was scrolled to.
    if (details.open && NARROW.matches) {
      list.scrollTop = this.listTop || 0;
      this.fitList(list);
    }
  };

  /* On a phone the open list shows whole problems: its window, at most what form.css allows,
   * ends below the last problem that fits whole from the one at its top (the last one shown was
   * cut mid-sentence). */
  App.prototype.fitList = function (list) {
    list.style.maxHeight = "";
    var cap = list.clientHeight;
    if (list.scrollHeight <= cap + 1) return;
    var style = getComputedStyle(list);
    var top = list.getBoundingClientRect().top + list.clientTop;
    var li = list.firstElementChild;
    while (li && li.getBoundingClientRect().bottom <= top + 0.5) li = li.nextElementSibling;  // scrolled past
    if (!li) return;
    // The problem cut at the top is shown from its first line.
    list.scrollTop += li.getBoundingClientRect().top - top;
    var end = 0;
    for (; li; li = li.nextElementSibling) {
      var r = li.getBoundingClientRect();
      if (r.bottom - top > cap) break;
      end = r.bottom - top;
    }
    if (!end) return;  // one problem longer than the window: it scrolls
    if (style.boxSizing !== "border-box") end -= parseFloat(style.paddingTop) || 0;
    list.style.maxHeight = Math.ceil(end) + "px";
  };

  /* On a phone the list, reopened after one of its links was followed (which folded it), shows
   * the problem after that one at the top of its window, or that one when it is the last; when
   * the list holds neither any more, or none was followed, it is where it was scrolled to. */
  App.prototype.placeList = function () {
    var list = this.summary.querySelector(".rf-summary-list[open] > ul");
    if (!list) return;
    var followed = this.followed;
    this.followed = null;
    var find = function (key) {
      if (key == null) return null;
      for (var li = list.firstElementChild; li; li = li.nextElementSibling) if (li.dataset.key === key) return li;
      return null;
    };
    var item = followed && (find(followed.next) || find(followed.at));
    if (item) {
      list.scrollTop += item.getBoundingClientRect().top - list.getBoundingClientRect().top - list.clientTop;
    } else {
      list.scrollTop = this.listTop || 0;
    }
    this.listTop = list.scrollTop;
    this.fitList(list);
  };

  /* ---- mount ----------------------------------------------------------------------------- */

  RF.mount = function () {
    var node = document.getElementById("report-form");
    if (!node || node.dataset.mounted) return;
    node.dataset.mounted = "1";
    if (RF.stored("rf-show-keys")) node.classList.add("rf-show-keys");
    new App(node).start();
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", RF.mount);
  else RF.mount();
  // Material's instant navigation swaps the page without reloading the scripts.
  if (window.document$ && typeof window.document$.subscribe === "function" && !RF.subscribed) {
    RF.subscribed = true;
    window.document$.subscribe(function () {
      RF.mount();
    });
  }
})();
