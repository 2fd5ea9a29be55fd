/* Report form: the page. Start modes (empty, copy of last year, a YAML file), live checks,
 * and the output (download, copy, GitHub's web editor). Nothing leaves the browser. */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var el = RF.el;
  var NUMERALS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
  var SUBMISSION_MODELINE = "yaml-language-server: $schema=../../schema/submission.schema.json";
  var SOCIETY_MODELINE = "yaml-language-server: $schema=../../schema/society.schema.json";

  function App(node) {
    this.node = node;
    this.base = node.dataset.base || "./";
    this.schemas = {};
    this.guides = {};
    this.validators = {};
    this.reports = {};
    this.state = null;
    this.timer = null;
  }

  App.prototype.url = function (name) {
    return this.base + name;
  };

  App.prototype.start = function () {
    var self = this;
    // Nothing is stored anywhere: warn before the page is closed with unsaved input.
    window.addEventListener("beforeunload", function (e) {
      if (!self.unsaved || !document.body.contains(self.node)) return;
      e.preventDefault();
      e.returnValue = "";
    });
    RF.clear(this.node);
    this.node.appendChild(el("p", { class: "rf-loading", text: "正在加载表单……" }));
    Promise.all([RF.fetchJson(this.url("config.json")), RF.fetchJson(this.url("labels.json"))])
      .then(function (loaded) {
        self.config = loaded[0];
        self.labels = loaded[1];
        self.renderStart();
      })
      .catch(function (err) {
        RF.clear(self.node);
        self.node.appendChild(el("p", { class: "rf-error", text: "表单数据加载失败：" + err.message }));
      });
  };

  App.prototype.society = function (id) {
    return (this.config.societies || []).filter(function (s) {
      return s.id === id;
    })[0] || null;
  };

  App.prototype.loadYear = function (year) {
    var self = this;
    if (this.validators[year]) return Promise.resolve();
    return Promise.all([
      RF.fetchJson(this.url("schema-" + year + ".json")),
      RF.fetchJson(this.url("guide-" + year + ".json")),
      this.societySchema ? Promise.resolve(this.societySchema) : RF.fetchJson(this.url("schema-society.json")),
    ]).then(function (loaded) {
      self.schemas[year] = loaded[0];
      self.guides[year] = loaded[1];
      self.societySchema = loaded[2];
      self.validators[year] = RF.compile(loaded[0]);
      if (!self.societyValidator) self.societyValidator = RF.compile(loaded[2]);
    });
  };

  App.prototype.loadReports = function (id) {
    var self = this;
    if (this.reports[id]) return Promise.resolve(this.reports[id]);
    return RF.fetchJson(this.url("reports/" + encodeURIComponent(id) + ".json")).then(function (data) {
      self.reports[id] = data;
      return data;
    });
  };

  /* ---- start panel ---------------------------------------------------------------------- */

  function yearSelect(years, selected, id) {
    return el("select", { class: "rf-input rf-select", id: id }, years.map(function (y) {
      return el("option", { value: String(y), text: y + " 年度", selected: y === selected });
    }));
  }

  App.prototype.renderStart = function () {
    var self = this;
    var cfg = this.config;
    var years = cfg.years;
    var latest = years[years.length - 1];
    RF.clear(this.node);
    var startBox = el("div", { class: "rf-start" });
    this.node.appendChild(startBox);
    this.editor = el("div", { class: "rf-editor" });
    this.node.appendChild(this.editor);

    // 1. empty
    var ids = el("datalist", { id: "rf-society-ids" }, cfg.societies.map(function (s) {
      return el("option", { value: s.id, label: s.name });
    }));
    var newId = el("input", { type: "text", class: "rf-input", id: "rf-new-society", list: "rf-society-ids",
      placeholder: "如 cd-mech-eng", autocomplete: "off" });
    var newYear = yearSelect(years, latest, "rf-new-year");
    var newMsg = el("div", { class: "rf-msg" });
    var empty = el("section", { class: "rf-mode" }, [
      el("h3", { text: "新建空白报告" }),
      el("p", { class: "rf-help", text: "已有学会请填写本学会的 id；新学会请自拟一个 id（小写英文字母、数字和连字符），并在下方一并填写学会资料。" }),
      el("label", { class: "rf-label", for: "rf-new-society", text: "学会 id" }), newId, ids,
      el("label", { class: "rf-label", for: "rf-new-year", text: "填报年度" }), newYear,
      el("div", {}, [el("button", { type: "button", class: "rf-button", id: "rf-start-empty", text: "新建",
        on: { click: function () {
          var id = newId.value.trim();
          RF.clear(newMsg);
          if (!new RegExp(self.labels.slug_pattern).test(id)) {
            newMsg.appendChild(el("p", { class: "rf-error", text: "学会 id 只能用小写英文字母、数字和单个连字符，如 cd-mech-eng。" }));
            return;
          }
          self.begin({ society: id, year: Number(newYear.value) }, Number(newYear.value), {
            note: self.society(id) ? "已新建 " + id + " 的 " + newYear.value + " 年度空白报告。"
              : "已新建空白报告。" + id + " 是新学会：请同时填写下方的学会资料（society.yaml）。",
          });
        } } })]),
      newMsg,
    ]);

    // 2. copy of last year
    var withReports = cfg.societies.filter(function (s) {
      return s.years.length;
    });
    var copySociety = el("select", { class: "rf-input rf-select", id: "rf-copy-society" },
      [el("option", { value: "", text: "请选择学会" })].concat(withReports.map(function (s) {
        return el("option", { value: s.id, text: s.name + "（" + s.id + "）" });
      })));
    var copyFrom = el("select", { class: "rf-input rf-select", id: "rf-copy-from" });
    var copyTo = yearSelect(years, latest, "rf-copy-to");
    var copyMsg = el("div", { class: "rf-msg" });
    copySociety.addEventListener("change", function () {
      var s = self.society(copySociety.value);
      RF.clear(copyFrom);
      if (!s) return;
      s.years.slice().reverse().forEach(function (y) {
        copyFrom.appendChild(el("option", { value: String(y), text: y + " 年度" }));
      });
      var last = s.years[s.years.length - 1];
      var target = years.indexOf(last + 1) !== -1 ? last + 1 : latest;
      copyTo.value = String(target);
    });
    var copy = el("section", { class: "rf-mode" }, [
      el("h3", { text: "以上一年度的报告为底稿" }),
      el("p", { class: "rf-help", text: "复制本学会已发布的报告，年度改为新的年度；沿用的日期会标出，提醒逐项更新。" }),
      el("label", { class: "rf-label", for: "rf-copy-society", text: "学会" }), copySociety,
      el("label", { class: "rf-label", for: "rf-copy-from", text: "底稿（已发布的报告）" }), copyFrom,
      el("label", { class: "rf-label", for: "rf-copy-to", text: "填报年度" }), copyTo,
      el("div", {}, [el("button", { type: "button", class: "rf-button", id: "rf-start-copy", text: "复制为底稿",
        on: { click: function () {
          RF.clear(copyMsg);
          if (!copySociety.value || !copyFrom.value) {
            copyMsg.appendChild(el("p", { class: "rf-error", text: "请先选择学会和底稿年度。" }));
            return;
          }
          self.copyLastYear(copySociety.value, Number(copyFrom.value), Number(copyTo.value), copyMsg);
        } } })]),
      copyMsg,
    ]);

    // 3. a YAML file
    var fileInput = el("input", { type: "file", id: "rf-file", class: "rf-hidden-input", accept: ".yaml,.yml,text/yaml,text/plain" });
    var fileMsg = el("div", { class: "rf-msg", id: "rf-file-errors", "aria-live": "polite" });
    var drop = el("div", { class: "rf-drop" }, [
      el("p", { text: "把 YAML 文件拖到这里，或" }),
      el("label", { class: "rf-button rf-file-label", for: "rf-file", text: "选择文件" }),
      fileInput,
    ]);
    var readFile = function (file) {
      RF.clear(fileMsg);
      if (!file) return;
      if (file.size > 1048576) {
        fileMsg.appendChild(el("p", { class: "rf-error", text: "文件超过 1 MB，不像是学会年度报告：请检查是否选错了文件。" }));
        return;
      }
      file.text().then(function (text) {
        self.importYaml(text, file.name, fileMsg);
      });
    };
    fileInput.addEventListener("change", function () {
      readFile(fileInput.files[0]);
      fileInput.value = "";
    });
    drop.addEventListener("dragover", function (e) {
      e.preventDefault();
      drop.classList.add("rf-drop-over");
    });
    drop.addEventListener("dragleave", function () {
      drop.classList.remove("rf-drop-over");
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("rf-drop-over");
      readFile(e.dataTransfer.files[0]);
    });
    var fileMode = el("section", { class: "rf-mode" }, [
      el("h3", { text: "导入 YAML 文件" }),
      el("p", { class: "rf-help", text: "继续填写保存过的文件，或检查手工编写的文件。文件只在本机读取，不会上传。" }),
      drop,
      fileMsg,
    ]);

    startBox.appendChild(el("h2", { text: "第一步：选择开始方式" }));
    startBox.appendChild(el("div", { class: "rf-modes" }, [empty, copy, fileMode]));
  };

  /* ---- start modes ---------------------------------------------------------------------- */

  App.prototype.copyLastYear = function (id, from, to, msgBox) {
    var self = this;
    Promise.all([this.loadReports(id), this.loadYear(to)]).then(function (loaded) {
      var source = loaded[0].reports[String(from)];
      if (!source) throw new Error("找不到 " + id + " 的 " + from + " 年度报告");
      var data = RF.clone(source);
      var schema = self.schemas[to];
      normalise(data, schema);
      data.year = to;
      var flagged = new WeakMap();
      var s = self.society(id);
      var notes = [];
      if (from === to) {
        notes.push("已载入 " + (s ? s.name : id) + " 已发布的 " + from + " 年度报告，可以修改后重新提交。");
      } else {
        var count = flagDates(data, schema, self.labels.kept_dates, flagged);
        notes.push("已把 " + (s ? s.name : id) + " 的 " + from + " 年度报告复制为 " + to + " 年度的底稿。");
        if (count) {
          notes.push("黄色标出的 " + count + " 个日期沿用自 " + from + " 年度，请逐项改为本年度的实际日期；本年度没有开展的项目请删除。");
        }
        notes.push("服务站和联合体的编号和成立日期保持不变：同一服务站、联合体只在成立当年计为新建。");
      }
      if (from !== to && (s ? s.years : []).indexOf(to) !== -1) {
        notes.push("注意：本学会 " + to + " 年度的报告已经发布，提交时将替换已发布的文件。");
      }
      self.begin(data, to, { note: notes.join(""), flagged: flagged, source: { society: id, year: from } });
    }).catch(function (err) {
      msgBox.appendChild(el("p", { class: "rf-error", text: "无法载入底稿：" + err.message }));
    });
  };

  App.prototype.importYaml = function (text, name, msgBox) {
    var parsed = RF.parseYaml(text);
    if (parsed.error) {
      var e = parsed.error;
      msgBox.appendChild(el("p", { class: "rf-error rf-yaml-error", text: name + "：" + e.message }));
      if (e.reason) msgBox.appendChild(el("p", { class: "rf-help", text: "解析器原文：" + e.reason }));
      if (e.snippet) msgBox.appendChild(el("pre", { class: "rf-snippet", text: e.snippet }));
      return;
    }
    var data = parsed.data;
    var years = this.config.years;
    var year = years.indexOf(data.year) !== -1 ? data.year : years[years.length - 1];
    var note = "已导入 " + name + "。";
    if (years.indexOf(data.year) === -1) {
      note += "文件中的年度（" + String(data.year) + "）没有对应的指南，暂按 " + year + " 年度检查。";
    }
    var self = this;
    this.loadYear(year).then(function () {
      normalise(data, self.schemas[year]);
      self.begin(data, year, { note: note, imported: true });
      msgBox.appendChild(el("p", { class: "rf-ok", text: note + "问题已在下方逐项标出。" }));
    });
  };

  /* Enumeration codes (host) become the labels (主办) the site shows and the form writes. */
  function normalise(data, root) {
    RF.walk(data, root, root, [], function (path, value, key, schema, parent) {
      var labels = schema["x-labels"];
      if (labels && typeof value === "string" && RF.own(labels, value)) {
        parent[path[path.length - 1]] = labels[value];
      }
    });
  }

  /* Mark every date copied from last year, except the kept ones (a station's establishment). */
  function flagDates(data, root, kept, flagged) {
    var count = 0;
    RF.walk(data, root, root, [], function (path, value, key, schema, parent) {
      var prop = path[path.length - 1];
      if (schema.format !== "date" || kept.indexOf(prop) !== -1 || !RF.isObject(parent)) return;
      if (!flagged.has(parent)) flagged.set(parent, new Set());
      flagged.get(parent).add(prop);
      count++;
    });
    return count;
  }

  App.prototype.begin = function (data, year, options) {
    var self = this;
    options = options || {};
    this.loadYear(year).then(function () {
      self.state = {
        data: data,
        year: year,
        profile: { id: data.society, maintainers: [] },
        flagged: options.flagged || new WeakMap(),
        note: options.note || "",
      };
      self.renderEditor();
      var top = self.editor.querySelector("h2");
      if (top && top.scrollIntoView) top.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  };

  /* ---- the editor ----------------------------------------------------------------------- */

  App.prototype.isNewSociety = function () {
    return !this.society(this.state.data.society);
  };

  App.prototype.renderEditor = function (focusPointer) {
    var self = this;
    var st = this.state;
    var year = st.year;
    var root = this.schemas[year];
    var guide = this.guides[year];
    var scrollY = window.scrollY;
    RF.clear(this.editor);
    this.editor.appendChild(el("h2", { text: "第二步：填写 " + year + " 年度报告" }));
    if (st.note) this.editor.appendChild(el("p", { class: "rf-note", text: st.note }));
    this.editor.appendChild(el("p", { class: "rf-help", text: guide.title + "。本年度评估期：" + guide.window.label + "。" }));

    this.summary = el("div", { class: "rf-summary", "aria-live": "polite" });
    this.editor.appendChild(this.summary);

    var ctx = {
      root: root,
      rootDef: "YearReport",
      state: st,
      labels: this.labels,
      guide: guide,
      flagged: st.flagged,
      onInput: function (path) {
        self.changed(path);
      },
      rerender: function (pointer) {
        self.renderEditor(pointer);
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
    var yearSel = yearSelect(this.config.years, year, "rf-year");
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
      var numeral = NUMERALS[Number(area.id)] || area.id;
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

    this.renderOutput();
    this.validateNow();
    if (focusPointer != null) {
      window.scrollTo(0, scrollY);
      this.focus(focusPointer);
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
        self.renderEditor(pointer);
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

  App.prototype.focus = function (pointer) {
    var entry = this.ctx.fields.get(pointer);
    if (!entry) return;
    var target = entry.box.querySelector("input:not([type=hidden]), select, textarea");
    if (entry.box.scrollIntoView) entry.box.scrollIntoView({ block: "center" });
    if (target) target.focus({ preventScroll: true });
  };

  App.prototype.changed = function (path) {
    this.unsaved = true;
    this.ctx.refreshers.forEach(function (f) {
      f();
    });
    if (path[0] === "society" && (this.profileCtx === null) === this.isNewSociety()) {
      this.renderEditor(RF.pointer(path));
      return;
    }
    this.schedule();
  };

  App.prototype.schedule = function () {
    var self = this;
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

  App.prototype.where = function (ctx, path) {
    var labels = this.labels;
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
      slugPattern: this.labels.slug_pattern,
      defAt: function (path) {
        return self.defAt(ctx.root, ctx.rootDef, path);
      },
      fieldLabel: function (def, prop) {
        return self.labels.fields[def + "." + prop] || self.labels.fields[prop] || prop;
      },
    });
    return issues;
  };

  App.prototype.validateNow = function () {
    clearTimeout(this.timer);
    var st = this.state;
    var ctx = this.ctx;
    var root = this.schemas[st.year];
    var issues = this.issuesFor(ctx, this.validators[st.year], st.data)
      .concat(RF.guideIssues(st.data, root, ctx.guide, this.labels));
    var profileIssues = [];
    if (this.profileCtx) {
      st.profile.id = st.data.society;
      profileIssues = this.issuesFor(this.profileCtx, this.societyValidator, st.profile);
    }
    this.place(ctx, issues);
    if (this.profileCtx) this.place(this.profileCtx, profileIssues);
    this.showCriteria(RF.criteriaByEvent(st.data, root, issues, ctx.guide, this.labels));
    this.showSummary(issues.map(function (i) { return [ctx, i]; })
      .concat(profileIssues.map(function (i) { return [this.profileCtx, i]; }, this)));
    this.updateOutput(issues.concat(profileIssues));
  };

  App.prototype.place = function (ctx, issues) {
    var self = this;
    ctx.fields.forEach(function (entry, pointer) {
      if (pointer !== "") RF.clear(entry.msg);
      entry.box.classList.remove("rf-has-error", "rf-has-todo");
    });
    issues.forEach(function (issue) {
      var path = issue.path.slice();
      var entry = null;
      while (true) {
        entry = ctx.fields.get(RF.pointer(path));
        if (entry || !path.length) break;
        path.pop();
      }
      issue.placed = !!(entry && RF.pointer(path) !== "");
      if (!issue.placed) return;
      var line = el("p", { class: "rf-" + issue.severity, text: issue.message });
      if (issue.fix && issue.fix.remove) {
        line.appendChild(el("button", { type: "button", class: "rf-small", text: "删除此字段",
          on: { click: function () {
            RF.setPath(ctx.state.data, issue.fix.remove, undefined);
            self.renderEditor();
          } } }));
      }
      entry.msg.appendChild(line);
      entry.box.classList.add(issue.severity === "todo" ? "rf-has-todo" : "rf-has-error");
    });
  };

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

  App.prototype.showSummary = function (pairs) {
    var self = this;
    var box = RF.clear(this.summary);
    var counts = { error: 0, todo: 0, warning: 0 };
    pairs.forEach(function (p) {
      counts[p[1].severity] = (counts[p[1].severity] || 0) + 1;
    });
    var ok = !counts.error && !counts.todo;
    box.className = "rf-summary " + (ok ? "rf-summary-ok" : "rf-summary-issues");
    box.appendChild(el("p", { class: "rf-summary-head", text: ok
      ? "检查通过：表单没有发现问题" + (counts.warning ? "（另有 " + counts.warning + " 条提示）" : "") + "。提交后系统还会做完整检查（如证明材料文件是否存在）。"
      : "检查结果：" + counts.error + " 处错误，" + counts.todo + " 处待填写，" + counts.warning + " 条提示。" }));
    if (!pairs.length) return;
    var details = el("details", { class: "rf-summary-list", open: pairs.length <= 12 ? "" : null },
      [el("summary", { text: "逐项查看" })]);
    var list = el("ul");
    pairs.forEach(function (p) {
      var ctx = p[0];
      var issue = p[1];
      var where = self.where(ctx, issue.path) || "文件";
      var item = el("li", { class: "rf-" + issue.severity }, [
        el("a", { href: "#", text: where, on: { click: function (e) {
          e.preventDefault();
          var path = issue.path.slice();
          while (path.length && !ctx.fields.get(RF.pointer(path))) path.pop();
          var entry = ctx.fields.get(RF.pointer(path));
          if (entry && entry.box.scrollIntoView) entry.box.scrollIntoView({ block: "center" });
        } } }),
        "：" + issue.message,
      ]);
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
  };

  /* ---- output ---------------------------------------------------------------------------- */

  App.prototype.sectionTitles = function () {
    var titles = {};
    this.ctx.guide.areas.forEach(function (a) {
      titles[a.key] = (NUMERALS[Number(a.id)] || a.id) + "、" + a.title;
    });
    return titles;
  };

  App.prototype.reportYaml = function () {
    var st = this.state;
    var root = this.schemas[st.year];
    var s = this.society(st.data.society);
    var name = s ? s.name : (this.profileCtx && st.profile.name) || "";
    var header = [
      SUBMISSION_MODELINE,
      (name ? name + "（" + (st.data.society || "") + "）" : "学会 " + (st.data.society || "")) + " " + st.data.year + " 年度工作报告。",
      "由网站“在线填报”页面生成；提交后系统会自动检查，并用中文说明需要修改的地方。",
    ];
    return RF.dumpYaml(RF.outputTree(st.data, root, root) || {}, header, this.sectionTitles());
  };

  App.prototype.profileYaml = function () {
    var st = this.state;
    var schema = this.societySchema;
    var header = [SOCIETY_MODELINE, "学会资料：由网站“在线填报”页面生成。"];
    return RF.dumpYaml(RF.outputTree(st.profile, schema, schema) || {}, header, {});
  };

  App.prototype.renderOutput = function () {
    var self = this;
    var out = el("section", { class: "rf-output", id: "rf-output" }, [el("h2", { text: "第三步：生成文件并提交" })]);
    this.outputs = [];
    var files = [{ kind: "report", title: "年度报告" }];
    if (this.profileCtx) files.unshift({ kind: "profile", title: "学会资料 society.yaml" });
    files.forEach(function (f) {
      var area = el("textarea", { class: "rf-yaml", id: "rf-yaml-" + f.kind, readonly: "readonly", rows: 16, spellcheck: "false" });
      var name = el("code");
      var status = el("span", { class: "rf-copied", "aria-live": "polite" });
      var github = el("div", { class: "rf-github" });
      var download = el("button", { type: "button", class: "rf-button", id: "rf-download-" + f.kind, text: "下载文件",
        on: { click: function () {
          self.unsaved = false;
          var blob = new Blob([area.value], { type: "text/yaml;charset=utf-8" });
          var link = el("a", { href: URL.createObjectURL(blob), download: f.fileName });
          document.body.appendChild(link);
          link.click();
          setTimeout(function () {
            URL.revokeObjectURL(link.href);
            link.remove();
          }, 1000);
        } } });
      var copy = el("button", { type: "button", class: "rf-button", id: "rf-copy-" + f.kind, text: "复制全文",
        on: { click: function () {
          var done = function () {
            self.unsaved = false;
            status.textContent = "已复制。";
          };
          if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(area.value).then(done, function () {
              area.select();
              document.execCommand("copy");
              done();
            });
          } else {
            area.select();
            document.execCommand("copy");
            done();
          }
        } } });
      out.appendChild(el("div", { class: "rf-file" }, [
        el("h3", {}, [f.title + "：", name]),
        area,
        el("div", { class: "rf-actions" }, [download, copy, status]),
        github,
      ]));
      self.outputs.push({ kind: f.kind, area: area, name: name, github: github, file: f });
    });
    this.editor.appendChild(out);
  };

  App.prototype.updateOutput = function (issues) {
    var self = this;
    var st = this.state;
    var cfg = this.config;
    var id = st.data.society || "<学会id>";
    var existing = this.society(st.data.society);
    var blocking = issues.filter(function (i) { return i.severity !== "warning"; }).length;
    this.outputs.forEach(function (o) {
      var text = o.kind === "report" ? self.reportYaml() : self.profileYaml();
      var fileName = o.kind === "report" ? st.data.year + ".yaml" : "society.yaml";
      var path = "submissions/" + id + "/" + fileName;
      o.file.fileName = fileName;
      o.area.value = text;
      o.name.textContent = path;
      var gh = RF.clear(o.github);
      if (blocking) {
        gh.appendChild(el("p", { class: "rf-help", text: "表单还有 " + blocking + " 处问题：可以先下载保存，改好后再提交（导入文件即可继续填写）。" }));
      }
      if (!cfg.repo_url) {
        gh.appendChild(el("p", { class: "rf-help", text: "请把下载的文件交给市科协或本学会的仓库维护人提交。" }));
        return;
      }
      var folder = cfg.repo_url + "/tree/" + cfg.branch + "/submissions/" + encodeURIComponent(id);
      var published = o.kind === "report" ? existing && existing.years.indexOf(st.data.year) !== -1 : !!existing;
      if (published) {
        var edit = cfg.repo_url + "/edit/" + cfg.branch + "/submissions/" + encodeURIComponent(id) + "/" + fileName;
        gh.appendChild(el("p", {}, ["这个文件已经发布过。要修改它：打开 ",
          el("a", { href: edit, target: "_blank", rel: "noopener", text: "GitHub 上的编辑页面" }),
          "，把全部内容替换为上面的文本，再点 Commit changes 并按提示创建拉取请求。"]));
        return;
      }
      var url = cfg.repo_url + "/new/" + cfg.branch + "?filename=" + encodeURIComponent(path).replace(/%2F/g, "/") +
        "&value=" + encodeURIComponent(text);
      if (url.length <= cfg.url_limit) {
        gh.appendChild(el("a", { class: "rf-button rf-primary", id: "rf-github-" + o.kind, href: url, target: "_blank", rel: "noopener",
          text: "在 GitHub 上新建这个文件" }));
        gh.appendChild(el("p", { class: "rf-help", text: "GitHub 会打开网页编辑器，文件名和内容已经填好：点 Commit changes，按提示创建拉取请求（没有写权限时 GitHub 会自动建立副本）。" }));
      } else {
        var upload = cfg.repo_url + "/upload/" + cfg.branch + "/submissions" + (existing ? "/" + encodeURIComponent(id) : "");
        gh.appendChild(el("div", { class: "rf-upload", id: "rf-upload-" + o.kind }, [
          el("p", { text: "内容较长（链接约 " + url.length + " 个字符，超过 " + cfg.url_limit + "），不能通过链接直接带到 GitHub。请改用上传：" }),
          el("ol", {}, [
            el("li", { text: "点“下载文件”，保存为 " + fileName + "。" }),
            el("li", {}, existing ? ["打开 ", el("a", { href: upload, target: "_blank", rel: "noopener", text: "上传页面" }),
              "（即仓库中 submissions/" + id + "/ 文件夹的 Add file → Upload files）。"]
              : ["新建名为 " + id + " 的文件夹，把下载的文件放进去；打开 ", el("a", { href: upload, target: "_blank", rel: "noopener", text: "上传页面" }),
                "（submissions/ 文件夹的 Add file → Upload files），把整个文件夹拖进去。"]),
            el("li", { text: "在页面下方选择“Create a new branch … and start a pull request”，点 Commit changes。" }),
          ]),
          el("p", { class: "rf-help" }, ["也可以先打开 ", el("a", { href: folder, target: "_blank", rel: "noopener", text: "本学会的文件夹" }), " 查看已有文件。"]),
        ]));
      }
      if (o.kind === "profile") {
        gh.appendChild(el("p", { class: "rf-help", text: "新学会请先提交 society.yaml，合并后再提交年度报告；或者用上传方式把两个文件放在同一个文件夹里一次提交。" }));
      }
    });
  };

  /* ---- mount ----------------------------------------------------------------------------- */

  RF.mount = function () {
    var node = document.getElementById("report-form");
    if (!node || node.dataset.mounted) return;
    node.dataset.mounted = "1";
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
