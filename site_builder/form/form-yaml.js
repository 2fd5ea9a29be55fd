/* Report form: YAML in (js-yaml, errors in Chinese with line and column) and YAML out. */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var jsyaml = window.jsyaml;

  /* A date the form writes unquoted (2017-05-12), the way the validator reads dates. Any other
   * string that a YAML reader could take for a date, number or boolean is quoted by js-yaml,
   * because the dump schema below knows timestamps and the YAML 1.1 booleans (yes, on, …). */
  function IsoDate(text) {
    this.text = text;
  }
  var isoDateType = new jsyaml.Type("tag:report-form,2024:date", {
    kind: "scalar",
    resolve: function () {
      return false;
    },
    instanceOf: IsoDate,
    represent: function (d) {
      return d.text;
    },
  });
  var DUMP_SCHEMA = jsyaml.DEFAULT_SCHEMA.extend({ implicit: [isoDateType] });
  var DUMP_OPTIONS = {
    schema: DUMP_SCHEMA,
    indent: 2,
    noArrayIndent: true,
    lineWidth: -1,
    noRefs: true,
    quotingType: '"',
  };

  /* How the validator types a plain value (validators/yaml/scalars.py): YAML 1.2's core schema
   * minus its traps. A number is written as a reader writes it; a leading zero (017), another
   * base (0x10, 0o17, 0b101), a plus sign (+12) or an underscore (1_000) keeps the value text,
   * which the checks refuse where a number belongs. js-yaml's core schema read all of these as
   * numbers, so an imported 0x10 became 16 in the form and in the file it writes. */
  var INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
  var DECIMAL = /^-?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
  var SPECIAL = { ".inf": Infinity, "+.inf": Infinity, "-.inf": -Infinity, ".Inf": Infinity, ".nan": NaN, ".NaN": NaN };
  function plainNumber(text) {
    return Number(text) + 0; // -0 is 0, as in Python
  }
  var intType = new jsyaml.Type("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: function (text) {
      return text !== null && INTEGER.test(text);
    },
    construct: plainNumber,
  });
  var floatType = new jsyaml.Type("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: function (text) {
      return text !== null && (DECIMAL.test(text) || Object.prototype.hasOwnProperty.call(SPECIAL, text));
    },
    construct: function (text) {
      return Object.prototype.hasOwnProperty.call(SPECIAL, text) ? SPECIAL[text] : plainNumber(text);
    },
  });
  var READ_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
    implicit: [jsyaml.types.null, jsyaml.types.bool, intType, floatType],
  });

  var HINTS = [
    ["duplicated mapping key", "同一层出现了重复的键：每个键只能写一次。"],
    ["bad indentation", "缩进不对：同一层的键要对齐，下一层多缩进两个空格。"],
    ["tab characters must not be used", "不能用 Tab 键缩进，请改用空格。"],
    ["end of the stream or a document separator is expected", "这一行的缩进或格式与上文不一致，或文字中的冒号后缺少空格。"],
    ["a multiline key may not be an implicit key", "这一行缺少“键: 值”中的冒号，或上一行的引号没有闭合。"],
    ["incomplete explicit mapping pair", "这一行缺少“键: 值”中的冒号。"],
    ["unexpected end of the stream within a double quoted scalar", "双引号没有闭合。"],
    ["unexpected end of the stream within a single quoted scalar", "单引号没有闭合。"],
    ["unexpected end of the stream within a flow collection", "方括号或花括号没有闭合。"],
    ["missed comma between flow collection entries", "方括号或花括号里的各项之间缺少逗号。"],
    ["unknown escape sequence", "双引号文字中的反斜杠 \\ 需写成 \\\\，或改用单引号。"],
    ["unidentified alias", "不允许使用别名（*名称）。"],
    ["unknown tag", "不允许使用 ! 开头的标签。"],
    ["expected a single document", "一个文件只能有一个 YAML 文档：请删除“---”分隔的第二部分。"],
    ["the stream contains non-printable characters", "文件中含有不可见的控制字符，请删除。"],
    ["cannot resolve a node with", "这一行的写法无法识别，请检查冒号、引号和缩进。"],
  ];

  function hint(reason) {
    for (var i = 0; i < HINTS.length; i++) {
      if (reason.indexOf(HINTS[i][0]) !== -1) return HINTS[i][1];
    }
    return "请检查这一行附近的缩进、冒号和引号。";
  }

  /* {data} or {error: {line, column, message, reason, snippet}} with 1-based line and column.
   * Values are typed as the validator types them (READ_SCHEMA); dates stay text (the schema has
   * no timestamps), so the form sees them as typed. */
  RF.parseYaml = function (text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    var data;
    try {
      data = jsyaml.load(text, { schema: READ_SCHEMA, json: false });
    } catch (e) {
      if (!(e instanceof jsyaml.YAMLException)) throw e;
      var mark = e.mark || {};
      var line = (mark.line || 0) + 1;
      var column = (mark.column || 0) + 1;
      return {
        error: {
          line: line,
          column: column,
          message: "YAML 语法错误（第 " + line + " 行，第 " + column + " 列）：" + hint(e.reason || ""),
          reason: e.reason || String(e.message),
          snippet: mark.snippet || "",
        },
      };
    }
    if (data === undefined || data === null) {
      return { error: { line: 1, column: 1, message: "文件是空的：没有可导入的内容。", reason: "", snippet: "" } };
    }
    if (!RF.isObject(data)) {
      return {
        error: {
          line: 1,
          column: 1,
          message: "文件的最外层应为“键: 值”的映射（society: …、year: … 等），现在不是。",
          reason: "",
          snippet: "",
        },
      };
    }
    return { data: data };
  };

  /* Data in schema order, without empty values, with dates marked for unquoted output. */
  RF.outputTree = function (value, schema, root) {
    var s = RF.resolveSchema(schema, root);
    if (Array.isArray(value)) {
      var items = value.map(function (v) {
        return RF.outputTree(v, s.items || {}, root);
      }).filter(function (v) {
        return v !== undefined;
      });
      return items.length ? items : undefined;
    }
    if (RF.isObject(value)) {
      var out = {};
      var props = s.properties || {};
      var keys = Object.keys(props).filter(function (k) {
        return RF.own(value, k);
      });
      Object.keys(value).forEach(function (k) {
        if (!RF.own(props, k)) keys.push(k); // unknown keys are kept: the checks name them
      });
      keys.forEach(function (k) {
        var v = RF.outputTree(value[k], props[k] || {}, root);
        if (v !== undefined) out[k] = v;
      });
      return Object.keys(out).length ? out : undefined;
    }
    if (value === null || value === undefined || value === "") return undefined;
    if (s.format === "date" && RF.isIsoDate(value)) return new IsoDate(value);
    return value;
  };

  /* The file: modeline and header comments, then one block per top-level key, each area
   * preceded by its title as a comment. */
  RF.dumpYaml = function (tree, header, sectionTitles) {
    // A header line may hold text from the user's files (a workbook's sheet name): a line break
    // in it would end the comment and write YAML of its own.
    var lines = header.map(function (h) {
      return "# " + String(h).replace(/[\r\n\u0085\u2028\u2029]+/g, " ");
    });
    var first = {};
    var rest = [];
    Object.keys(tree || {}).forEach(function (k) {
      if (sectionTitles[k]) rest.push(k);
      else first[k] = tree[k];
    });
    var text = lines.join("\n") + "\n";
    if (Object.keys(first).length) text += jsyaml.dump(first, DUMP_OPTIONS);
    rest.forEach(function (k) {
      var block = {};
      block[k] = tree[k];
      text += "\n# " + sectionTitles[k].replace(/\s+/g, " ") + "\n" + jsyaml.dump(block, DUMP_OPTIONS);
    });
    return text;
  };
})();
