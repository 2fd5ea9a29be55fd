/* Report form: a workbook (.xlsx, as Excel, WPS or LibreOffice save it) read into a report in the
 * browser, and a report written as a workbook. No library: the zip is read with the browser's
 * own DecompressionStream, the sheets with DOMParser, and written with RF.zip. The sheets and
 * columns are the year's layout (workbook-<year>.json, from validators/xlsx/layout.py); a cell is
 * read as validators/xlsx/cells.py reads it (tests/test_form_xlsx.py holds the two together).
 *
 * `RF.readCell` has no DOM and runs under Node too. */
(function (global) {
  "use strict";
  var RF = (global.ReportForm = global.ReportForm || {});

  var EPOCH = Date.UTC(1899, 11, 30);
  // Where a workbook's merged ranges are kept beside its sheets: no sheet can be named so
  // (Excel refuses "[" and "]" in a sheet's name).
  var MERGED = "[merged]";
  // And the first cell of each sheet found past the columns read (below its header).
  var BEYOND = "[beyond]";
  // And the web addresses of each sheet's hyperlinks (Ctrl+K), by "row,column".
  var LINKS = "[links]";
  // And the file each formula that reads from another workbook reads from, by "row,column".
  var EXTERNAL = "[external]";
  // And, by row then column, the cells whose formula sums its own column above (=SUM(F2:F4) in F5).
  var SUMS = "[sums]";
  // And the content of each sheet the reader could not place, each {row, col, message} (read.py, `_Page.lost`).
  var LOST = "[lost]";
  // The rows a sheet can have (Excel's and WPS's limit), the unplaceable rows said on one sheet (read.py).
  var SHEET_ROWS = 1048576;
  var MAX_LOST = 10;
  var RESAVE = "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入（或把这一行的内容重新填写在表格中）。";
  // And the sheets' names in the workbook's order: an object lists a name like "2018" first.
  var ORDER = "[order]";
  // And the workbook's title (docProps/core.xml), whose year is its template's (RF.templateYear).
  var TITLE = "[title]";
  // And what each sheet hides: {sheet: true when the sheet itself is hidden, rows: [...], columns: [...]}.
  var HIDDEN = "[hidden]";
  var REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  /* The columns read on every sheet (read.py, `_width`): the widest sheet of the layout, with
   * its parent column, and policy.yaml's workbook.column_margin. */
  RF.workbookWidth = function (layout, limits) {
    var widest = 3;
    layout.sheets.forEach(function (s) { widest = Math.max(widest, s.columns.length + (s.parent ? 1 : 0)); });
    return widest + limits.column_margin;
  };

  // The missing sheet a renamed one most likely was, as `xlsx import` finds it (difflib's
  // cutoff 0.3; here on shared characters, the bound difflib tries first).
  function closest(name, names, cutoff) {
    var best = null, score = cutoff || 0.3;
    names.forEach(function (other) {
      var left = other.split(""), shared = 0;
      name.split("").forEach(function (c) { var i = left.indexOf(c); if (i !== -1) { shared++; left.splice(i, 1); } });
      var ratio = 2 * shared / (name.length + other.length);
      if (ratio >= score && (best === null || ratio > score)) { best = other; score = ratio; }
    });
    return best;
  }
  var DATE = /^([0-9]{4})[ ]*(?:[-/.][ ]*([0-9]{1,2})[ ]*[-/.][ ]*([0-9]{1,2})|年[ ]*([0-9]{1,2})[ ]*月[ ]*([0-9]{1,2})[ ]*日?)$/;
  // A date known only to its month: 2016-05, 2016年5月, 2018/6 (validators/schema_findings.py,
  // `_MONTH` and `month_only`): never read as a day of it, the day is the evidence's.
  var MONTH = /^([0-9]{4})[ ]*(?:[-/.][ ]*([0-9]{1,2})|年[ ]*([0-9]{1,2})[ ]*月(?:份)?)$/;

  /* What `check` says of `written` when it gives a month only (`normal`: the text matched, as
   * the workbook reader normalises a cell), or null: the workbook reader and the form's
   * own date check (form-check.js) say it; here, since this file also runs under Node. */
  RF.monthOnly = function (written, normal) {
    var found = MONTH.exec(normal === undefined ? written : normal);
    var month = found ? Number(found[2] || found[3]) : 0;
    if (!found || month < 1 || month > 12) return null;
    return "“" + written + "”只写到月份：日期要写到日，请按证明材料上的日期填写，如 " + found[1] + "-" + (month < 10 ? "0" : "") + month + "-12。";
  };

  // The number in a cell written with words around it: 15万, 40人, 约400 (cells.py, `_DIGITS`);
  // the words are policy.yaml's workbook.numbers, in the layout.
  var NUMBER_PART = /^[0-9]+(?:\.[0-9]+)?/;

  function longest(text, at, words) {
    var best = "";
    words.forEach(function (w) { if (w.length > best.length && text.startsWith(w, at)) best = w; });
    return best;
  }

  /* [number, words, unit] of 约15万, 160人, 200余人左右; null when the cell is more than that
   * (cells.py, `_words`). */
  function numberWords(normal, rule) {
    var before = longest(normal, 0, rule.before);
    var found = NUMBER_PART.exec(normal.slice(before.length));
    if (!found) return null;
    var at = before.length + found[0].length;
    var words = [before];
    var unit = "";
    [rule.within, rule.units, rule.after].forEach(function (listed) {
      var word = longest(normal, at, listed);
      if (listed === rule.units) unit = word;
      words.push(word);
      at += word.length;
    });
    return at === normal.length ? [found[0], words.filter(Boolean), unit] : null;
  }

  /* A number written with words: read when the only word is its column's own unit (15万 under
   * 金额（万元）), else why it is no number and how to write it (cells.py, `_worded`). */
  function worded(written, normal, what, column, rule) {
    var found = numberWords(normal, rule);
    if (!found || !found[1].length) return { error: "“" + written + "”不是" + what + "：只写阿拉伯数字，如 15。" };
    var number = found[0], words = found[1], unit = found[2];
    var own = (column && column.units) || [];
    if (words.length === 1 && words[0] === unit && own.indexOf(unit) !== -1) {
      if (what === "整数" && !/^[+-]?[0-9]+$/.test(number)) return { error: "这里应填整数，现在是“" + written + "”。" };
      return { value: Number(number), unit: own[0],
               said: "“" + written + "”已按 " + number + " 读入（单位：" + own[0] + "，只写数字即可）" };
    }
    var scale = rule.scale;
    if (unit.startsWith(scale) && own.indexOf(unit) === -1) {
      return { error: "“" + written + "”：请写出完整的数字（如 1.5" + scale + " 写 15000），不带“" + scale + "”。" };
    }
    if (unit && own.length && own.indexOf(unit) === -1) {
      return { error: "“" + written + "”：这一列的单位是“" + own[0] + "”，不是“" + unit + "”；请换算后只写数字。" };
    }
    return { error: "“" + written + "”：只写数字 " + number + "，不带“" + words.join("”“") + "”。" };
  }
  var DIGITS = "0123456789";
  var TRUE = ["是", "true", "yes", "y", "1", "对", "√"];
  var FALSE = ["否", "false", "no", "n", "0", "×"];

  function isoOf(y, m, d) {
    var t = Date.UTC(y, m - 1, d);
    var day = new Date(t);
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d || y < 1) return null;
    return day.toISOString().slice(0, 10);
  }

  /* The moment a date cell's number stands for, as openpyxl's `from_excel` reads it: the day and
   * the time of day to the millisecond, and Excel's 1900 leap-year bug (59 is 1900-02-28, 61 is
   * 1900-03-01). */
  function excelMoment(n) {
    var day = Math.floor(n);
    var ms = millis(n - day);
    if (n > 0 && n < 60) day += 1;
    return EPOCH + day * 86400000 + ms;
  }

  /* A day's fraction in milliseconds as openpyxl counts them: round(fraction * 86400 * 1000),
   * multiplied in that order and rounded half to even, as Python's round() is. */
  function millis(fraction) {
    var x = fraction * 86400 * 1000;
    var r = Math.round(x);
    return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  /* A date cell's number under one day is a time of day to openpyxl, written as Python writes a
   * time (12:00:00, 06:00:00.500000), which no date column reads: null for any other number. */
  function timeOfDay(n) {
    var ms = millis(n);
    if (!(n >= 0 && n < 1) || ms >= 86400000) return null;
    return clock(ms * 1000);
  }

  /* A time of day, `micros` microseconds after midnight, as Python writes one (time.isoformat). */
  function clock(micros) {
    var seconds = Math.floor(micros / 1000000);
    var shown = pad(Math.floor(seconds / 3600), 2) + ":" + pad(Math.floor(seconds / 60) % 60, 2) + ":" + pad(seconds % 60, 2);
    return micros % 1000000 ? shown + "." + pad(micros % 1000000, 6) : shown;
  }

  /* A date cell's day, as {date: "2018-05-12"}, with its time of day when it has one
   * ({date, time: "18:00:00"}: 43232.75), which a date column drops and says (cells.py, `_dropped`). */
  function dateCell(n) {
    var moment = excelMoment(n);
    var within = ((moment % 86400000) + 86400000) % 86400000;
    var day = { date: new Date(moment).toISOString().slice(0, 10) };
    if (within) day.time = clock(within * 1000);
    return day;
  }

  /* A date cell written as ISO text (t="d": 2018-05-12T18:00:00.5), as openpyxl's from_ISO8601
   * reads it: its day, with its time of day when it has one. */
  function isoCell(raw) {
    var day = { date: raw.slice(0, 10) };
    var m = /^\d{4}-\d{2}-\d{2}T?(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?Z?$/.exec(raw);
    if (m) {
      var micros = ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] || 0)) * 1000000 + Math.trunc(parseFloat(m[4] || "0") * 1000000);
      if (micros) day.time = clock(micros);
    }
    return day;
  }

  // The first day a cell's number stands for as a date (cells.py, `FIRST_DAY`).
  var FIRST_DAY = "1900-01-01";

  function beforeFirstDay(day) {
    return "这一格的日期 " + day + " 早于 1900 年，不是报告能填写的日期（日期格式的单元格中填了 0 或负数时就会这样，" +
      "Excel 和 WPS 显示为 1900-01-00 或 ######）：请写成 2018-05-12 这样的日期。";
  }

  /* What is said of a date cell's time of day, which a date column drops (cells.py, `_dropped`). */
  function dropped(value) {
    return value && value.time ? "，舍去了其中的时刻 " + value.time : "";
  }

  // The first and the last moment a date cell's number may stand for: Python's dates (years 1 to
  // 9999), past which openpyxl reads the cell as #VALUE! (read.py, `_Serial`).
  var FIRST_MOMENT = -62135596800000;
  var LAST_MOMENT = 253402300799999;

  /* A date cell's number is a day openpyxl can read (its `from_excel`: the day and the time of
   * day, to the millisecond). */
  function isDay(n) {
    if (!isFinite(n)) return false;
    var moment = excelMoment(n);
    return moment >= FIRST_MOMENT && moment <= LAST_MOMENT;
  }

  /* A date cell whose number is no date (1e+20, past 9999-12-31): said at its cell (read.py,
   * `_Serial`). */
  function serialWords(serial) {
    var number = serial === "" || serial == null ? "其中的数" : "其中的数 " + serial + " ";
    return "这一格设为日期格式，但" + number + "超出了日期的范围（公元 1 年至 9999 年）：请写成 2018-05-12 这样的日期。";
  }

  /* Why a number no spreadsheet shows (1e999999 in the file is Infinity; NaN is no number) is not
   * read, said as such, not as "Infinity" (cells.py, `_not_finite`). */
  function notFinite(value, kind) {
    var what = "这里应填" + ({ int: "整数", number: "数字", date: "日期" }[kind] || "内容") + "，";
    if (Number.isNaN(value)) return what + "现在的值不是一个有效的数：请重新填写这一格。";
    return what + "现在的数" + (value > 0 ? "太大" : "的绝对值太大") + "，超出了能读入的范围：请填写实际的数。";
  }

  function text(value) {
    if (typeof value === "number" && Number.isInteger(value)) return String(value);
    return String(value);
  }

  function nfkc(s) {
    return s.normalize("NFKC");
  }

  /* Python's str.strip(chars) with the layout's set of spaces. */
  function strip(s, spaces) {
    var a = 0;
    var b = s.length;
    while (a < b && spaces.indexOf(s[a]) !== -1) a++;
    while (b > a && spaces.indexOf(s[b - 1]) !== -1) b--;
    return s.slice(a, b);
  }

  /* The cover's 年度, read as a year and said in a year's words (cells.py, `_year`): a number, or
   * digits with or without 年 or 年度 after them (2018年, ２０１８ 年度). */
  var YEAR_KEY = "year";
  var YEAR_WORDS = ["年度", "年"];
  var YEAR_EXAMPLE = "如 2018";
  function yearCell(value, isDate, spaces) {
    if (typeof value === "boolean") return { error: "这里应填年度（" + YEAR_EXAMPLE + "），现在是“" + (value ? "是" : "否") + "”。" };
    if (typeof value === "number") {
      if (!Number.isInteger(value)) return { error: "这里应填年度（" + YEAR_EXAMPLE + "），现在是 " + text(value) + "。" };
      return { value: value };
    }
    var written = isDate ? value.date : String(value);
    var normal = strip(nfkc(written), spaces);
    var digits = normal;
    for (var n = 0; n < YEAR_WORDS.length; n++) {
      var word = YEAR_WORDS[n];
      if (normal.length >= word.length && normal.slice(normal.length - word.length) === word) {
        digits = normal.slice(0, normal.length - word.length);
        break;
      }
    }
    digits = strip(digits, spaces);
    if (/^[0-9]{1,6}$/.test(digits)) return { value: Number(digits), said: "文字“" + written + "”按年度 " + Number(digits) + " 读入" };
    return { error: "“" + written + "”不是年度：只写年度的阿拉伯数字，" + YEAR_EXAMPLE + "。" };
  }

  /* {value, error, said}: one cell as its column's kind (cells.py, `read_cell`). `value` is what
   * the cell holds: a string, a number, a boolean, or {date: "2018-05-12"} for a date cell. */
  RF.readCell = function (value, column, layout) {
    var spaces = layout.spaces;
    var separators = layout.separators;
    if (value === null || value === undefined || (typeof value === "string" && !strip(value, spaces))) return { value: null };
    var kind = column.kind;
    if (typeof value === "number" && !isFinite(value)) return { error: notFinite(value, kind) };
    var isDate = value && typeof value === "object" && value.date;
    if (kind === "date") {
      if (isDate) {
        if (value.date < FIRST_DAY) return { error: beforeFirstDay(value.date) };
        return { value: value.date, said: value.time ? "这一格按日期 " + value.date + " 读入" + dropped(value) : undefined };
      }
      if (typeof value === "number") {
        if (value >= 1 && value < 2958466 && isDay(value)) {  // 2958465.999999995 is 10000-01-01
          var day = dateCell(value);
          return { value: day.date, said: "序列号 " + text(value) + " 按日期 " + day.date + " 读入" + dropped(day) };
        }
        return { error: "日期“" + text(value) + "”无法识别：请写成 2018-05-12 这样的日期。" };
      }
      var written = typeof value === "boolean" ? (value ? "True" : "False") : String(value);
      var m = DATE.exec(strip(nfkc(written), spaces));
      if (m) {
        var iso = isoOf(Number(m[1]), Number(m[2] || m[4]), Number(m[3] || m[5]));
        if (iso) return { value: iso, said: written === iso ? undefined : "文字“" + written + "”按日期 " + iso + " 读入" };
      }
      var month = RF.monthOnly(written, strip(nfkc(written), spaces));
      if (month) return { error: month };
      return { error: "日期“" + written + "”无法识别：请写成 2018-05-12 这样的日期。" };
    }
    if (kind === "int" && column.key === YEAR_KEY) return yearCell(value, isDate, spaces);
    if (kind === "int" || kind === "number") {
      var integer = kind === "int";
      var what = integer ? "整数" : "数字";
      if (typeof value === "boolean") return { error: "这里应填" + what + "，现在是“" + (value ? "是" : "否") + "”。" };
      if (isDate) return worded(value.date, value.date, what, column, layout.numbers);
      if (typeof value === "number") {
        if (integer && !Number.isInteger(value)) return { error: "这里应填整数，现在是 " + text(value) + "。" };
        return { value: value };
      }
      var w = String(value);
      var normal = strip(nfkc(w), spaces).replace(/,/g, "");
      var ok = integer ? /^[+-]?[0-9]+$/.test(normal) : /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(normal);
      if (ok) return { value: Number(normal), said: "文字“" + w + "”按" + what + " " + normal + " 读入" };
      return worded(w, normal, what, column, layout.numbers);
    }
    if (kind === "bool") {
      if (typeof value === "boolean") return { value: value };
      var wb = isDate ? value.date : text(value);
      var nb = strip(nfkc(wb), spaces).toLowerCase();
      var yes = TRUE.indexOf(nb) !== -1;
      if (yes || FALSE.indexOf(nb) !== -1) {
        return { value: yes, said: wb === "是" || wb === "否" ? undefined : "“" + wb + "”按“" + (yes ? "是" : "否") + "”读入" };
      }
      return { error: "这里应填“是”或“否”，现在是“" + wb + "”。" };
    }
    if (kind === "list") {
      var all = isDate ? value.date : typeof value === "boolean" ? (value ? "True" : "False") : text(value);
      var used = layout.said_separators.filter(function (sep) { return all.indexOf(sep) !== -1; });
      separators.slice(1).forEach(function (sep) { all = all.split(sep).join(separators[0]); });
      var parts = all.split(separators[0]).map(function (p) { return strip(p, spaces); }).filter(Boolean);
      var split = used.length && parts.length > 1 ? "按“" + used.join("”“") + "”分成 " + parts.length + " 项" : undefined;
      return { value: parts.length ? parts : null, said: split };
    }
    if (isDate) return { value: value.date, said: "日期按文字“" + value.date + "”读入" + dropped(value) };
    var wt = typeof value === "boolean" ? (value ? "True" : "False") : text(value);
    var said = typeof value === "number" ? "数字 " + wt + " 按文字读入" : undefined;
    var stripped = strip(wt, spaces);
    if (stripped !== wt && stripped) said = "去掉了首尾的空格";
    return { value: stripped || null, said: said };
  };

  /* ---- the workbook's rows -> a report, as validators/xlsx/read.py reads them ------------ */

  function cellName(sheet, row, col) {
    var letters = "";
    var n = col;
    while (n) {
      var rest = (n - 1) % 26;
      letters = String.fromCharCode(65 + rest) + letters;
      n = Math.floor((n - 1) / 26);
    }
    return sheet + "!" + letters + row;
  }
  RF.cellName = cellName;

  /* A header as written, without the * that marks a required field (read.py, `_title`). */
  function title(raw) {
    if (raw && typeof raw === "object" && raw.date) return raw.date;  // a date cell, as 2018-03-12
    if (raw && typeof raw === "object" && Object.prototype.hasOwnProperty.call(raw, "unread")) return raw.unread;
    if (raw && typeof raw === "object" && Object.prototype.hasOwnProperty.call(raw, "serial")) return raw.serial;
    return raw === null || raw === undefined ? "" : String(raw).trim().replace(/\*+$/, "").trim();
  }

  function blank(v, spaces) {
    return v === null || v === undefined || (typeof v === "string" && !strip(v, spaces));
  }

  /* What an error of the workbook lost, in words: "3 个单元格无法读入、1 张工作表没有读入（…）".
   * Each error says its `lost`: a cell, a column, a row or a whole sheet (a sheet's columns are
   * not counted again when the sheet itself was not read). */
  RF.workbookLoss = function (issues) {
    var count = { cell: 0, column: 0, row: 0, sheet: 0, other: 0 };
    var sheets = [];
    issues.forEach(function (i) {
      if (i.severity === "error" && i.lost === "sheet" && sheets.indexOf(i.sheet) === -1) sheets.push(i.sheet);
    });
    issues.forEach(function (i) {
      if (i.severity !== "error" || i.lost === "sheet") return;
      if (i.sheet && sheets.indexOf(i.sheet) !== -1) return;
      count[Object.prototype.hasOwnProperty.call(count, i.lost) ? i.lost : "other"]++;
    });
    var words = [];
    if (count.cell) words.push(count.cell + " 个单元格无法读入");
    if (count.column) words.push(count.column + " 列没有读入");
    if (count.row) words.push(count.row + " 行没有读入");
    if (sheets.length) words.push(sheets.length + " 张工作表整张没有读入（" + sheets.join("、") + "）");
    if (count.other) words.push(count.other + " 处其他问题");
    return words.join("、");
  };

  /* `sheets` with the workbook's title (its document properties; null when it has none) kept beside
   * them: the title, or a function that reads it (called only when a blank 年度 cell needs it). */
  RF.withTitle = function (sheets, title) {
    Object.defineProperty(sheets, TITLE, { value: title, enumerable: false });
    return sheets;
  };

  /* `sheets` ({sheetName: rows}) with `names`, their order in the workbook, kept beside them. */
  RF.inOrder = function (sheets, names) {
    Object.defineProperty(sheets, ORDER, { value: names.slice(), enumerable: false });
    return sheets;
  };

  /* `sheets` with each sheet's merged ranges kept beside them: {name: ["G1:H1", …]}. */
  RF.withMerged = function (sheets, merged) {
    Object.defineProperty(sheets, MERGED, { value: merged, enumerable: false });
    return sheets;
  };

  /* `sheets` with each sheet's column-summing formulas kept beside them: {name: {row: {column: "SUM(F2:F4)"}}}
   * ("" for a shared formula's other cells). */
  RF.withSums = function (sheets, sums) {
    Object.defineProperty(sheets, SUMS, { value: sums, enumerable: false });
    return sheets;
  };

  /* A formula that sums the cells of its own column above its own row: SUM(F2:F4) in F5, with or
   * without $ and spaces; the functions are policy.yaml's workbook.totals.formulas (read.py, `column_sum`). */
  RF.columnSum = function (formula, row, column, functions) {
    var text = "";
    var upper = formula.toUpperCase();
    for (var i = 0; i < upper.length; i++) if (" $=".indexOf(upper[i]) === -1) text += upper[i];
    return functions.some(function (name) {
      if (text.slice(0, name.length + 1) !== name + "(" || text[text.length - 1] !== ")") return false;
      var ends = text.slice(name.length + 1, -1).split(":").map(reference);
      return ends.length === 2 && ends[0] !== null && ends[1] !== null && ends[0][0] === column && ends[1][0] === column &&
        ends[0][1] <= ends[1][1] && ends[1][1] < row;
    });
  };

  /* [column, row] of a cell's reference without $ (F12), null for anything else (read.py, `_reference`). */
  function reference(text) {
    var letters = 0;
    while (letters < text.length && text[letters] >= "A" && text[letters] <= "Z") letters++;
    var digits = text.slice(letters);
    if (letters < 1 || letters > 3 || !/^[0-9]{1,7}$/.test(digits)) return null;
    var column = 0;
    for (var i = 0; i < letters; i++) column = column * 26 + text.charCodeAt(i) - 64;
    return [column, Number(digits)];
  }

  /* `sheets` with what each sheet hides kept beside them: {name: {sheet, rows, columns}}. */
  RF.withHidden = function (sheets, hidden) {
    Object.defineProperty(sheets, HIDDEN, { value: hidden, enumerable: false });
    return sheets;
  };

  /* [first, last] of each run of consecutive numbers: 3, 4, 5, 9 as [3, 5], [9, 9] (read.py, `_runs`). */
  function runs(numbers) {
    var out = [];
    numbers.slice().sort(function (a, b) { return a - b; }).forEach(function (n) {
      var last = out[out.length - 1];
      if (last && last[1] === n) return;
      if (last && last[1] === n - 1) last[1] = n;
      else out.push([n, n]);
    });
    return out;
  }

  /* {data, issues: [{cell, severity, message, lost, sheet, path | owner+key}]} from
   * {sheetName: [[value, …], …]} (1-based rows and columns as the spreadsheet shows them: rows[0]
   * is row 1) in the workbook's order (RF.inOrder; else the object's own). An error says what it lost (`lost`: cell, column, row, sheet) and where in the
   * report: `owner` and `key` (the item a cell belonged to, which stays the same object when the
   * form adds or removes items before it) or a fixed `path`. */
  RF.workbookToReport = function (sheets, layout, limits) {
    var issues = [];
    var data = {};
    var spaces = layout.spaces;
    var most = limits && limits.max_findings ? limits.max_findings : Infinity;
    var named = limits && limits.named_sheets ? limits.named_sheets : Infinity;
    var unsaid = { error: 0, warning: 0 };
    // Kept apart, each at most `most`: the errors are listed first (read.py, `_Reader.finish`).
    var kept = { error: [], warning: [] };
    function keep(issue) {
      // A hostile workbook's thousands: counted, not listed (read.py, `_Reader.say`).
      if (kept[issue.severity].length >= most) {
        unsaid[issue.severity]++;
        return false;
      }
      kept[issue.severity].push(issue);
      return true;
    }
    function say(sheet, row, col, message, severity, lost, where) {
      var issue = { cell: cellName(sheet, row, col), severity: severity || "error", message: cellName(sheet, row, col) + "：" + message,
        sheet: sheet };
      if (lost) issue.lost = lost;
      if (where && where.owner) {
        issue.owner = where.owner;
        issue.key = where.key;
      } else if (where && where.path) {
        issue.path = where.path;
      }
      keep(issue);
    }
    function read(raw, column, sheet, row, col, where) {
      // A formula with nothing to read: an error value, or no result (read.py, `_Unread`).
      if (raw && typeof raw === "object" && Object.prototype.hasOwnProperty.call(raw, "unread")) {
        say(sheet, row, col, raw.unread ? "公式的结果是错误值 " + raw.unread + "：请在 Excel 或 WPS 中改正公式，或直接填写数值。"
          : "公式没有计算结果：请在 Excel 或 WPS 中打开并保存一次，或直接填写数值。", "error", "cell", where);
        return null;
      }
      if (raw && typeof raw === "object" && Object.prototype.hasOwnProperty.call(raw, "serial")) {
        say(sheet, row, col, serialWords(raw.serial), "error", "cell", where);
        return null;
      }
      var book = (external[sheet] || {})[row + "," + col];
      if (book !== undefined && !blank(raw, spaces)) {
        say(sheet, row, col, "这一格的公式引用了另一个工作簿“" + book + "”，读入的是它保存时的结果“" + title(raw) +
          "”：那个文件不随报告提交，改动后这里也不会更新。请核对，并把公式换成数值（复制后“选择性粘贴”为数值）。", "warning");
      }
      var link = (links[sheet] || {})[row + "," + col];
      if (link !== undefined && !blank(raw, spaces) && link !== title(raw)) {
        if (column.key === "evidence") {  // Ctrl+K on 年会通知: the address is the evidence
          say(sheet, row, col, "超链接“" + title(raw) + "”按链接地址 " + link + " 读入，请核对。", "warning");
          raw = link;
        } else {
          say(sheet, row, col, "这个单元格带有超链接（" + link + "），只读入了显示的文字：链接地址请写在“证明材料”一列。", "warning");
        }
      }
      var r = RF.readCell(raw, column, layout);
      if (r.error) {
        say(sheet, row, col, r.error, "error", "cell", where);
        return null;
      }
      if (r.said) say(sheet, row, col, r.said + "，请核对。", "warning");
      return r.value;
    }
    var beyond = sheets[BEYOND] || {};
    var links = sheets[LINKS] || {};
    var external = sheets[EXTERNAL] || {};
    var sums = sheets[SUMS] || {};
    var lostRows = sheets[LOST] || {};
    /* The content of a sheet the reader could not place: each an error at its sheet and row (read.py, `_Reader.lost`). */
    function sayLost(name) {
      (lostRows[name] || []).forEach(function (l) { say(name, l.row, l.col, l.message, "error", "row"); });
    }
    /* Cells under no header (past the table, or past the columns read): said once a sheet, at
     * the first (read.py, `_Reader.outside`); the rows holding nothing else are returned. */
    function outside(name, rows, titled) {
      var first = null;
      var only = {};
      for (var r = 1; r < rows.length; r++) {
        var row = rows[r] || [];
        var stray = [];
        var inside = false;
        for (var n = 0; n < row.length; n++) {
          if (blank(row[n], spaces)) continue;
          if (titled[n + 1]) inside = true;
          else stray.push(n + 1);
        }
        if (!stray.length) continue;
        if (!first) first = [r + 1, stray[0]];
        if (!inside) only[r + 1] = true;
      }
      var past = beyond[name];
      if (past && past[0] >= 2 && (!first || past[0] < first[0] || (past[0] === first[0] && past[1] < first[1]))) first = past;
      if (first) {
        var last = 1;
        Object.keys(titled).forEach(function (n) { last = Math.max(last, Number(n)); });
        say(name, first[0], first[1], "这一格在表格之外（表格到 " + cellName("", 1, last).slice(1, -1) + " 列为止），没有读入；" +
          "这张表中表格以外的内容都不读入：要填写的内容请写在表格的列中，备注可以删去。", "warning");
      }
      return only;
    }
    /* A cell that says a totals word and nothing else but a count: 合计, 合计：2 项, 总计 420,
     * 合计（万元） (read.py, `_totals`; the words and units are policy.yaml's workbook.totals). */
    var rule = layout.totals;
    function totals(value) {
      if (typeof value !== "string") return false;
      var text = strip(value, spaces);
      return rule.words.some(function (word) {
        if (text.slice(0, word.length) !== word) return false;
        var rest = text.slice(word.length);
        var from = 0;
        while (from < rest.length && (spaces + rule.followers).indexOf(rest[from]) !== -1) from++;
        return countOnly(rest.slice(from));
      });
    }
    /* `rest` is nothing, a number with or without its unit, or a unit in brackets (read.py, `_count_only`). */
    function countOnly(rest) {
      var end = 0;
      while (end < rest.length && (DIGITS.indexOf(rest[end]) !== -1 || (end && ".,".indexOf(rest[end]) !== -1))) end++;
      var unit = rest.slice(end);
      var from = 0;
      while (from < unit.length && spaces.indexOf(unit[from]) !== -1) from++;
      unit = unit.slice(from);
      if (!unit) return true;
      for (var b = 0; b < rule.brackets.length; b++) {
        var pair = rule.brackets[b];
        if (unit.length > 2 && unit[0] === pair[0] && unit[unit.length - 1] === pair[1]) {
          return rule.units.indexOf(strip(unit.slice(1, -1), spaces)) !== -1;
        }
      }
      return end > 0 && rule.units.indexOf(unit) !== -1;
    }
    /* [column, words] of a totals row: 合计 (…), alone or with a count, on a row whose 编号 is blank
     * or is that cell (read.py, `_total`). */
    function totalOf(row, placed, rowSums) {
      var hasId = Object.keys(placed).some(function (n) {
        return placed[n].key === "id" && !blank(row[n], spaces) && !totals(row[n]);
      });
      if (hasId) return null;
      for (var n = 0; n < row.length; n++) {
        if (totals(row[n])) return [n + 1, strip(row[n], spaces)];
      }
      // A row whose only content is formulas summing their own column above (read.py, `_total`).
      var filled = [];
      for (var k = 0; k < row.length; k++) if (!blank(row[k], spaces)) filled.push(k + 1);
      var sumsOf = rowSums || {};
      if (filled.length && filled.every(function (c) { return Object.prototype.hasOwnProperty.call(sumsOf, c); })) {
        var written = filled.map(function (c) { return sumsOf[c]; }).filter(Boolean)[0];
        return [filled[0], written ? "=" + written : "=SUM(…)"];
      }
      return null;
    }
    /* The 学会资料 sheet: a row per field, its title in A, its value in B, read as the cover is;
     * the profile when any of its cells holds something, else null (read.py, `_Reader.profile`). */
    function readProfile(rows) {
      if (!rows) return null;
      var name = layout.profile_sheet;
      var byField = Object.create(null);
      var seen = Object.create(null);
      var found = {};
      var held = false;
      layout.profile.forEach(function (c) { byField[c.title] = c; });
      outside(name, rows, { 1: true, 2: true });  // 项目, 内容
      rows.slice(1).forEach(function (row, i) {
        var r = i + 2;
        var field = title(row[0]);
        if (!field) {
          if (row.length > 1 && !blank(row[1], spaces)) {
            say(name, r, 2, "这一格左边没有写项目，没有读入：请把内容写在对应项目的右边。", "error", "cell");
            held = true;
          }
          return;
        }
        var c = byField[field];
        if (!c) {
          var close = closest(field, Object.keys(byField), 0.5);
          say(name, r, 1, "不认识的项目“" + field + "”：" + (close ? "是不是“" + close + "”？" : "可用的项目见“" + layout.guide_sheet + "”工作表。") +
            "这一行没有读入。", "error", "row");
          return;
        }
        if (seen[field]) {
          say(name, r, 1, "“" + field + "”在“" + name + "”中出现了两次（第 " + seen[field] + " 行和第 " + r + " 行）：只读入了第一行，请删去一行。",
            "error", "row");
          return;
        }
        seen[field] = r;
        var before = kept.error.length + unsaid.error;
        var value = read(row.length > 1 ? row[1] : null, c, name, r, 2);
        if (kept.error.length + unsaid.error > before) held = true;
        if (value !== null) {
          found[c.key] = value;
          held = true;
        }
      });
      return held ? found : null;
    }
    var cover = sheets[layout.cover_sheet];
    if (!cover) return { data: null, issues: [{ cell: "", severity: "error", message: "工作簿中没有“" + layout.cover_sheet + "”工作表：请使用网站提供的工作簿。" }] };
    // Lookups by a cell's text: no inherited names ("constructor" is a title like any other).
    var byTitle = Object.create(null);
    var seenCover = Object.create(null);
    layout.cover.forEach(function (c) { byTitle[c.title] = c; });
    // The cover's 年度 cell, and what it holds as written: a year it does not give is named there.
    var yearAt = null;
    // And its 学会 id cell: a registered society's name there is read as its id (RF.coverSociety).
    var societyAt = null;
    outside(layout.cover_sheet, cover, { 1: true, 2: true, 3: true });  // 项目, 填写, 说明
    cover.slice(1).forEach(function (row, i) {
      var name = title(row[0]);
      if (!name) return;
      var c = byTitle[name];
      if (!c) {
        say(layout.cover_sheet, i + 2, 1, "不认识的项目“" + name + "”，这一行没有读入。", "error", "row");
        return;
      }
      if (seenCover[name]) {
        say(layout.cover_sheet, i + 2, 1, "“" + name + "”在封面上出现了两次：只读入了第一行，请删去一行。", "error", "row",
          { path: c.path });
        return;
      }
      seenCover[name] = true;
      if (c.key === YEAR_KEY) {
        var held = row.length > 1 ? row[1] : null;
        yearAt = { cell: cellName(layout.cover_sheet, i + 2, 2), sheet: layout.cover_sheet, written: title(held) || "",
          filled: !blank(held, spaces) };
      }
      if (c.key === SOCIETY_KEY) societyAt = { cell: cellName(layout.cover_sheet, i + 2, 2), sheet: layout.cover_sheet };
      var value = read(row.length > 1 ? row[1] : null, c, layout.cover_sheet, i + 2, 2, { path: c.path });
      if (value === null) return;
      var node = data;
      c.path.slice(0, -1).forEach(function (k) { node = node[k] = node[k] || {}; });
      node[c.path[c.path.length - 1]] = value;
    });
    sayLost(layout.cover_sheet);  // after the cover's own cells, as `xlsx import` says them
    var profile = readProfile(sheets[layout.profile_sheet]);
    sayLost(layout.profile_sheet);
    var known = [layout.cover_sheet, layout.profile_sheet].concat(layout.sheets.map(function (x) { return x.name; }));
    // A renamed sheet would lose its rows without a word (as `xlsx import` says it).
    var missing = layout.sheets.map(function (x) { return x.name; }).filter(function (name) { return !sheets[name]; });
    var others = [];
    var renamed = [];  // the missing sheets taken to be renamed: said at their new names only (read.py, `_strays`)
    var names = sheets[ORDER] || Object.keys(sheets);
    names.forEach(function (name) {
      if (known.indexOf(name) !== -1 || name === layout.guide_sheet || name === layout.options_sheet) return;
      var close = closest(name, missing);
      if (close) {
        renamed.push(close);
        say(name, 1, 1, "不认识的工作表“" + name + "”：是不是“" + close + "”？请改回原名，这张表没有读入。", "error", "sheet",
          { path: layout.sheets.filter(function (x) { return x.name === close; })[0].path });
      } else {
        others.push(name);
      }
    });
    // The other sheets said together, the first few by name (read.py, `_strays`).
    if (others.length === 1) {
      say(others[0], 1, 1, "不认识的工作表“" + others[0] + "”，没有读入：各类工作的工作表名称见“" + layout.guide_sheet + "”。", "warning");
    } else if (others.length) {
      say(others[0], 1, 1, "工作簿中有 " + others.length + " 张不认识的工作表（“" + others.slice(0, named).join("”“") +
        (others.length > named ? "”等" : "”") + "），都没有读入：各类工作的工作表名称见“" + layout.guide_sheet + "”，多余的工作表可以删去。",
        "warning");
    }
    missing.forEach(function (name) {
      if (renamed.indexOf(name) !== -1) return;
      keep({ cell: "", severity: "warning", message: "工作簿中没有“" + name + "”工作表：这类工作按没有填写处理。" });
    });
    var merged = sheets[MERGED] || {};
    names.forEach(function (name) {
      if (known.indexOf(name) === -1 || !merged[name]) return;
      merged[name].forEach(function (ref) {
        var m = /^([A-Z]+)([0-9]+)/.exec(ref || "");
        if (!m) return;
        say(name, Number(m[2]), columnOf(m[1]), ref + " 是合并的单元格：合并后只有 " + m[1] + m[2] +
          " 有内容，其余按空白读入。请取消合并，每一格填写自己的值。", "warning");
      });
    });
    var ids = Object.create(null);
    function readSheet(sheet) {
      var rows = sheets[sheet.name];
      if (!rows) return;
      var columns = (sheet.parent ? [{ key: layout.parent, title: layout.parent, kind: "text" }] : []).concat(sheet.columns);
      var titles = Object.create(null);
      columns.forEach(function (c) { titles[c.title] = c; });
      var placed = {};
      var firstCol = Object.create(null);
      var unknown = {};
      // Row 1 holds none of the titles: the header is lower, or was deleted (read.py, `_no_header`).
      var matching = function (row) { return (row || []).filter(function (v) { return titles[title(v)]; }).length; };
      if (rows.length && !matching(rows[0]) && rows.some(function (row) { return (row || []).some(function (v) { return !blank(v, spaces); }); })) {
        var lower = 0;
        for (var h = 1; h < Math.min(rows.length, 10) && !lower; h++) if (matching(rows[h]) >= 2) lower = h + 1;
        var shown = (rows[0] || []).map(title).filter(Boolean).join("”“").slice(0, 60);
        say(sheet.name, 1, 1, lower ? "标题行在第 " + lower + " 行：请删去上方的 " + (lower - 1) + " 行，标题必须在第 1 行（不要在标题上方插入行）。这张表没有读入。"
          : "第 1 行不是这张表的标题行" + (shown ? "，而像是一行内容（“" + shown + "”）" : "") +
            "：标题行可能被删除了。请从网站重新下载空白工作簿，把其中这张表的第 1 行（标题行）复制过来，插入到第 1 行上方（各表的标题也列在“" +
            layout.guide_sheet + "”工作表中）；不要改动标题。这张表没有读入。", "error", "sheet", { path: sheet.path });
        ids[sheet.name] = Object.create(null);
        return;
      }
      (rows[0] || []).forEach(function (raw, n) {
        var name = title(raw);
        if (!name) return;
        if (!titles[name]) {
          unknown[n + 1] = name;  // said below, with the column it most likely was
          return;
        }
        if (firstCol[name]) {
          say(sheet.name, 1, n + 1, "标题“" + name + "”出现了两次：只读入了第一列，请删去一列。", "error", "column", { path: sheet.path });
          return;
        }
        firstCol[name] = true;
        placed[n] = titles[name];
      });
      // Header cells a merge took into the one before (G1:H1): content under them is data with no
      // column to go to, an error at its first cell naming the header to write back (read.py, `_absorbed`).
      var absorbed = {};
      var named = Object.create(null);
      (merged[sheet.name] || []).forEach(function (ref) {
        var m = /^([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?$/.exec(ref || "");
        if (!m || Number(m[2]) !== 1) return;
        var c0 = columnOf(m[1]), c1 = m[3] ? columnOf(m[3]) : c0;
        for (var n = c0 + 1; n <= c1; n++) {
          if (title((rows[0] || [])[n - 1])) continue;
          absorbed[n] = true;
          var filled = 0;
          for (var fr = 1; fr < rows.length && !filled; fr++) if (!blank((rows[fr] || [])[n - 1], spaces)) filled = fr + 1;
          if (!filled) continue;
          var letter = cellName("", 1, n).slice(1, -1);
          var meant = n - 1 < columns.length && !firstCol[columns[n - 1].title] ? columns[n - 1] : null;
          if (meant) named[meant.title] = true;
          var header = meant ? meant.header || meant.title : "";
          say(sheet.name, filled, n, letter + " 列的内容在合并的标题 " + ref + " 之下（" + letter + "1 没有标题），没有读入：请取消合并，" +
            (meant ? "在 " + letter + "1 写回标题“" + header + "”" : "在 " + letter + "1 写回这一列的标题（各表的标题列在“" +
              layout.guide_sheet + "”工作表中）") + "。", "error", "column", { path: sheet.path });
        }
      });
      columns.forEach(function (c) {
        if (firstCol[c.title] || !rows.length) return;
        if (named[c.title]) return;  // said at its content, with the header to write back
        if (!c.required || c.key === layout.parent) {
          say(sheet.name, 1, 1, "这张表没有“" + c.title + "”一列：这一列的内容按没有填写处理。", "warning");
          return;
        }
        // A required column gone: said once, on the header row (read.py, `_Reader.sheet`).
        var near = Object.keys(unknown).filter(function (n) { return closest(unknown[n], [c.title], 0.5); })[0];
        if (near) {
          say(sheet.name, 1, Number(near), "不认识的标题“" + unknown[near] + "”：是不是“" + c.title + "”？请改回原来的标题。“" + c.title +
            "”是必填的一列，改回之前每一行的“" + c.title + "”都按没有填写处理。", "error", "column", { path: sheet.path });
          delete unknown[near];
          return;
        }
        say(sheet.name, 1, 1, "这张表没有“" + c.title + "”一列（必填）：每一行的“" + c.title + "”都按没有填写处理。请补上标题为“" +
          c.header + "”的一列（可从重新下载的空白工作簿复制标题行，各表的标题也列在“" + layout.guide_sheet + "”工作表中）。",
          "error", "column", { path: sheet.path });
      });
      Object.keys(unknown).forEach(function (n) {
        var close = closest(unknown[n], columns.map(function (c) { return c.title; }), 0.5);
        say(sheet.name, 1, Number(n), "不认识的标题“" + unknown[n] + "”：" + (close ? "是不是“" + close + "”？" : "可用的标题见“" +
          layout.guide_sheet + "”工作表。") + "这一列没有读入。", "error", "column", { path: sheet.path });
      });
      var titled = {};
      (rows[0] || []).forEach(function (raw, n) { if (title(raw)) titled[n + 1] = true; });
      Object.keys(absorbed).forEach(function (n) { titled[n] = true; });
      var onlyOutside = outside(sheet.name, rows, titled);
      var own = (ids[sheet.name] = Object.create(null));
      var parentSheet = sheet.parent ? layout.sheets.filter(function (s) {
        return s.path.length === sheet.path.length - 1 && s.path.every(function (k, i) { return k === sheet.path[i]; });
      })[0] : null;
      for (var r = 1; r < rows.length; r++) {
        var row = rows[r] || [];
        if (onlyOutside[r + 1] || row.every(function (v) { return blank(v, spaces); })) continue;
        var total = totalOf(row, placed, (sums[sheet.name] || {})[r + 1]);
        if (total) {
          say(sheet.name, r + 1, total[0], "第 " + (r + 1) + " 行像是合计行（“" + total[1] + "”），没有读入：工作簿中不需要合计，" +
            "系统会自己统计；请删去这一行。", "warning");
          continue;
        }
        var item = {};
        Object.keys(placed).forEach(function (n) {
          var value = read(row[n] === undefined ? null : row[n], placed[n], sheet.name, r + 1, Number(n) + 1,
            { owner: item, key: placed[n].key });
          if (value !== null) item[placed[n].key] = value;
        });
        var list;
        if (sheet.parent) {
          var pid = item[layout.parent];
          delete item[layout.parent];
          var owner = parentSheet && ids[parentSheet.name][pid];
          if (!owner) {
            say(sheet.name, r + 1, 1, pid === undefined ? "没有填写所属项目编号：请填写上一张表中这项成果所属报告的编号。"
              : "找不到编号为“" + pid + "”的所属项目：请填写上一张表中某一行的编号。", "error", "row", { path: sheet.path.slice(0, -1) });
            continue;
          }
          list = owner[sheet.parent] = owner[sheet.parent] || [];
        } else {
          var node = data;
          sheet.path.slice(0, -1).forEach(function (k) { node = node[k] = node[k] || {}; });
          list = node[sheet.path[sheet.path.length - 1]] = node[sheet.path[sheet.path.length - 1]] || [];
        }
        list.push(item);
        if (typeof item.id === "string") own[item.id] = item;
      }
    }
    layout.sheets.forEach(function (sheet) {  // each sheet's rows, then what the reader could not place (read.py)
      if (!sheets[sheet.name]) return;
      readSheet(sheet);
      sayLost(sheet.name);
    });
    // Hidden sheets, rows and columns that hold something: read, and said (read.py, `_hidden`).
    var hidden = sheets[HIDDEN] || {};
    function filled(rows, from, to, c0, c1) {
      for (var r = from; r < Math.min(to, rows.length); r++) {
        var row = rows[r] || [];
        for (var c = c0; c < Math.min(c1, row.length); c++) if (!blank(row[c], spaces)) return true;
      }
      return false;
    }
    names.forEach(function (name) {
      var shut = hidden[name];
      var rows = sheets[name];
      if (known.indexOf(name) === -1 || !shut || !rows) return;
      if (shut.sheet) {
        if (filled(rows, 1, Infinity, 0, Infinity)) {
          say(name, 1, 1, "“" + name + "”是隐藏的工作表，其中的内容照常读入：请在 Excel 或 WPS 中取消隐藏" +
            "（右击工作表标签，选“取消隐藏”），核对后再提交。", "warning");
        }
        return;
      }
      runs(shut.rows || []).forEach(function (run) {
        if (!filled(rows, run[0] - 1, run[1], 0, Infinity)) return;
        var span = run[0] === run[1] ? "第 " + run[0] + " 行" : "第 " + run[0] + " 至 " + run[1] + " 行（共 " + (run[1] - run[0] + 1) + " 行）";
        say(name, run[0], 1, span + "是隐藏的行，其中的内容照常读入：请取消隐藏，核对后再提交；不要的行请删去，不要隐藏。", "warning");
      });
      runs(shut.columns || []).forEach(function (run) {
        if (!filled(rows, 0, Infinity, run[0] - 1, run[1])) return;
        var letters = cellName("", 1, run[0]).slice(1, -1) + (run[0] === run[1] ? "" : "至" + cellName("", 1, run[1]).slice(1, -1));
        say(name, 1, run[0], letters + " 列是隐藏的列，其中的内容照常读入：请取消隐藏，核对后再提交。", "warning");
      });
    });
    var room = Math.max(0, most - kept.error.length);
    unsaid.warning += Math.max(0, kept.warning.length - room);
    issues = kept.error.concat(kept.warning.slice(0, room));
    var more = unsaid.error + unsaid.warning;
    if (more) issues.push(RF.unlisted(more, most, unsaid.error > 0));
    return { data: data, issues: issues, yearAt: yearAt, societyAt: societyAt, profile: profile };
  };

  /* The cover's 学会 id as secretaries write it (validators/xlsx/cover.py): an id in capitals
   * (CD-AGRI) is read as the lower-case id, with a warning at the cell; a registered society's
   * name (compared as `same_text` compares; a sample society's also without its mark “（示例）”) is
   * read as that society's id, `data.society` set to it, with a warning at the cell; a text that is
   * neither an id nor such a name is an error at the cell, in `xlsx import`'s words (its
   * E-XLSX-COVER), which says where a society finds its id. The issue to list with the
   * workbook's cells, or null. `societies`: config.json's [{id, name}]; `labels`: labels.json's
   * (its slug_pattern, same_text_ignored and urls.spaces; RF.sameText is form-findings.js's). */
  var SOCIETY_KEY = "society";
  var SAMPLE_MARK = "(示例)";
  var IDS_WHERE = "各学会的 id 见网站“学会”页面：下载其中的学会名录（CSV），看“学会 id”一列";
  RF.coverSociety = function (data, at, societies, labels, cover) {
    var written = data ? data[SOCIETY_KEY] : undefined;
    var isId = function (text) { return text.length <= 64 && new RegExp(labels.slug_pattern).test(text); };
    if (typeof written !== "string" || isId(written)) return null;
    var cell = at ? at.cell : "";
    var issue = { cell: cell, path: [SOCIETY_KEY] };
    if (at) issue.sheet = at.sheet;
    var prefix = cell ? cell + "：" : "";
    // An id in capitals (CD-AGRI) is read in lower case; only ASCII is lowered (`cover.lowered_id`).
    var lowered = written.toLowerCase();
    if (/^[\x00-\x7f]*$/.test(written) && lowered !== written && isId(lowered)) {
      data[SOCIETY_KEY] = lowered;
      issue.severity = "warning";
      issue.message = prefix + "学会 id“" + written + "”按小写的 " + lowered + " 读入，请核对；学会 id 只用小写英文字母、数字和连字符。";
      return issue;
    }
    var spaces = labels.urls.spaces;
    RF.useSameText(labels);
    var key = RF.sameText(written, spaces);
    var found = [];
    (societies || []).forEach(function (s) {
      var keys = [RF.sameText(s.name, spaces)];
      var normal = RF.pyStrip(String(s.name).normalize("NFKC"), spaces);
      if (normal.slice(-SAMPLE_MARK.length) === SAMPLE_MARK) keys.push(RF.sameText(normal.slice(0, -SAMPLE_MARK.length), spaces));
      if (key && keys.indexOf(key) !== -1 && found.indexOf(s.id) === -1) found.push(s.id);
    });
    if (found.length === 1) {
      data[SOCIETY_KEY] = found[0];
      issue.severity = "warning";
      issue.message = prefix + "学会名称“" + written + "”按它的学会 id " + found[0] + " 读入，请核对；这一格应填学会 id，" + IDS_WHERE + "。";
      return issue;
    }
    issue.severity = "error";
    issue.lost = "cell";
    issue.message = prefix + "“" + cover + "”中的学会 id“" + Array.from(written).slice(0, 64).join("") +
      "”无效：只能用小写英文字母、数字和连字符，如 cd-mech-eng。学会 id 是学会在本站登记的英文代号，" + IDS_WHERE + "；新学会自拟一个。";
    return issue;
  };

  /* The year a workbook's title names when it is exactly a template's title (2017 年度学会重点工作报告,
   * `layout.title_after_year` after the year), else null (layout.py, `template_year`). */
  RF.templateYear = function (title, layout) {
    var after = layout.title_after_year;
    if (typeof title !== "string" || !after || title.length !== 4 + after.length || title.slice(4) !== after) return null;
    var head = title.slice(0, 4);
    return /^[1-9][0-9]{3}$/.test(head) ? Number(head) : null;
  };

  /* The year of a workbook whose cover gives none it can read, as `xlsx import` takes it (read.py,
   * `_template_year`; cli/xlsx.py, `_cover_problems`): a blank 年度 cell is read as the year of
   * the workbook's template (`sheets`' title) when the form has it, said at the cell as one of the
   * cells to check ({year, cell}); otherwise the workbook is refused ({refused: issues}), in the
   * command line's words: what the cell holds as it was read, or that the cover has no year. Never
   * the year chosen under 填报年度, which the secretary importing a workbook never touched. */
  RF.coverYear = function (yearAt, issues, sheets, years, layout) {
    var year = null;
    if (yearAt && !yearAt.filled) {
      var title = sheets ? sheets[TITLE] : null;
      year = RF.templateYear(typeof title === "function" ? title() : title, layout);
    }
    if (year !== null && years.indexOf(year) !== -1) {
      return { year: year, cell: { cell: yearAt.cell, sheet: yearAt.sheet, severity: "warning", path: [YEAR_KEY],
        message: yearAt.cell + "：年度没有填写，已按这个工作簿模板的年度 " + year + " 读入，请核对，并在这一格填写年度。" },
        note: yearAt.cell.replace("!", " ") + " 的年度没有填写，已按这个工作簿模板的年度 " + year + " 读入，请核对，并在工作簿中填写年度。" };
    }
    var said = yearAt ? (issues || []).filter(function (i) { return i.severity === "error" && i.cell === yearAt.cell; }) : [];
    if (said.length) return { refused: said };
    var words = "“" + layout.cover_sheet + "”中没有填写年度：请填写年度，如 " + years[years.length - 1] +
      "（可选年度为 " + years.join("、") + "）。";
    return { refused: [{ cell: yearAt ? yearAt.cell : "", sheet: layout.cover_sheet, severity: "error", path: [YEAR_KEY],
      message: (yearAt ? yearAt.cell + "：" : "") + words }] };
  };

  /* The issues of a workbook refused for its cover year (RF.coverYear's `refused`): the refusal
   * first, then every other problem found, as `xlsx import` lists its findings with E-XLSX-COVER. */
  RF.refusedIssues = function (refused, issues) {
    return refused.concat((issues || []).filter(function (i) { return refused.indexOf(i) === -1; }));
  };

  /* What the form says of a workbook whose cover names a year the form has no guideline of:
   * checked as `year` (the cell named when it is known). */
  RF.workbookOtherYearNote = function (yearAt, given, year) {
    return (yearAt ? yearAt.cell.replace("!", " ") + " 的年度（" : "工作簿中的年度（") + String(given) +
      "）没有对应的指南，暂按 " + year + " 年度检查。";
  };

  /* The line that counts the problems not listed (read.py, `finish`): an error when any of
   * them is one, so a workbook cut short is never taken as complete. */
  RF.unlisted = function (more, most, errors) {
    return { cell: "", severity: errors ? "error" : "warning", lost: errors ? "other" : undefined,
      message: "还有 " + more + " 个问题没有列出（只列出前 " + most + " 个）：请先按上面的提示改正，再导入一次。" };
  };

  /* ---- reading the .xlsx file (browser: DecompressionStream, DOMParser) ------------------- */

  function u16(b, i) { return b[i] | (b[i + 1] << 8); }
  function u32(b, i) { return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0; }

  /* An entry unpacked chunk by chunk, stopped as soon as it passes the size its header states:
   * a few KB that claim 100 bytes and unpack to gigabytes never fill the memory. */
  function inflate(bytes, expected) {
    var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    var out = new Uint8Array(expected);
    var got = 0;
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          if (got !== expected) throw new Error("size");
          return out;
        }
        if (got + chunk.value.length > expected) {
          reader.cancel();
          throw new Error("size");
        }
        out.set(chunk.value, got);
        got += chunk.value.length;
        return pump();
      });
    }
    return pump();
  }

  /* {name: Uint8Array} of the zip's entries, refused before anything is unpacked when the
   * entries would unpack past `maxUnpacked` (a few KB can claim gigabytes). */
  RF.unzip = function (buffer, maxUnpacked) {
    var b = new Uint8Array(buffer);
    var end = -1;
    for (var i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) {
      if (u32(b, i) === 0x06054b50) { end = i; break; }
    }
    if (end < 0) return Promise.reject(new Error("notzip"));
    var count = u16(b, end + 10);
    var at = u32(b, end + 16);
    var entries = [];
    var total = 0;
    var decoder = new TextDecoder("utf-8");
    for (var n = 0; n < count; n++) {
      if (at + 46 > b.length || u32(b, at) !== 0x02014b50) return Promise.reject(new Error("broken"));
      var nameLength = u16(b, at + 28);
      var entry = { method: u16(b, at + 10), packed: u32(b, at + 20), size: u32(b, at + 24),
        local: u32(b, at + 42), name: decoder.decode(b.subarray(at + 46, at + 46 + nameLength)) };
      total += entry.size;
      entries.push(entry);
      at += 46 + nameLength + u16(b, at + 30) + u16(b, at + 32);
    }
    if (total > maxUnpacked) return Promise.reject(new Error("toobig"));
    var out = {};
    return Promise.all(entries.map(function (e) {
      if (e.local + 30 > b.length || u32(b, e.local) !== 0x04034b50) return Promise.reject(new Error("broken"));
      var start = e.local + 30 + u16(b, e.local + 26) + u16(b, e.local + 28);
      var raw = b.subarray(start, start + e.packed);
      if (raw.length !== e.packed) return Promise.reject(new Error("broken"));
      if (e.method === 0) {
        out[e.name] = raw;
        return null;
      }
      if (e.method !== 8) return Promise.reject(new Error("method"));
      return inflate(raw, e.size).then(function (bytes) { out[e.name] = bytes; });
    })).then(function () { return out; });
  };

  /* The title in a workbook's docProps/core.xml `bytes` as openpyxl reads it (DocumentProperties
   * under defusedxml, as `xlsx import` loads it): the last child of the root element whose local
   * name is title, its text before its first child element (comments and processing instructions
   * skipped, as ElementTree skips them); null when there is none, when it is empty, when the part
   * is missing or cannot be read (decoded by its byte order mark: UTF-16, else UTF-8), and when it
   * has a document type with an internal subset (openpyxl refuses one declaring entities). A small
   * scanner, not DOMParser: the same in the browser and under Node (tests/test_form_xlsx.py). */
  RF.coreTitle = function (bytes) {
    try {
      return coreTitle(bytes);
    } catch (e) {
      return null;
    }
  };

  var XML_ENTITIES = { lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'" };

  function xmlText(raw) {
    var out = "";
    var at = 0;
    for (;;) {
      var amp = raw.indexOf("&", at);
      if (amp < 0) return out + raw.slice(at);
      var semi = raw.indexOf(";", amp);
      if (semi < 0) throw new Error("xml");
      var name = raw.slice(amp + 1, semi);
      var code = /^#x[0-9a-fA-F]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]{1,7}$/.test(name) ? Number(name.slice(1)) : -1;
      if (code >= 0 && code <= 0x10ffff) out += raw.slice(at, amp) + String.fromCodePoint(code);
      else if (Object.prototype.hasOwnProperty.call(XML_ENTITIES, name)) out += raw.slice(at, amp) + XML_ENTITIES[name];
      else throw new Error("xml");
      at = semi + 1;
    }
  }

  function coreTitle(bytes) {
    if (!bytes) return null;
    var b = new Uint8Array(bytes);
    var encoding = b[0] === 0xff && b[1] === 0xfe ? "utf-16le" : b[0] === 0xfe && b[1] === 0xff ? "utf-16be" : "utf-8";
    var text = new TextDecoder(encoding, { fatal: true }).decode(b).split("\r\n").join("\n").split("\r").join("\n");
    var open = [];
    var rooted = false;
    var title = null;
    var current = "";  // the text of the title being read
    var inTitle = false;
    var collecting = false;  // until the title's first child element
    var at = 0;
    for (;;) {
      var lt = text.indexOf("<", at);
      var chars = text.slice(at, lt < 0 ? text.length : lt);
      if (collecting) current += xmlText(chars);
      else if (!open.length && chars.trim()) throw new Error("xml");
      if (lt < 0) break;
      var end;
      if (text.startsWith("<!--", lt)) {
        end = text.indexOf("-->", lt + 4);
        if (end < 0) throw new Error("xml");
        at = end + 3;
      } else if (text.startsWith("<![CDATA[", lt)) {
        end = text.indexOf("]]>", lt + 9);
        if (end < 0 || !open.length) throw new Error("xml");
        if (collecting) current += text.slice(lt + 9, end);
        at = end + 3;
      } else if (text.startsWith("<?", lt)) {
        end = text.indexOf("?>", lt + 2);
        if (end < 0) throw new Error("xml");
        at = end + 2;
      } else if (text.startsWith("<!DOCTYPE", lt)) {
        end = text.indexOf(">", lt);
        if (end < 0 || rooted || text.slice(lt, end).indexOf("[") !== -1) throw new Error("xml");
        at = end + 1;
      } else {
        // A tag: its end is the first > outside a quoted attribute value.
        var quote = null;
        for (end = lt + 1; end < text.length; end++) {
          var c = text[end];
          if (quote) { if (c === quote) quote = null; } else if (c === "\"" || c === "'") quote = c; else if (c === ">") break;
        }
        if (end >= text.length) throw new Error("xml");
        var tag = text.slice(lt + 1, end);
        at = end + 1;
        if (tag[0] === "/") {
          if (open.pop() !== tag.slice(1).trim()) throw new Error("xml");
          if (open.length === 1 && inTitle) {
            title = current;
            inTitle = collecting = false;
          }
          continue;
        }
        var closed = tag[tag.length - 1] === "/";
        var name = (closed ? tag.slice(0, -1) : tag).split(/[\s]/)[0];
        if (!name || (!open.length && rooted)) throw new Error("xml");
        rooted = true;
        if (open.length === 1 && name.slice(name.indexOf(":") + 1) === "title") {
          current = "";
          if (closed) title = "";
          else inTitle = collecting = true;
        } else if (inTitle) {
          collecting = false;
        }
        if (!closed) open.push(name);
      }
    }
    if (open.length || !rooted) throw new Error("xml");
    return title || null;
  }

  function xml(bytes) {
    var doc = new DOMParser().parseFromString(new TextDecoder("utf-8").decode(bytes), "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new Error("xml");
    return doc;
  }

  function all(node, name) {
    return Array.prototype.slice.call(node.getElementsByTagNameNS("*", name));
  }

  function textOf(node) {
    // A rich-text string is its runs' <t>, without the phonetic <rPh> runs.
    return all(node, "t").filter(function (t) {
      return !(t.parentNode && t.parentNode.localName === "rPh");
    }).map(function (t) { return t.textContent; }).join("");
  }

  // openpyxl's `is_date_format`: the first section, quoted text and locale brackets left out.
  var STRIP = /".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]/g;
  var DATE_CODE = /(?<![_\\])[dmhysDMHYS]/;
  var BUILTIN_DATES = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47];

  function dateStyles(doc) {
    var custom = {};
    all(doc, "numFmt").forEach(function (f) { custom[f.getAttribute("numFmtId")] = f.getAttribute("formatCode"); });
    var xfs = all(doc, "cellXfs")[0];
    if (!xfs) return [];
    return all(xfs, "xf").map(function (xf) {
      var id = Number(xf.getAttribute("numFmtId") || 0);
      var code = custom[String(id)];
      if (code === undefined) return BUILTIN_DATES.indexOf(id) !== -1;
      return DATE_CODE.test(code.split(";")[0].replace(STRIP, ""));
    });
  }

  function columnOf(ref) {
    var m = /^([A-Z]+)/.exec(ref || "");
    if (!m) return null;
    var n = 0;
    for (var i = 0; i < m[1].length; i++) n = n * 26 + (m[1].charCodeAt(i) - 64);
    return n;
  }

  /* The number (1 to `books`) of the other workbook a formula reads from ([1] in
   * [1]Sheet1!$A$1), 0 when none: a [digits] that starts a reference, outside quoted text
   * (read.py, `external_book`). */
  RF.externalBook = function (formula, books) {
    var quoted = false;
    var end = -1;
    for (var n = 0; n < formula.length; n++) {
      var c = formula[n];
      if (c === '"') {
        quoted = !quoted;
      } else if (c === "[" && !quoted && (n === 0 || !/[\p{L}\p{N}_.\]]/u.test(formula[n - 1]))) {
        if (end < n) {  // the next ], looked for once per ]: linear however many [ there are
          end = formula.indexOf("]", n);
          if (end < 0) return 0;
        }
        var digits = end - n - 1 <= String(books).length ? formula.slice(n + 1, end) : "";  // never a long slice
        var number = digits.length && /^[0-9]+$/.test(digits) ? Number(digits) : 0;
        if (number > 0 && number <= books) return number;
      }
    }
    return 0;
  };

  /* {rows, beyond, external}: the sheet's first `maxRows` + 1 rows, `width` columns at most, the
   * first cell with content past them (below the header): one cell in column XFD would otherwise
   * make every row 16,384 values (read.py, `_page`); and the cells whose formulas read from one of
   * `books`, the workbook's links to other files. */
  function sheetRows(doc, strings, dates, maxRows, width, books, totalsFormulas) {
    var rows = [];
    var beyond = null;
    var external = {};
    var hiddenRows = [];
    var hiddenColumns = [];
    all(doc, "col").forEach(function (c) {
      if (!on(c.getAttribute("hidden"))) return;
      var last = Math.min(number(c.getAttribute("max")), width);
      for (var n = Math.max(number(c.getAttribute("min")), 1); n <= last; n++) hiddenColumns.push(n);
    });
    /* A cell's value as the reader reads it (openpyxl's, `data_only`): a formula's text, or a
     * shared string's index, is no content of its own. */
    function valueOf(c) {
      var t = c.getAttribute("t") || "n";
      var v = all(c, "v")[0];
      var raw = v ? v.textContent : null;
      if (t === "inlineStr") return textOf(all(c, "is")[0] || c);
      if (t === "e") return { unread: raw || "#VALUE!" };  // a formula's error value
      if (raw === null || raw === "") return all(c, "f").length ? { unread: "" } : null;  // a formula never calculated
      if (t === "s") return strings[Number(raw)];
      if (t === "str") return raw;
      if (t === "b") return raw === "1";
      if (t === "d") return isoCell(raw);
      var value = Number(raw);
      var style = Number(c.getAttribute("s") || 0);
      // A date cell: a time of day (under 1), its day, or, past the dates there are (1e+20), the
      // number as the file holds it.
      var time = dates[style] ? timeOfDay(value) : null;
      if (time !== null) return time;
      if (dates[style]) return isDay(value) ? dateCell(value) : { serial: raw };
      return value;
    }
    /* What `_blank` calls blank: nothing, or text of white space only. */
    function empty(c) {
      var value = valueOf(c);
      return value === null || value === undefined || (typeof value === "string" && !value.trim());
    }
    var shared = {};  // a shared formula is written once, at its first cell; the others name it by si
    var sharedSums = {};
    var sums = {};
    var lost = [];
    var last = 0;  // the last row placed
    var stopped = false;
    all(doc, "row").forEach(function (row, index) {
      if (stopped) return;
      var r = Number(row.getAttribute("r")) || index + 1;
      var shown = String(row.getAttribute("r") || r).slice(0, 24);
      var cellsOf = all(row, "c");
      var filled = cellsOf.filter(function (c) { return !empty(c); });
      var rowOf = function (c) {
        var m = /^[A-Z]{1,3}([0-9]+)$/.exec(c.getAttribute("r") || "");
        return m ? Number(m[1]) : r;
      };
      if (r > maxRows + 1 && r <= SHEET_ROWS && !filled.some(function (c) { return rowOf(c) !== r; })) {
        if (filled.length) {  // past the rows read: said, not dropped (read.py, `_page`)
          lost.push({ row: r, col: columnOf(filled[0].getAttribute("r")) || 1, message: "一张表最多读入 " + (maxRows + 1) +
            " 行（含标题行），第 " + r + " 行及以下的内容没有读入：请删去多余的行，或把内容移到上方的空行中。" });
          stopped = true;
        }
        return;
      }
      var why = misplaced(r, shown, last, cellsOf, rowOf);
      if (why) {
        if (filled.length && lost.length < MAX_LOST) {
          // At the row its first filled cell names, or the row the file numbers, when either is a sheet's row (read.py, `_place`).
          var valid = function (n) { return n >= 1 && n <= SHEET_ROWS; };
          var at = rowOf(filled[0]);
          var col = columnOf(filled[0].getAttribute("r")) || 1;
          lost.push(valid(at) ? { row: at, col: col, message: why } : valid(r) ? { row: r, col: col, message: why }
            : { row: last + 1, col: 1, message: why });
        }
        return;
      }
      last = r;
      if (on(row.getAttribute("hidden"))) hiddenRows.push(r);
      var values = [];
      var next = 1;
      all(row, "c").forEach(function (c) {
        var col = columnOf(c.getAttribute("r")) || next;
        next = col + 1;
        if (col > width) {
          if (!beyond && r >= 2 && !empty(c)) beyond = [r, col];
          return;
        }
        var f = all(c, "f")[0];
        if (f && books.length) {
          var book = f.getAttribute("t") === "shared" && !f.textContent ? shared[f.getAttribute("si")] || 0
            : RF.externalBook(f.textContent, books.length);
          if (f.getAttribute("t") === "shared" && f.textContent) shared[f.getAttribute("si")] = book;
          if (book > 0 && book <= books.length) external[r + "," + col] = books[book - 1];
        }
        if (f) {  // a formula summing its own column above (read.py, `Parser._sum`)
          var si = f.getAttribute("si");
          var follower = f.getAttribute("t") === "shared" && !f.textContent;
          var sums1 = follower ? !!sharedSums[si] : RF.columnSum(f.textContent, r, col, totalsFormulas);
          if (f.getAttribute("t") === "shared" && !follower) sharedSums[si] = sums1;
          if (sums1) (sums[r] = sums[r] || {})[col] = follower ? "" : f.textContent.trim();
        }
        var value = valueOf(c);
        values[col - 1] = value === undefined ? null : value;
      });
      for (var k = 0; k < values.length; k++) if (values[k] === undefined) values[k] = null;
      rows[r - 1] = values;
    });
    for (var k = 0; k < rows.length; k++) if (!rows[k]) rows[k] = [];
    return { rows: rows, beyond: beyond, external: external, hiddenRows: hiddenRows, hiddenColumns: hiddenColumns, sums: sums,
      lost: lost };
  }

  /* Why the row the file numbers `r` (written `shown`, after row `last`) cannot be placed, "" when
   * it can (read.py, `_misplaced`). */
  function misplaced(r, shown, last, cells, rowOf) {
    if (!(r >= 1 && r <= SHEET_ROWS)) {
      return "文件中这一行的行号 " + shown + " 超出了工作表的范围（1 至 " + SHEET_ROWS + "），这一行没有读入：" + RESAVE;
    }
    if (r <= last) return "文件中第 " + r + " 行写在第 " + last + " 行之后（行的顺序错乱或重复），这一行没有读入：" + RESAVE;
    var other = cells.filter(function (c) { return rowOf(c) !== r; })[0];
    if (other) {
      return "文件中第 " + r + " 行里的单元格写的是第 " + String(rowOf(other)).slice(0, 24) + " 行的位置，两者不一致，这一行没有读入：" + RESAVE;
    }
    var seen = {};
    var next = 1;
    for (var i = 0; i < cells.length; i++) {
      var col = columnOf(cells[i].getAttribute("r")) || next;
      next = col + 1;
      if (seen[col]) return "文件中第 " + r + " 行有两个单元格写在同一位置，这一行没有读入：" + RESAVE;
      seen[col] = true;
    }
    return "";
  }

  /* An XML boolean attribute set: hidden="1" or hidden="true" (read.py, `_on`). */
  function on(flag) {
    return flag === "1" || flag === "true";
  }

  /* A column number as the XML writes it (min="3"); 0 when it is none (read.py, `_number`). */
  function number(text) {
    return text && text.length <= 5 && /^[0-9]+$/.test(text) ? Number(text) : 0;
  }

  /* {"row,column": address} of a sheet's hyperlinks to the web (read.py, `_links`). */
  function sheetLinks(doc, files, part, maxRows, width) {
    var found = {};
    var refs = all(doc, "hyperlink");
    if (!refs.length) return found;
    var slash = part.lastIndexOf("/");
    var rels = files[part.slice(0, slash) + "/_rels/" + part.slice(slash + 1) + ".rels"];
    var targets = {};
    if (rels) {
      all(xml(rels), "Relationship").forEach(function (r) {
        if (r.getAttribute("TargetMode") === "External" && r.getAttribute("Target")) targets[r.getAttribute("Id")] = r.getAttribute("Target");
      });
    }
    var budget = (maxRows + 1) * width;  // cells the links may cover in all, as read.py `_links`
    refs.every(function (h) {
      var rid = h.getAttributeNS(REL_NS, "id") || h.getAttribute("r:id");
      var m = /^([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?$/.exec(h.getAttribute("ref") || "");
      if (!m || !rid || !Object.prototype.hasOwnProperty.call(targets, rid)) return true;
      var c0 = columnOf(m[1]), r0 = Number(m[2]);
      var c1 = m[3] ? columnOf(m[3]) : c0, r1 = m[4] ? Number(m[4]) : r0;
      budget -= Math.max(0, Math.min(r1, maxRows + 1) - r0 + 1) * Math.max(0, Math.min(c1, width) - c0 + 1);
      if (budget < 0) return false;
      for (var r = r0; r <= Math.min(r1, maxRows + 1); r++) {
        for (var c = c0; c <= Math.min(c1, width); c++) found[r + "," + c] = targets[rid];
      }
      return true;
    });
    return found;
  }

  function resolve(base, target) {
    if (target.charAt(0) === "/") return target.slice(1);
    var parts = base.split("/").slice(0, -1).concat(target.split("/"));
    var out = [];
    parts.forEach(function (p) {
      if (p === "..") out.pop();
      else if (p && p !== ".") out.push(p);
    });
    return out.join("/");
  }

  /* The file names of the other workbooks this one's formulas read from, by number ([1] is the
   * first): each external link's relationship names its file (read.py, `_external_books`). */
  function externalBooks(book, files, rels) {
    return all(book, "externalReference").map(function (e) {
      var part = rels[e.getAttributeNS(REL_NS, "id") || e.getAttribute("r:id")] || "";
      var slash = part.lastIndexOf("/");
      var linkRels = files[part.slice(0, slash) + "/_rels/" + part.slice(slash + 1) + ".rels"];
      var name = "";
      if (linkRels) {
        all(xml(linkRels), "Relationship").forEach(function (r) {
          var target = r.getAttribute("Target");
          if (!target || r.getAttribute("TargetMode") !== "External") return;
          try { target = decodeURIComponent(target); } catch (e) { /* kept as written */ }
          target = target.split("\\").join("/");
          var end = target.length;  // trailing slashes stripped by a loop: /\/+$/ is quadratic in V8
          while (end > 0 && target[end - 1] === "/") end -= 1;
          name = target.slice(target.lastIndexOf("/", end - 1) + 1, end);
        });
      }
      return name || "另一个文件";
    });
  }

  /* {sheetName: rows} of an .xlsx file, `width` columns read (RF.workbookWidth), the formulas that
   * sum their own column kept beside them (`totalsFormulas`: the layout's totals.formulas); rejects
   * with an Error whose message is Chinese. */
  RF.readXlsx = function (buffer, limits, width, totalsFormulas) {
    return RF.unzip(buffer, limits.max_unpacked_bytes).catch(function (e) {
      throw new Error(e.message === "toobig" ? "工作簿解压后超过 " + limits.max_unpacked_bytes / 1e6 + " MB：请删除无关的工作表和图片。"
        : "这不是 .xlsx 工作簿，或文件已损坏：旧的 .xls 或 .et 格式请先在 Excel 或 WPS 中“另存为” .xlsx。");
    }).then(function (files) {
      try {
        var book = xml(files["xl/workbook.xml"]);
        var rels = {};
        all(xml(files["xl/_rels/workbook.xml.rels"]), "Relationship").forEach(function (r) {
          rels[r.getAttribute("Id")] = resolve("xl/workbook.xml", r.getAttribute("Target"));
        });
        var strings = files["xl/sharedStrings.xml"] ? all(xml(files["xl/sharedStrings.xml"]), "si").map(textOf) : [];
        var dates = files["xl/styles.xml"] ? dateStyles(xml(files["xl/styles.xml"])) : [];
        var sheets = {};
        var merged = {};
        var past = {};
        var linked = {};
        var external = {};
        var hidden = {};
        var sums = {};
        var lostRows = {};
        var books = externalBooks(book, files, rels);
        var names = [];
        all(book, "sheet").forEach(function (s) {
          var id = s.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id") || s.getAttribute("r:id");
          var part = files[rels[id]];
          if (!part) return;
          var doc = xml(part);
          names.push(s.getAttribute("name"));
          var read = sheetRows(doc, strings, dates, limits.max_rows, width, books, totalsFormulas || []);
          sums[s.getAttribute("name")] = read.sums;
          if (read.lost.length) lostRows[s.getAttribute("name")] = read.lost;
          external[s.getAttribute("name")] = read.external;
          linked[s.getAttribute("name")] = sheetLinks(doc, files, rels[id], limits.max_rows, width);
          sheets[s.getAttribute("name")] = read.rows;
          if (read.beyond) past[s.getAttribute("name")] = read.beyond;
          hidden[s.getAttribute("name")] = { sheet: s.getAttribute("state") === "hidden" || s.getAttribute("state") === "veryHidden",
            rows: read.hiddenRows, columns: read.hiddenColumns };
          merged[s.getAttribute("name")] = all(doc, "mergeCell").map(function (m) { return m.getAttribute("ref"); });
        });
        // Merged cells keep only their first cell's value: said, as xlsx import says them.
        RF.withMerged(sheets, merged);
        RF.withSums(sheets, sums);
        Object.defineProperty(sheets, BEYOND, { value: past, enumerable: false });
        Object.defineProperty(sheets, LOST, { value: lostRows, enumerable: false });
        Object.defineProperty(sheets, LINKS, { value: linked, enumerable: false });
        Object.defineProperty(sheets, EXTERNAL, { value: external, enumerable: false });
        // Read only when the cover's 年度 cell is blank, and never a reason to refuse the workbook.
        RF.withTitle(sheets, function () { return RF.coreTitle(files["docProps/core.xml"]); });
        return RF.withHidden(RF.inOrder(sheets, names), hidden);
      } catch (err) {
        throw new Error("工作簿的内容无法读取：请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。");
      }
    });
  };

  /* ---- writing a report as a workbook (the form's download; RF.zip stores the parts) -------- */

  var NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  var HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

  function esc(text) {
    return String(text).replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function letter(n) {
    return cellName("", 1, n + 1).slice(1, -1);
  }

  // Styles, as `xlsx template`'s formats (write.py): 0 none, 1 header (bold, shaded), 2 date, 3 text
  // (wraps), 4 plain; all but none at the top of their cell. A text cell is always an inline string:
  // a value that starts with =, +, - or @ is never a formula.
  var STYLES = HEAD + "<styleSheet " + NS + '><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EAF6"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  var HEADER = 1, DATE_STYLE = 2, WRAPPED = 3, PLAIN = 4;

  function styled(style) {
    return style ? ' s="' + style + '"' : "";
  }

  function stringXml(ref, text, style) {
    return '<c r="' + ref + '"' + styled(style) + ' t="inlineStr"><is><t xml:space="preserve">' + esc(text) + "</t></is></c>";
  }

  /* A cell as `xlsx template` writes it (write.py, `cell`): a date in the date style, text wrapped,
   * a number and 是/否 in their column's style (`columnStyle`). Without a column, `value` is a
   * text in `style` (a header, a note). */
  function cellXml(ref, column, value, layout, style, columnStyle) {
    if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return "";
    if (!column) return stringXml(ref, value, style);
    var kind = column.kind;
    if (kind === "choice" && typeof value === "string" && column.codes && Object.prototype.hasOwnProperty.call(column.codes, value)) {
      value = column.codes[value];
    }
    if (kind === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      var parts = value.split("-").map(Number);
      var serial = (Date.UTC(parts[0], parts[1] - 1, parts[2]) - EPOCH) / 86400000;
      return '<c r="' + ref + '" s="' + DATE_STYLE + '"><v>' + serial + "</v></c>";
    }
    if ((kind === "int" || kind === "number") && typeof value === "number" && isFinite(value)) {
      return '<c r="' + ref + '"' + styled(columnStyle) + "><v>" + value + "</v></c>";
    }
    if (kind === "bool" && typeof value === "boolean") return stringXml(ref, value ? "是" : "否", columnStyle);
    return stringXml(ref, Array.isArray(value) ? value.join(layout.separator) : String(value), WRAPPED);
  }

  /* The text a cell shows (a choice's label, a list joined), whose lines its row's height counts. */
  function shown(column, value, layout) {
    if (Array.isArray(value)) return value.join(layout.separator);
    if (column.kind === "choice" && typeof value === "string" && column.codes && Object.prototype.hasOwnProperty.call(column.codes, value)) {
      return column.codes[value];
    }
    return String(value);
  }

  // Characters a Chinese font prints as wide as a Chinese character, below the CJK blocks (layout.py, `_WIDE`).
  var WIDE = "‘’“”…—";

  /* `text`'s width in a column's units: a Chinese character (or quote, or dash) takes two (layout.py, `text_width`). */
  function textWidth(text) {
    var wide = 0;
    for (var i = 0; i < text.length; i++) wide += text.charCodeAt(i) > 0x2E7F || WIDE.indexOf(text[i]) !== -1 ? 2 : 1;
    return wide;
  }

  /* The lines `text` wraps to in a column `width` wide (layout.py, `text_lines`). */
  function lines(text, width) {
    return String(text).split("\n").reduce(function (sum, part) {
      return sum + Math.max(1, Math.ceil(textWidth(part) / Math.max(1, width - 1)));
    }, 0);
  }

  /* A column's width as Excel stores it, as xlsxwriter writes `set_column`'s: its characters and the
   * cell's padding of 5 pixels, in 7-pixel digits to 1/256 (14 is stored as 14.7109375). */
  function stored(width) {
    return Math.floor((Math.floor(width * 7 + 0.5) + 5) * 256 / 7) / 256;
  }

  /* A data sheet's column's width: a long text's, else its kind's (layout.py, `column_width`). */
  function columnWidth(column, printed) {
    return printed.long_keys.indexOf(column.key) !== -1 ? printed.long : (printed.widths[column.kind] || 14);
  }

  function quoted(name) {
    return "'" + name.replace(/'/g, "''") + "'";
  }

  /* A sheet's part: its rows (cells' XML) and their heights (in lines, at `line` points each),
   * its columns' widths and styles, its checks and notes, and how it prints (write.py): `print`
   * "data", A4 landscape as wide as the page with narrow margins, the header row frozen and on every
   * page; "guide", A4 portrait as wide as the page; none, not printed (the hidden 选项). */
  function sheetXml(s, line, selected) {
    var body = s.rows.map(function (cells, r) {
      var tall = s.heights && s.heights[r] ? ' ht="' + line * s.heights[r] + '" customHeight="1"' : "";
      return '<row r="' + (r + 1) + '"' + tall + ">" + cells.join("") + "</row>";
    }).join("");
    var cols = s.widths.map(function (w, i) {
      return '<col min="' + (i + 1) + '" max="' + (i + 1) + '" width="' + stored(w) + '"' + ((s.styles || [])[i] ? ' style="' + s.styles[i] + '"' : "") + ' customWidth="1"/>';
    }).join("");
    var dv = s.validations.length ? '<dataValidations count="' + s.validations.length + '">' + s.validations.join("") + "</dataValidations>" : "";
    var data = s.print === "data";
    var view = data ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' : "";
    return HEAD + "<worksheet " + NS + ">" + (s.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
      '<sheetViews><sheetView' + (selected ? ' tabSelected="1"' : "") + ' workbookViewId="0">' + view + "</sheetView></sheetViews>" +
      (cols ? "<cols>" + cols + "</cols>" : "") + "<sheetData>" + body + "</sheetData>" + dv +
      (data ? '<pageMargins left="0.3" right="0.3" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>' +
        '<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/>' : "") +
      (s.print === "guide" ? '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
        '<pageSetup paperSize="9" orientation="portrait" fitToHeight="0"/>' : "") +
      (s.print ? "" : '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>') +
      (s.comments.length ? '<legacyDrawing r:id="rId1"/>' : "") + "</worksheet>";
  }

  /* A sheet's notes on its cells ({ref, row, col, text}): the comments part, and the drawing
   * Excel and WPS show them with (a hidden note beside its cell, shown on pointing at it), as
   * `xlsx template` writes them. `n`: the sheet's number, each drawing's shapes numbered apart. */
  function commentsXml(comments) {
    return HEAD + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author></author></authors><commentList>' +
      comments.map(function (c) {
        return '<comment ref="' + c.ref + '" authorId="0"><text><r><t xml:space="preserve">' + esc(c.text) + "</t></r></text></comment>";
      }).join("") + "</commentList></comments>";
  }

  function notesVml(comments, n) {
    return '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="' + n + '"/></o:shapelayout>' +
      '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>' +
      '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
      comments.map(function (c, i) {
        return '<v:shape id="_x0000_s' + (n * 1024 + i + 1) + '" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:1.5pt;' +
          'width:192pt;height:83.25pt;z-index:' + (i + 1) + ';visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">' +
          '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
          '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
          '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>' +
          [c.col + 1, 15, c.row, 10, c.col + 3, 15, c.row + 5, 4].join(", ") + "</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>" + c.row +
          "</x:Row><x:Column>" + c.col + "</x:Column></x:ClientData></v:shape>";
      }).join("") + "</xml>";
  }

  /* The report `data` (labels, ISO dates) as the year's workbook: the parts RF.zip stores, with
   * the notes on the headers, the dropdowns and the date checks `xlsx template` gives (the words
   * are the layout's, validators/xlsx/layout.py). `profile`: a new society's profile (society.yaml's
   * fields), on the 学会资料 sheet after the cover; none, no such sheet. */
  RF.workbookParts = function (data, layout, profile) {
    var sheets = [];
    var lists = [["是", "否"]];
    var listTitles = ["是/否"];
    var checks = layout.checks;
    function source(column) {
      var choices = column.kind === "bool" ? ["是", "否"] : column.choices;
      var key = JSON.stringify(choices);
      var n = lists.map(function (l) { return JSON.stringify(l); }).indexOf(key);
      if (n === -1) {
        lists.push(choices);
        listTitles.push(column.title);
        n = lists.length - 1;
      }
      return "'" + layout.options_sheet + "'!$" + letter(n) + "$2:$" + letter(n) + "$" + (choices.length + 1);
    }
    function check(type, style, column, sqref, formulas) {
      return '<dataValidation type="' + type + '" errorStyle="' + style + '"' +
        ' allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="' + esc(column.title) + '" error="' +
        esc(type === "date" ? checks.date_error : checks.list_error) + '" sqref="' + sqref + '">' + formulas + "</dataValidation>";
    }
    function validation(column, sqref) {
      if (column.kind === "date") {
        return check("date", "warning", column, sqref, "<formula1>" + checks.dates[0] + "</formula1><formula2>" + checks.dates[1] + "</formula2>");
      }
      if (column.kind !== "bool" && !(column.choices && column.choices.length)) return null;
      var style = column.kind === "text" && !column.closed ? "information" : "warning";  // a suggested text may be another
      return check("list", style, column, sqref, "<formula1>" + esc(source(column)) + "</formula1>");
    }
    function at(path) {
      var node = data;
      path.forEach(function (k) { node = node && typeof node === "object" ? node[k] : undefined; });
      return node;
    }
    function note(comments, row, col, text) {
      if (text) comments.push({ ref: letter(col) + (row + 1), row: row, col: col, text: text });
    }
    var printed = layout.printed;
    function blankable(c) {  // a text column's empty cell keeps the text format (write.py, `write_blank`)
      return c.kind === "text" || c.kind === "choice" || c.kind === "list";
    }
    function ownStyle(c) {  // the style of a data sheet's column (write.py, `sheet`)
      return blankable(c) ? WRAPPED : c.kind === "date" ? DATE_STYLE : PLAIN;
    }
    // The guide first, the sheet the workbook opens at and prints first (write.py, `workbook_bytes`)
    // with the society after its title, as `guide_lines` names it
    var guideWidth = printed.guide;
    var guide = layout.guide.map(function (line, i) { return i === 0 && data.society ? line + "（" + data.society + "）" : line; });
    sheets.push({ name: layout.guide_sheet, rows: guide.map(function (line, i) {
      return [cellXml("A" + (i + 1), null, line, layout, WRAPPED)];
    }), heights: guide.map(function (line) { return lines(line, guideWidth); }), widths: [guideWidth], styles: [WRAPPED],
    validations: [], comments: [], print: "guide" });
    // The cover, each row's help beside it
    var coverWidths = printed.cover;
    var coverRows = [["项目", "填写", "说明"].map(function (h, i) { return cellXml(letter(i) + "1", null, h, layout, HEADER); })];
    var coverValidations = [];
    var coverHeights = [0];
    layout.cover.forEach(function (c, i) {
      var r = i + 2;
      var value = at(c.path);
      coverHeights.push(Math.max(lines(c.header, coverWidths[0]), lines(c.note || "", coverWidths[2])));
      var written = cellXml("B" + r, c, value, layout, WRAPPED, PLAIN);
      coverRows.push([cellXml("A" + r, null, c.header, layout, WRAPPED),
        written || (blankable(c) ? '<c r="B' + r + '" s="' + WRAPPED + '"/>' : ""),
        cellXml("C" + r, null, c.note, layout, WRAPPED)]);
      var v = validation(c, "B" + r);
      if (v) coverValidations.push(v);
    });
    sheets.push({ name: layout.cover_sheet, rows: coverRows, widths: coverWidths, styles: [0, PLAIN, WRAPPED], validations: coverValidations,
      comments: [], heights: coverHeights, print: "data" });
    // A new society's profile: a row per field, its help in the note on its title
    if (profile) {
      var profileRows = [layout.profile_headers.map(function (h, i) { return cellXml(letter(i) + "1", null, h, layout, HEADER); })];
      var profileValidations = [];
      var profileNotes = [];
      layout.profile.forEach(function (c, i) {
        var r = i + 2;
        var written = cellXml("B" + r, c, profile[c.key], layout, WRAPPED, WRAPPED);
        profileRows.push([cellXml("A" + r, null, c.header, layout, WRAPPED),
          written || (blankable(c) ? '<c r="B' + r + '" s="' + WRAPPED + '"/>' : "")]);
        note(profileNotes, r - 1, 0, c.note);
        var v = validation(c, "B" + r);
        if (v) profileValidations.push(v);
      });
      sheets.push({ name: layout.profile_sheet, rows: profileRows, widths: printed.profile, styles: [0, WRAPPED],
        validations: profileValidations, comments: profileNotes, print: "data" });
    }
    // A sheet per list, each row as tall as its longest text needs
    layout.sheets.forEach(function (sheet) {
      var columns = (sheet.parent ? [{ key: layout.parent, title: layout.parent, header: layout.parent + " *", kind: "text", choices: [],
        note: checks.parent_note }] : []).concat(sheet.columns);
      var widths = columns.map(function (c) { return columnWidth(c, printed); });
      var rows = [columns.map(function (c, i) { return cellXml(letter(i) + "1", null, c.header, layout, HEADER); })];
      var heights = [Math.max.apply(null, columns.map(function (c, i) { return lines(c.header, widths[i]); }))];
      var notes = [];
      columns.forEach(function (c, i) { note(notes, 0, i, c.note); });
      var items = [];
      if (sheet.parent) {
        var parentSheet = layout.sheets.filter(function (s) {
          return s.path.length === sheet.path.length - 1 && s.path.every(function (k, i) { return k === sheet.path[i]; });
        })[0];
        (at(parentSheet.path) || []).forEach(function (owner) {
          (owner[sheet.parent] || []).forEach(function (item) { items.push([owner.id, item]); });
        });
      } else {
        (at(sheet.path) || []).forEach(function (item) { items.push([null, item]); });
      }
      items.forEach(function (pair, n) {
        var tallest = 1;
        rows.push(columns.map(function (c, i) {
          var value = c.key === layout.parent ? pair[0] : pair[1][c.key];
          if (blankable(c) && value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && !value.length)) {
            tallest = Math.max(tallest, lines(shown(c, value, layout), widths[i]));
          }
          return cellXml(letter(i) + (n + 2), c, value, layout, WRAPPED, ownStyle(c));
        }));
        heights.push(tallest);
      });
      var validations = columns.map(function (c, i) {
        return validation(c, letter(i) + "2:" + letter(i) + (checks.rows + 1));
      }).filter(Boolean);
      sheets.push({ name: sheet.name, rows: rows, heights: heights, widths: widths, styles: columns.map(ownStyle),
        validations: validations, comments: notes, print: "data" });
    });
    // The lists the dropdowns name, on a hidden sheet (hidden, not very hidden: it can be unhidden)
    var optionRows = [];
    var longest = Math.max.apply(null, lists.map(function (l) { return l.length; }));
    for (var r = 0; r <= longest; r++) {
      optionRows.push(lists.map(function (l, n) {
        return r === 0 ? cellXml(letter(n) + "1", null, listTitles[n], layout, HEADER)
          : cellXml(letter(n) + (r + 1), null, l[r - 1], layout, 0);
      }));
    }
    sheets.push({ name: layout.options_sheet, rows: optionRows, validations: [], comments: [], hidden: true,
      widths: lists.map(function (l, n) {
        return Math.max(10, Math.min(40, Math.max.apply(null, [listTitles[n]].concat(l).map(textWidth)) + 2));
      }) });

    var parts = [];
    parts.push({ name: "[Content_Types].xml", text: HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      sheets.map(function (s, i) {
        return '<Override PartName="/xl/worksheets/sheet' + (i + 1) + '.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          (s.comments.length ? '<Override PartName="/xl/comments' + (i + 1) + '.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>' : "");
      }).join("") + "</Types>" });
    parts.push({ name: "_rels/.rels", text: HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>' });
    // The title `xlsx template` writes (layout.py, `template_title`): a 年度 cell emptied later is
    // read as this year (RF.coverYear).
    parts.push({ name: "docProps/core.xml", text: HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>' + esc(layout.year + layout.title_after_year) + "</dc:title></cp:coreProperties>" });
    // Opened at the first sheet (the guide); the 选项 sheet hidden; each data sheet's header row
    // printed on every page (its print titles, as write.py's `repeat_rows`).
    parts.push({ name: "xl/workbook.xml", text: HEAD + "<workbook " + NS + '><bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
      sheets.map(function (s, i) {
        return '<sheet name="' + esc(s.name) + '" sheetId="' + (i + 1) + '"' + (s.hidden ? ' state="hidden"' : "") + ' r:id="rId' + (i + 1) + '"/>';
      }).join("") + "</sheets><definedNames>" + sheets.map(function (s, i) {
        return s.print === "data" ? '<definedName name="_xlnm.Print_Titles" localSheetId="' + i + '">' + esc(quoted(s.name)) + "!$1:$1</definedName>" : "";
      }).join("") + "</definedNames></workbook>" });
    parts.push({ name: "xl/_rels/workbook.xml.rels", text: HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets.map(function (s, i) {
        return '<Relationship Id="rId' + (i + 1) + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet' + (i + 1) + '.xml"/>';
      }).join("") + '<Relationship Id="rId' + (sheets.length + 1) + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>' });
    parts.push({ name: "xl/styles.xml", text: STYLES });
    sheets.forEach(function (s, i) {
      parts.push({ name: "xl/worksheets/sheet" + (i + 1) + ".xml", text: sheetXml(s, printed.line, i === 0) });
      if (!s.comments.length) return;
      var rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
      parts.push({ name: "xl/worksheets/_rels/sheet" + (i + 1) + ".xml.rels", text: HEAD +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + rel + 'vmlDrawing" Target="../drawings/vmlDrawing' + (i + 1) + '.vml"/>' +
        '<Relationship Id="rId2" Type="' + rel + 'comments" Target="../comments' + (i + 1) + '.xml"/></Relationships>' });
      parts.push({ name: "xl/comments" + (i + 1) + ".xml", text: commentsXml(s.comments) });
      parts.push({ name: "xl/drawings/vmlDrawing" + (i + 1) + ".vml", text: notesVml(s.comments, i + 1) });
    });
    return parts;
  };

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
