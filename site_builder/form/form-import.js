/* Report form: files brought in on the start panel. A report (YAML or an Excel/WPS workbook), a
 * society's profile (society.yaml), or the zip the form downloads for a new society, which holds
 * both; several files may come at once, and one report and one profile load together. */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var el = RF.el;
  var P = (RF.appMethods = RF.appMethods || {});

  var ENTRY = /^(society|[0-9]{4})\.ya?ml$/i; // what the form's package holds: society.yaml, 2018.yaml
  var KINDS = "可以导入 YAML 文件（.yaml）、Excel/WPS 工作簿（.xlsx，旧的 .xls 或 .et 格式请先“另存为” .xlsx）" +
    "和本页下载的文件包（.zip）。";

  /* The checker's own size limit (policy.yaml's yaml.max_file_bytes, in config.json), as people say it. */
  function megabytes(bytes) {
    return Math.round(bytes / 1048576 * 10) / 10 + " MB";
  }

  /* The user chose to keep what was there: the file was read, and deliberately not used. */
  function kept(msgBox, name) {
    msgBox.appendChild(el("p", { class: "rf-help", text: "已保留原来的内容，没有导入 " + name + "。" }));
  }

  function refused(name, message) {
    return [{ name: name, error: message }];
  }

  function baseName(path) {
    return path.split("/").pop();
  }

  // Spreadsheets of other formats: said as `xlsx import` says them (save as .xlsx), not read as
  // YAML (a .csv) or as the form's package (an .ods is a zip too).
  var OTHER_SHEETS = /\.(csv|tsv|xls|xlt|et|ett|ods|ots|numbers)$/i;

  /* The YAML files in a zip (the form's package), or the zip as a workbook when it is one. */
  function unpack(buffer, name, limits, limit, words) {
    return RF.unzip(buffer, limits.max_unpacked_bytes).then(function (files) {
      if (files["xl/workbook.xml"]) return [{ name: name, workbook: buffer }];
      if (files["content.xml"] && files["mimetype"]) return refused(name, limits.ods);
      var found = Object.keys(files).filter(function (path) { return ENTRY.test(baseName(path)); }).sort();
      if (!found.length) {
        return refused(name, "文件包中没有年度报告（如 2018.yaml）或学会资料（society.yaml）：请选择本页下载的文件包。");
      }
      return found.map(function (path) {
        var inner = name + " 中的 " + path;
        if (files[path].length > limit) return { name: inner, error: "文件超过 " + megabytes(limit) + "，不像是学会年度报告。" };
        var read = decodeYaml(files[path], words);
        if (read.error) return { name: inner, error: read.error };
        return { name: inner, base: baseName(path), text: read.text };
      });
    }, function (err) {
      return refused(name, err.message === "toobig"
        ? "文件包解压后超过 " + limits.max_unpacked_bytes / 1e6 + " MB，不是本页下载的文件包：请检查是否选错了文件。"
        : "这不是本页下载的文件包（.zip），或文件已损坏：请重新下载，或解压后选择其中的 YAML 文件。");
    });
  }

  /* UTF-16 text, as `check` tells it (validators/yaml/loading.py, `_looks_utf16`): a BOM, or
   * most 16-bit units of the first 256 bytes ASCII with their NUL on one consistent side (YAML's
   * keys and indentation are ASCII); a NUL pair (U+0000) is no text, but a binary header. */
  function looksUtf16(bytes) {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
    var prefix = bytes.subarray(0, 256);
    if (prefix.indexOf(0) === -1) return false;
    var units = Math.floor(prefix.length / 2);
    var low = 0;
    var high = 0;
    for (var i = 0; i < units; i++) {
      var a = prefix[2 * i];
      var b = prefix[2 * i + 1];
      if (a === 0 && b === 0) return false;
      if (b === 0) low++;
      if (a === 0) high++;
    }
    var ascii = Math.max(low, high);
    return ascii * 2 >= units && Math.min(low, high) * 4 <= ascii;
  }

  /* {text} of a YAML file's bytes, or {error} in check's words (E-YAML-ENCODING) for UTF-32 and
   * UTF-16 text, in the order `check` asks (the UTF-32 little-endian BOM begins with UTF-16's). */
  function decodeYaml(bytes, words) {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) ||
        (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) return { error: words.utf32 };
    if (looksUtf16(bytes)) return { error: words.utf16 };
    return { text: new TextDecoder("utf-8").decode(bytes) };
  }

  /* A zip's first bytes: "PK" and a local header (or an empty archive's end record). */
  function isZip(bytes) {
    return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
  }

  /* [{name, base, text} | {name, workbook} | {name, error}] of one chosen or dropped file. A zip
   * is known by its first bytes, whatever its name (a package renamed .yaml, a workbook without
   * its .xlsx). */
  P.readImport = function (file) {
    var limits = this.config.workbook;
    var limit = this.config.yaml_max_bytes;
    var words = this.config.yaml.words;
    var name = file.name;
    var xlsx = /\.xlsx$/i.test(name);
    var zip = /\.zip$/i.test(name);
    if (OTHER_SHEETS.test(name)) return Promise.resolve(refused(name, /\.o[dt]s$/i.test(name) ? limits.ods : limits.not_xlsx));
    if ((xlsx || zip) && file.size > limits.max_bytes) {
      return Promise.resolve(refused(name, (xlsx ? "工作簿" : "文件包") + "超过 " + limits.max_bytes / 1e6 +
        " MB：" + (xlsx ? "请删除图片等无关内容后再试。" : "不是本页下载的文件包，请检查是否选错了文件。")));
    }
    if (!xlsx && !zip && file.size > limit) {
      return Promise.resolve(refused(name, "文件超过 " + megabytes(limit) + "，不像是学会年度报告：请检查是否选错了文件。"));
    }
    return file.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (xlsx) return [{ name: name, workbook: buffer }];
      if (zip || isZip(bytes)) return unpack(buffer, name, limits, limit, words);
      // An old Excel or WPS file without its name's ending (the compound file format's first
      // bytes; a Word .doc has them too, and is said below as no text).
      if (!/\.[^./]+$/.test(name) && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
        return refused(name, limits.not_xlsx);
      }
      var read = decodeYaml(bytes, words);
      if (read.error) return refused(name, read.error);
      var text = read.text;
      // A binary file (a Word document, an old .xls) is no YAML: said so, not as a syntax error.
      if (text.indexOf("\u0000") !== -1) return refused(name, "这不是文本文件，不能作为 YAML 读入：" + KINDS);
      return [{ name: name, base: name, text: text }];
    }, function () {
      return refused(name, "无法读取。拖入的如果是文件夹，请打开它，选中其中的文件再拖入。");
    });
  };

  /* A society's profile: named society.yaml, or without a year and a report's society, with
   * fields of the profile's schema. */
  function isProfile(piece, schema) {
    var data = piece.data;
    if (RF.own(data, "year")) return false;
    if (/^society\.ya?ml$/i.test(piece.base)) return true;
    return !RF.own(data, "society") && Object.keys(data).some(function (k) {
      return k !== "id" && RF.own(schema.properties, k);
    });
  }

  function error(msgBox, text) {
    msgBox.appendChild(el("p", { class: "rf-error" }, RF.withDates(text)));
  }

  /* Files chosen or dropped together: read, sorted into one report and one profile, loaded.
   * When any of them cannot be read nothing is loaded, and each problem is said. */
  P.importFiles = function (files, msgBox) {
    var self = this;
    var years = this.config.years;
    RF.clear(msgBox);
    if (!files.length) return;
    Promise.all(files.map(function (f) { return self.readImport(f); })).then(function (lists) {
      // The profile's schema tells a profile from a report.
      return self.loadYear(years[years.length - 1]).then(function () { return [].concat.apply([], lists); });
    }).then(function (pieces) {
      var reports = [];
      var profiles = [];
      var failed = false;
      pieces.forEach(function (piece) {
        if (piece.error) {
          error(msgBox, piece.name + "：" + piece.error);
          failed = true;
          return;
        }
        if (piece.workbook) {
          reports.push(piece);
          return;
        }
        var parsed = RF.parseYaml(piece.text, self.config.yaml);
        if (parsed.error) {
          var e = parsed.error;
          msgBox.appendChild(el("p", { class: "rf-error rf-yaml-error" }, RF.withDates(piece.name + "：" + e.message)));
          if (e.reason) msgBox.appendChild(el("p", { class: "rf-help", text: "解析器原文：" + e.reason }));
          if (e.snippet) msgBox.appendChild(el("pre", { class: "rf-snippet", text: e.snippet }));
          failed = true;
          return;
        }
        piece.data = parsed.data;
        (isProfile(piece, self.societySchema) ? profiles : reports).push(piece);
      });
      if (failed) return;
      if (reports.length > 1 || profiles.length > 1) {
        error(msgBox, "一次只能导入一份年度报告和一份学会资料（society.yaml），现在选择了：" +
          reports.concat(profiles).map(function (p) { return p.name; }).join("、") + "。");
        return;
      }
      var report = reports[0];
      if (!report) self.importProfile(profiles[0], msgBox);
      else if (report.workbook) self.importWorkbook(report.workbook, report.name, msgBox, profiles[0]);
      else self.importYaml(report, msgBox, profiles[0]);
    }).catch(function (err) {
      // What went wrong is for the console: a person is not shown a program's English words.
      if (window.console) window.console.error(err);
      error(msgBox, "无法导入：读取文件时出错。请检查选择的是否为年度报告的 YAML 文件、工作簿（.xlsx）或本页下载的文件包（.zip）。");
    });
  };

  /* {profile, note} for the report of `society`, {note} when its society is registered (the form
   * writes a profile only for a new one), or {error} when the two are different societies. */
  P.profileFor = function (piece, society) {
    var profile = RF.clone(piece.data);
    RF.normalise(profile, this.societySchema);
    var id = profile.id == null ? "" : String(profile.id);
    if (id && society && id !== String(society)) {
      return { error: piece.name + " 是学会 " + id + " 的资料，与年度报告的学会 id（" + society + "）不同，没有导入：" +
        "请选择同一学会的年度报告和 society.yaml。" };
    }
    var registered = this.society(society || id);
    if (registered) {
      return { note: registered.name + "已在本站登记，表单只为新学会填写学会资料：没有使用 " + piece.name + "。" };
    }
    profile.id = society || id;
    if (!Array.isArray(profile.maintainers)) profile.maintainers = profile.maintainers == null ? [] : profile.maintainers;
    return { profile: profile, note: "已载入学会资料 " + piece.name + "。" };
  };

  /* A report's options with the profile brought in beside it; null (said) when they disagree. */
  P.withProfile = function (options, piece, data, msgBox) {
    if (!piece) return options;
    var got = this.profileFor(piece, data.society);
    if (got.error) {
      error(msgBox, got.error);
      return null;
    }
    options.note += got.note;
    if (got.profile) {
      options.profile = got.profile;
      if (!data.society && got.profile.id) data.society = got.profile.id;
    }
    return options;
  };

  /* The year a report without one is written for: its file name's (2018.yaml) when the form has
   * that year, else the one chosen under 填报年度, else the latest. */
  P.yearForUnnamed = function (base) {
    var years = this.config.years;
    var named = /^([0-9]{4})\.ya?ml$/i.exec(base || "");
    if (named && years.indexOf(Number(named[1])) !== -1) return { year: Number(named[1]), from: "name" };
    var chosen = document.getElementById("rf-new-year");
    var year = chosen ? Number(chosen.value) : NaN;
    return { year: years.indexOf(year) !== -1 ? year : years[years.length - 1], from: "chosen" };
  };

  P.importYaml = function (report, msgBox, profile) {
    var self = this;
    var data = report.data;
    var years = this.config.years;
    var year = years.indexOf(data.year) !== -1 ? data.year : years[years.length - 1];
    var note = "已导入 " + report.name + "。";
    var given = data.year;
    if (given === undefined || given === null || given === "" || (typeof given !== "number" && typeof given !== "string")) {
      // No year (year: left out, or empty): the file, its header and its link name the year the
      // form uses, never "undefined".
      var unnamed = this.yearForUnnamed(report.base);
      year = unnamed.year;
      data.year = year;
      note += "文件中没有填写年度（year），已按" + (unnamed.from === "name" ? "文件名" : "表单中选择的填报年度") +
        "填为 " + year + " 年度，请核对。";
    } else if (years.indexOf(given) === -1) {
      note += "文件中的年度（" + String(given) + "）没有对应的指南，暂按 " + year + " 年度检查。";
    }
    var options = this.withProfile({ note: note, imported: true }, profile, data, msgBox);
    if (!options) return;
    this.loadYear(year).then(function () {
      RF.normalise(data, self.schemas[year]);
      if (self.begin(data, year, options)) {
        msgBox.appendChild(el("p", { class: "rf-ok", text: options.note + "问题已在下方逐项标出。" }));
      } else {
        kept(msgBox, report.name);
      }
    }).catch(function (err) {
      if (window.console) window.console.error(err);
      error(msgBox, report.name + "：无法导入，读取文件时出错。请检查文件内容是否为年度报告。");
    });
  };

  /* A profile alone joins the report being written, which stays as it is; with no report open,
   * it starts a blank report of its society in the latest year. */
  P.importProfile = function (piece, msgBox) {
    var self = this;
    var st = this.state;
    if (!st) {
      var years = this.config.years;
      var year = years[years.length - 1];
      var id = piece.data.id == null ? "" : String(piece.data.id);
      var data = id ? { society: id, year: year } : { year: year };
      var options = this.withProfile({ note: "已新建 " + year + " 年度空白报告。", imported: true }, piece, data, msgBox);
      if (!options) return;
      if (this.begin(data, year, options)) msgBox.appendChild(el("p", { class: "rf-ok", text: options.note }));
      else kept(msgBox, piece.name);
      return;
    }
    var got = this.profileFor(piece, st.data.society);
    if (got.error) {
      error(msgBox, got.error);
      return;
    }
    if (!got.profile) {
      msgBox.appendChild(el("p", { class: "rf-help", text: got.note }));
      return;
    }
    this.flushDraft();
    if (!this.mayReplaceProfile(got.profile, piece.name)) {
      kept(msgBox, piece.name);
      return;
    }
    st.profile = got.profile;
    if (!st.data.society && got.profile.id) st.data.society = got.profile.id;
    st.note = got.note + "正在填写的 " + st.year + " 年度报告保持不变。";
    this.renderEditor();
    this.saveDraft();
    this.renderDrafts();
    msgBox.appendChild(el("p", { class: "rf-ok", text: st.note }));
    var section = this.editor.querySelector(".rf-profile");
    if (section && section.scrollIntoView) section.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  /* At most `most` of a workbook's problems, its errors first: a blocking error is never hidden
   * behind the notes on converted cells before it (250 dates written 2018.5.6 listed, the one
   * date that could not be read left out and then asked for as a missing field). The rest are
   * counted in one line, the reader's own (`RF.unlisted`). */
  RF.firstProblems = function (issues, most) {
    var errors = issues.filter(function (i) { return i.severity === "error"; });
    var ordered = errors.concat(issues.filter(function (i) { return i.severity !== "error"; }));
    if (ordered.length <= most) return ordered;
    var listed = ordered.slice(0, most);
    listed.push(RF.unlisted(ordered.length - most, most, errors.length > most));
    return listed;
  };

  /* A workbook: read in the browser, its cells said where they could not be read or were
   * converted, then checked like any other report. */
  P.importWorkbook = function (buffer, name, msgBox, profile) {
    var self = this;
    var years = this.config.years;
    var newest = years[years.length - 1];
    var limits = this.config.workbook;
    // Every problem is read (their number is bounded by the rows and columns read), and the
    // first listed are chosen here, errors first.
    var unlisted = Object.assign({}, limits, { max_findings: Infinity });
    function report(sheets, layout) {
      var read = RF.workbookToReport(sheets, layout, unlisted);
      // A registered society's name in the cover's id cell is read as its id (never a new
      // society's), and a cell that is neither is listed with the cells to check, as `xlsx import`
      // lists it; said there, at the society's field, and nowhere else.
      var cover = RF.coverSociety(read.data, read.societyAt, self.config.societies, self.labels, layout.cover_sheet);
      if (cover) read.issues.unshift(cover);
      return { data: read.data, issues: read.issues, yearAt: read.yearAt, profile: read.profile, profileSheet: layout.profile_sheet };
    }
    self.layoutOf(newest).then(function (layout) {
      return RF.readXlsx(buffer, limits, RF.workbookWidth(layout, limits), layout.totals.formulas).then(function (sheets) {
        var first = report(sheets, layout);
        var year = first.data && first.data.year;
        if (first.data && typeof year !== "number") {
          // The cover gives no year that can be read: a blank cell takes the year of the workbook's
          // template (its title), said at the cell, as `xlsx import` takes it; without one the
          // workbook is refused in its words (never the year chosen under 填报年度, never "undefined").
          var cover = RF.coverYear(first.yearAt, first.issues, sheets, years, layout);
          if (cover.refused) return [{ data: null, issues: RF.refusedIssues(cover.refused, first.issues) }, newest];
          if (cover.year === newest) return [first, newest, cover];
          return self.layoutOf(cover.year).then(function (own) { return [report(sheets, own), cover.year, cover]; });
        }
        if (!first.data || year === newest || years.indexOf(year) === -1) return [first, newest];
        return self.layoutOf(year).then(function (own) { return [report(sheets, own), year]; });
      });
    }).then(function (found) {
      var result = found[0];
      var year = found[1];
      // A blank 年度 cell, read as the template's year, is one of the cells to check.
      if (found[2]) result.issues.unshift(found[2].cell);
      result.issues = RF.firstProblems(result.issues, limits.max_findings);
      if (!result.data) {
        result.issues.forEach(function (i) { error(msgBox, name + "：" + i.message); });
        return;
      }
      var data = result.data;
      var note = "已导入工作簿 " + name + "。";
      if (found[2]) {
        data.year = year;
        note += found[2].note;
      } else if (years.indexOf(data.year) === -1) {
        note += RF.workbookOtherYearNote(result.yearAt, data.year, year);
      }
      var errors = result.issues.filter(function (i) { return i.severity === "error"; });
      // The 学会资料 sheet, when it holds something and no society.yaml came with the workbook: the
      // new society's profile (a registered society's is not used, and said so).
      var sheet = !profile && result.profile ? { name: name + "（“" + result.profileSheet + "”工作表）", data: result.profile } : null;
      var options = self.withProfile({ note: note, imported: true, cells: result.issues }, profile || sheet, data, msgBox);
      if (!options) return;
      var said = options.note;
      // What was lost, said as it was lost (a sheet not read is no "8 cells"); until each is
      // filled in the form or the notice is dismissed, it counts as an error in the check bar.
      if (errors.length) options.note += "工作簿中有 " + RF.workbookLoss(result.issues) + "：请在表单中补填，或核对后在下方的清单中点“已核对，忽略这些问题”。";
      self.loadYear(year).then(function () {
        RF.normalise(data, self.schemas[year]);
        // A row whose 编号 was left blank takes the id the form gives an item added in it.
        var filled = RF.fillIds(data, self.schemas[year], self.labelsFor(year), self.consortia);
        if (filled.length) {
          var ids = "工作簿中有 " + filled.length + " 项没有填写编号，已按在表单中添加时的方式自动编号（如 " +
            RF.getPath(data, filled[0].concat(["id"])) + "）。";
          options.note += ids;
          said += ids;
        }
        if (self.begin(data, year, options)) {
          msgBox.appendChild(el("p", { class: "rf-ok", text: said + "问题已在下方逐项标出。" }));
        } else {
          kept(msgBox, name);
        }
      });
    }).catch(function (err) {
      // The reader's own refusals are Chinese; any other error's English words go to the console.
      if (/[\u4e00-\u9fff]/.test(err.message || "")) {
        error(msgBox, name + "：" + err.message);
      } else {
        if (window.console) window.console.error(err);
        error(msgBox, name + "：无法导入，读取工作簿时出错。请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。");
      }
    });
  };
})();
