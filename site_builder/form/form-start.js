/* Report form: the start panel and its three ways in (an empty report, a copy of a published
 * report, a YAML file). */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var el = RF.el;
  var P = (RF.appMethods = RF.appMethods || {});

  /* ---- start panel ---------------------------------------------------------------------- */

  RF.yearSelect = function (years, selected, id) {
    return el("select", { class: "rf-input rf-select", id: id }, years.map(function (y) {
      return el("option", { value: String(y), text: y + " 年度", selected: y === selected });
    }));
  };

  P.renderStart = function () {
    var self = this;
    var cfg = this.config;
    var years = cfg.years;
    var latest = years[years.length - 1];
    RF.clear(this.node);
    var startBox = el("div", { class: "rf-start" });
    this.node.appendChild(startBox);
    this.editor = el("div", { class: "rf-editor" });
    this.node.appendChild(this.editor);

    // 1. empty: the society is chosen from the registered list; a new one proposes its id
    var NEW = "__new__";
    var choice = el("select", { class: "rf-input rf-select", id: "rf-new-choice" },
      [el("option", { value: "", text: "请选择本学会" })].concat(cfg.societies.map(function (s) {
        return el("option", { value: s.id, text: s.name });
      }), [el("option", { value: NEW, text: "新学会（尚未在本站登记）" })]));
    var newId = el("input", { type: "text", class: "rf-input", id: "rf-new-society",
      placeholder: "如 cd-mech-eng", autocomplete: "off", "aria-describedby": "rf-new-id-help" });
    var newIdBox = el("div", { class: "rf-new-id", hidden: "hidden" }, [
      el("label", { class: "rf-label", for: "rf-new-society", text: "新学会的编号（学会 id）" }), newId,
      el("p", { class: "rf-help", id: "rf-new-id-help", text: "学会 id 就是学会在本仓库中的文件夹名：" +
        "以 cd- 开头，接学会英文名称或学科的简写，只用小写英文字母、数字和连字符，" +
        "如成都市机械工程学会为 cd-mech-eng。市科协审核时会确认或帮您改定。" }),
    ]);
    choice.addEventListener("change", function () {
      newIdBox.hidden = choice.value !== NEW;
      if (choice.value === NEW) newId.focus();
    });
    var newYear = RF.yearSelect(years, latest, "rf-new-year");
    var newMsg = el("div", { class: "rf-msg", "aria-live": "polite" });
    var empty = el("section", { class: "rf-mode" }, [
      el("h3", { text: "新建空白报告" }),
      el("p", { class: "rf-help", text: "从已登记的学会中选择本学会；还没有登记的新学会选最后一项，并在下方一并填写学会资料。" }),
      el("label", { class: "rf-label", for: "rf-new-choice", text: "学会" }), choice, newIdBox,
      el("label", { class: "rf-label", for: "rf-new-year", text: "填报年度" }), newYear,
      el("div", {}, [el("button", { type: "button", class: "rf-button", id: "rf-start-empty", text: "新建",
        on: { click: function () {
          var id = choice.value === NEW ? newId.value.trim() : choice.value;
          RF.clear(newMsg);
          if (!choice.value) {
            newMsg.appendChild(el("p", { class: "rf-error", text: "请先选择本学会；新学会请选“新学会”并填写拟用的学会 id。" }));
            return;
          }
          if (!id) {
            newMsg.appendChild(el("p", { class: "rf-error", text: "请填写新学会拟用的学会 id，如 cd-mech-eng。" }));
            return;
          }
          if (!new RegExp(self.labels.slug_pattern).test(id)) {
            newMsg.appendChild(el("p", { class: "rf-error", text: "学会 id 只能用小写英文字母、数字和单个连字符，如 cd-mech-eng。" }));
            return;
          }
          self.begin({ society: id, year: Number(newYear.value) }, Number(newYear.value), {
            note: self.society(id) ? "已新建 " + self.society(id).name + " 的 " + newYear.value + " 年度空白报告。"
              : "已新建空白报告。" + id + " 是新学会：请同时填写下方的学会资料。",
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
    var copyTo = RF.yearSelect(years, latest, "rf-copy-to");
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

    // 3. a YAML file or a workbook
    var fileInput = el("input", { type: "file", id: "rf-file", class: "rf-hidden-input",
      accept: ".yaml,.yml,.xlsx,text/yaml,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    var fileMsg = el("div", { class: "rf-msg", id: "rf-file-errors", "aria-live": "polite" });
    var drop = el("div", { class: "rf-drop" }, [
      el("p", { text: "把 YAML 文件或 Excel/WPS 工作簿（.xlsx）拖到这里，或" }),
      el("label", { class: "rf-button rf-file-label", for: "rf-file", text: "选择文件" }),
      fileInput,
    ]);
    var readFile = function (file) {
      RF.clear(fileMsg);
      if (!file) return;
      if (/\.xlsx$/i.test(file.name)) {
        if (file.size > self.config.workbook.max_bytes) {
          fileMsg.appendChild(el("p", { class: "rf-error", text: "工作簿超过 " + self.config.workbook.max_bytes / 1e6 + " MB：请删除图片等无关内容后再试。" }));
          return;
        }
        file.arrayBuffer().then(function (buffer) {
          self.importWorkbook(buffer, file.name, fileMsg);
        });
        return;
      }
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
    var blanks = el("p", { class: "rf-help" }, ["在 Excel 或 WPS 中填写：下载空白工作簿（"].concat(
      this.config.years.slice().reverse().map(function (y, i) {
        return el("span", {}, [i ? "、" : "", el("a", { href: self.base + y + "-blank.xlsx", download: y + "年度学会工作报告.xlsx",
          class: "rf-blank-workbook", text: y + " 年度" })]);
      }), ["），填好后拖到上面。"]));
    var fileMode = el("section", { class: "rf-mode" }, [
      el("h3", { text: "导入文件" }),
      el("p", { class: "rf-help", text: "继续填写保存过的 YAML 文件，或导入在 Excel、WPS 中填好的工作簿（本页下方可下载空白工作簿）。文件只在本机读取，不会上传。" }),
      drop,
      fileMsg,
      blanks,
    ]);

    startBox.appendChild(el("h2", { text: "第一步：选择开始方式" }));
    // Every draft saved in this browser, newest first (form-drafts.js).
    this.draftBox = el("section", { class: "rf-draft", id: "rf-draft", role: "status" });
    startBox.appendChild(this.draftBox);
    this.renderDrafts();
    startBox.appendChild(el("div", { class: "rf-modes" }, [empty, copy, fileMode]));
  };

  /* ---- start modes ---------------------------------------------------------------------- */

  P.copyLastYear = function (id, from, to, msgBox) {
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

  P.importYaml = function (text, name, msgBox) {
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

  /* A workbook: read in the browser, its cells said where they could not be read or were
   * converted, then checked like any other report. */
  P.importWorkbook = function (buffer, name, msgBox) {
    var self = this;
    var years = this.config.years;
    var newest = years[years.length - 1];
    var layouts = {};
    function layoutOf(year) {
      if (!layouts[year]) layouts[year] = RF.fetchJson(self.base + "workbook-" + year + ".json");
      return layouts[year];
    }
    RF.readXlsx(buffer, this.config.workbook).then(function (sheets) {
      return layoutOf(newest).then(function (layout) {
        var first = RF.workbookToReport(sheets, layout);
        var year = first.data && first.data.year;
        if (!first.data || year === newest || years.indexOf(year) === -1) return [first, newest];
        return layoutOf(year).then(function (own) { return [RF.workbookToReport(sheets, own), year]; });
      });
    }).then(function (found) {
      var result = found[0];
      var year = found[1];
      if (!result.data) {
        result.issues.forEach(function (i) { msgBox.appendChild(el("p", { class: "rf-error", text: name + "：" + i.message })); });
        return;
      }
      var data = result.data;
      var note = "已导入工作簿 " + name + "。";
      if (years.indexOf(data.year) === -1) note += "工作簿中的年度（" + String(data.year || "") + "）没有对应的指南，暂按 " + year + " 年度检查。";
      var errors = result.issues.filter(function (i) { return i.severity === "error"; });
      self.loadYear(year).then(function () {
        normalise(data, self.schemas[year]);
        self.begin(data, year, { note: note + (errors.length ? "有 " + errors.length + " 个单元格无法读入，请在表单中补填。" : ""),
          imported: true, cells: result.issues });
        msgBox.appendChild(el("p", { class: "rf-ok", text: note + "问题已在下方逐项标出。" }));
      });
    }).catch(function (err) {
      msgBox.appendChild(el("p", { class: "rf-error", text: name + "：" + err.message }));
    });
  };

  /* Enumeration codes (host) become the labels (主办) the site shows and the form writes. */
  function normalise(data, root) {
    RF.walk(data, root, root, [], function (path, value, key, schema, parent) {
      var labels = schema.labels;
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

  P.begin = function (data, year, options) {
    var self = this;
    options = options || {};
    // The report being written is kept: what was typed last is saved under its own key first.
    this.flushDraft();
    var slot = options.draftKey ? { key: options.draftKey } : this.mayReplaceDraft(data, year, options.profile);
    if (!slot) return;
    this.loadYear(year).then(function () {
      self.state = {
        draftKey: slot.key,
        data: data,
        year: year,
        profile: options.profile || { id: data.society, maintainers: [] },
        flagged: options.flagged || new WeakMap(),
        note: options.note || "",
        cells: options.cells || [],
        // A blank report says a field's problem once the field is left; a file brought in
        // (a draft, last year's report, an import) says every problem at once.
        showAll: Object.keys(data).some(function (k) { return k !== "society" && k !== "year"; }),
        touched: {},
      };
      self.renderEditor();
      // Asked and agreed: the draft now holds what was opened.
      if (slot.replace) self.saveDraft();
      self.renderDrafts();
      var top = self.editor.querySelector("h2");
      if (top && top.scrollIntoView) top.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  };
})();
