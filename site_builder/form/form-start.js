/* Report form: the start panel and its three ways in (an empty report, a copy of a published
 * report, files brought in: form-import.js). */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var el = RF.el;
  var P = (RF.appMethods = RF.appMethods || {});

  /* ---- start panel ---------------------------------------------------------------------- */

  /* `guides`: each year's guide, to name its phase today beside it (RF.yearLabel); the option's
   * value stays the year. */
  RF.yearSelect = function (years, selected, id, guides) {
    var day = RF.today();
    return el("select", { class: "rf-input rf-select", id: id }, years.map(function (y) {
      return el("option", { value: String(y), text: guides ? RF.yearLabel(y, guides[y], day) : y + " 年度",
        selected: y === selected });
    }));
  };

  P.renderStart = function () {
    var self = this;
    var cfg = this.config;
    var years = cfg.years;
    // A year closed for new reports was chosen unawares, and refused only after 新建: each year is
    // named with its phase today, and the one open for filling comes chosen.
    var preset = RF.openYear(years, this.guides, RF.today()) || years[years.length - 1];
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
    var newYear = RF.yearSelect(years, preset, "rf-new-year", this.guides);
    var newMsg = el("div", { class: "rf-msg", "aria-live": "polite" });
    var openBlank = function (id, year, published) {
      var s = self.society(id);
      self.begin({ society: id, year: year }, year, {
        note: s ? "已新建 " + s.name + " 的 " + year + " 年度空白报告。" +
          (published ? "注意：本学会 " + year + " 年度的报告已经发布，提交时将替换已发布的文件。" : "")
          : "已新建空白报告。" + id + " 是新学会：请同时填写下方的学会资料。",
      });
    };
    // A society's report of the year already published (config.json's societies[].years): a blank
    // submitted in its place would replace it. Said as soon as the two are chosen, and again in
    // place of the blank, with the way in that keeps what was published (2. below).
    var published = function () {
      var s = self.society(choice.value === NEW ? newId.value.trim() : choice.value);  // a registered id typed as new too
      // A file on main counts though it cannot be read (`filed`): a blank would replace it too.
      return s && (s.filed || s.years).indexOf(Number(newYear.value)) !== -1 ? s : null;
    };
    var offerPublished = function (asked) {
      RF.clear(newMsg);
      var s = published();
      if (!s) return null;
      var year = Number(newYear.value);
      var anyway = el("button", { type: "button", class: "rf-button", id: "rf-new-anyway", text: "仍然新建空白报告",
        on: { click: function () {
          RF.clear(newMsg);
          openBlank(s.id, year, true);
        } } });
      if (s.years.indexOf(year) === -1) {
        // On main but unreadable: nothing to load as the draft, and a blank would replace it.
        newMsg.appendChild(el("p", { class: "rf-warning", id: "rf-new-published", role: asked ? "alert" : null,
          text: s.name + " 的 " + year + " 年度报告已经在仓库中，但无法读取（本学会在网站上的页面列出它的错误）。" +
            "新建的空白报告提交后会替换这个文件，其中已填报的各项都会丢失；可以先下载它、在本页导入，按错误提示修改。" }));
        newMsg.appendChild(el("div", {}, [anyway]));
        return anyway;
      }
      var fromPublished = el("button", { type: "button", class: "rf-button rf-primary", id: "rf-new-from-published",
        text: "以已发布的报告为底稿", on: { click: function () {
          RF.clear(newMsg);
          self.copyLastYear(s.id, year, year, newMsg);
        } } });
      newMsg.appendChild(el("p", { class: "rf-warning", id: "rf-new-published", role: asked ? "alert" : null,
        text: s.name + " 的 " + year + " 年度报告已经发布。新建的空白报告提交后会替换已发布的报告，其中已填报的各项都会丢失；" +
          "要修改或补充这份报告，请以已发布的报告为底稿。" }));
      newMsg.appendChild(el("div", {}, [fromPublished, " ", anyway]));
      return fromPublished;
    };
    choice.addEventListener("change", function () {
      newIdBox.hidden = choice.value !== NEW;
      if (choice.value === NEW) newId.focus();
      offerPublished(false);
    });
    newYear.addEventListener("change", function () {
      offerPublished(false);
    });
    var empty = el("section", { class: "rf-mode" }, [
      el("h3", { text: "新建空白报告" }),
      el("p", { class: "rf-help", text: "从已登记的学会中选择本学会；还没有登记的新学会选最后一项，并在下方一并填写学会资料。" }),
      el("label", { class: "rf-label", for: "rf-new-choice", text: "学会" }), choice, newIdBox,
      el("label", { class: "rf-label", for: "rf-new-year", text: "填报年度" }), newYear,
      el("div", {}, [el("button", { type: "button", class: "rf-button", id: "rf-start-empty", text: "新建",
        on: { click: function () {
          var id = choice.value === NEW ? newId.value.trim() : choice.value;
          RF.clear(newMsg);
          // Said below the button, which may be at the window's foot: the field to mend takes the
          // focus and the sentence is scrolled into view, or the click would seem to do nothing.
          var refuse = function (text, control) {
            var said = el("p", { class: "rf-error", role: "alert", text: text });
            newMsg.appendChild(said);
            control.focus();
            if (said.scrollIntoView) said.scrollIntoView({ block: "nearest" });
          };
          if (!choice.value) {
            refuse("请先选择本学会；新学会请选“新学会”并填写拟用的学会 id。", choice);
            return;
          }
          if (!id) {
            refuse("请填写新学会拟用的学会 id，如 cd-mech-eng。", newId);
            return;
          }
          if (!new RegExp(self.labels.slug_pattern).test(id)) {
            refuse("学会 id 只能用小写英文字母、数字和单个连字符，如 cd-mech-eng。", newId);
            return;
          }
          var offered = offerPublished(true);
          if (offered) {
            offered.focus();
            if (offered.scrollIntoView) offered.scrollIntoView({ block: "nearest" });
            return;
          }
          openBlank(id, Number(newYear.value), false);
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
    var copyTo = RF.yearSelect(years, preset, "rf-copy-to", this.guides);
    var copyMsg = el("div", { class: "rf-msg" });
    copySociety.addEventListener("change", function () {
      var s = self.society(copySociety.value);
      RF.clear(copyFrom);
      if (!s) return;
      s.years.slice().reverse().forEach(function (y) {
        copyFrom.appendChild(el("option", { value: String(y), text: y + " 年度" }));
      });
      var last = s.years[s.years.length - 1];
      var target = years.indexOf(last + 1) !== -1 ? last + 1 : preset;
      copyTo.value = String(target);
    });
    var copy = el("section", { class: "rf-mode" }, [
      el("h3", { text: "以已发布的报告为底稿" }),
      el("p", { class: "rf-help", text: "复制本学会已发布的报告：填报年度选新的年度，沿用的日期会标出，提醒逐项更新；" +
        "选它自己的年度，就是更正这份已发布的报告（填报截止之后，须符合表单上方说明的条件，如公示期内回应允许更正的异议）。" }),
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

    // 3. a YAML file, a workbook, or a new society's package (its report and society.yaml)
    var fileInput = el("input", { type: "file", id: "rf-file", class: "rf-hidden-input", multiple: "multiple",
      accept: ".yaml,.yml,.xlsx,.zip,text/yaml,text/plain,application/zip," +
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    var fileMsg = el("div", { class: "rf-msg", id: "rf-file-errors", "aria-live": "polite" });
    var drop = el("div", { class: "rf-drop" }, [
      el("p", { text: "把 YAML 文件、Excel/WPS 工作簿（.xlsx）或本页下载的文件包（.zip）拖到这里，或" }),
      el("label", { class: "rf-button rf-file-label", for: "rf-file", text: "选择文件" }),
      fileInput,
    ]);
    // Several files at once: a report and its society's profile (form-import.js).
    fileInput.addEventListener("change", function () {
      self.importFiles(Array.prototype.slice.call(fileInput.files), fileMsg);
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
      self.importFiles(Array.prototype.slice.call(e.dataTransfer.files), fileMsg);
    });
    var blanks = el("p", { class: "rf-help" }, ["在 Excel 或 WPS 中填写：下载空白工作簿（"].concat(
      this.config.years.slice().reverse().map(function (y, i) {
        return el("span", {}, [i ? "、" : "", el("a", { href: self.base + y + "-blank.xlsx", download: y + "年度学会工作报告.xlsx",
          class: "rf-blank-workbook", text: y + " 年度" })]);
      }), ["），填好后拖到上面。"]));
    var fileMode = el("section", { class: "rf-mode" }, [
      el("h3", { text: "导入文件" }),
      el("p", { class: "rf-help", text: "继续填写保存过的 YAML 文件，或导入在 Excel、WPS 中填好的工作簿（本页下方可下载空白工作簿）。" +
        "新学会的年度报告和 society.yaml 可以一起选择，或直接导入下载的文件包。文件只在本机读取，不会上传。" }),
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
      RF.normalise(data, schema);
      data.year = to;
      var flagged = new WeakMap();
      var s = self.society(id);
      var notes = [];
      if (from === to) {
        // What may be done with it is the gate's to say (phaseFor): after the deadline, mostly nothing.
        var phase = self.phaseFor(id, to);
        notes.push("已载入 " + (s ? s.name : id) + " 已发布的 " + from + " 年度报告，" + (phase && phase.refused
          ? "现在不能由学会提交修改（见表单上方的说明），可以修改后下载保存。" : "可以修改后重新提交。"));
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
      msgBox.appendChild(el("p", { class: "rf-error" }, RF.withDates("无法载入底稿：" + err.message)));
    });
  };

  /* Enumeration codes (host) become the labels (主办) the site shows and the form writes. */
  RF.normalise = function (data, root) {
    RF.walk(data, root, root, [], function (path, value, key, schema, parent) {
      var labels = schema.labels;
      if (labels && typeof value === "string" && RF.own(labels, value)) {
        parent[path[path.length - 1]] = labels[value];
      }
    });
  };

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

  /* Open a report in the editor; false when the user kept the draft it would have replaced. */
  P.begin = function (data, year, options) {
    var self = this;
    options = options || {};
    // The report being written is kept: what was typed last is saved under its own key first.
    this.flushDraft();
    this.lastCross = null;  // another report's comparison is no stand-in for this one's
    var slot = options.draftKey ? { key: options.draftKey } : this.mayReplaceDraft(data, year, options.profile);
    if (!slot) return false;
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
        // The field last focused, saved with the draft (form-drafts.js).
        at: options.at || null,
      };
      self.renderEditor();
      // Asked and agreed: the draft now holds what was opened.
      if (slot.replace) self.saveDraft();
      self.renderDrafts();
      // A restored draft opens at the field last focused in it; anything else at step 2's top.
      if (options.at && self.returnTo(options.at)) return;
      var top = self.editor.querySelector("h2");
      if (top && top.scrollIntoView) top.scrollIntoView({ behavior: "smooth", block: "start" });
    });
    return true;
  };
})();
