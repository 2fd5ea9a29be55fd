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

  /* What `check` refuses before it reads a file, found while js-yaml reads it: `kind` is
   * "too_deep" (E-YAML-TOO-DEEP) or "alias" (E-YAML-ALIAS), `at` the offset libyaml's event
   * stream marks. */
  function Refused(kind, at) {
    this.kind = kind;
    this.at = at;
  }

  /* Where a node starts: js-yaml tells a node's composing before the spaces, line breaks and
   * comments ahead of it are read. */
  function nodeStart(input, pos) {
    for (;;) {
      var c = input.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        pos++;
      } else if (c === 35) {
        while (pos < input.length && input.charCodeAt(pos) !== 10 && input.charCodeAt(pos) !== 13) pos++;
      } else {
        return pos;
      }
    }
  }

  /* js-yaml's listener, as validators/yaml/loading.py's `_stream_finding` reads the events: an
   * anchor or an alias is refused where it starts, and a collection nested deeper than `limit`
   * where it starts, before js-yaml's recursion goes further (2,000 nested "[" overflow its
   * stack). In block context js-yaml composes a node once more inside itself, from where it
   * starts (trying it as a mapping's key): a node that starts where the open one starts is no
   * level of its own. A node with a child is then a collection. */
  function watcher(limit) {
    var open = []; // [start, depth] of the nodes being composed
    return function (event, state) {
      var top = open[open.length - 1];
      if (event === "open") {
        var at = nodeStart(state.input, state.position);
        var c = state.input.charCodeAt(at);
        if (c === 38 || c === 42) throw new Refused("alias", at); // & or *
        var depth = !top ? 1 : top[0] === at ? top[1] : top[1] + 1;
        if (depth > limit + 1) {
          // The first open node at depth limit + 1 holds this one: a collection too deep.
          var first = open.filter(function (o) { return o[1] === limit + 1; })[0];
          throw new Refused("too_deep", first[0]);
        }
        open.push([at, depth]);
        return;
      }
      open.pop();
      if (state.anchor !== null) throw new Refused("alias", top[0]); // after a tag: !!str &a
      if (top[1] === limit + 1 && (state.kind === "sequence" || state.kind === "mapping")) {
        throw new Refused("too_deep", top[0]);
      }
    };
  }

  function lineColumn(text, at) {
    var before = text.slice(0, at);
    var line = before.split("\n").length;
    return { line: line, column: at - (before.lastIndexOf("\n") + 1) + 1 };
  }

  /* {data} or {error: {line, column, message, reason, snippet}} with 1-based line and column.
   * Values are typed as the validator types them (READ_SCHEMA); dates stay text (the schema has
   * no timestamps), so the form sees them as typed. `checker` is config.json's `yaml` (the
   * nesting depth and check's words, validators/association/browser_yaml.py): with it, what
   * `check` refuses before reading a file (an alias, too deep a nesting) is refused here too,
   * in check's words and at check's line. */
  RF.parseYaml = function (text, checker) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    var data;
    try {
      data = jsyaml.load(text, { schema: READ_SCHEMA, json: false,
        listener: checker ? watcher(checker.max_depth) : null });
    } catch (e) {
      if (e instanceof Refused) {
        var at = lineColumn(text, e.at);
        return {
          error: {
            line: at.line,
            column: at.column,
            message: "第 " + at.line + " 行，第 " + at.column + " 列：" + checker.words[e.kind],
            reason: "",
            snippet: "",
          },
        };
      }
      if (!(e instanceof jsyaml.YAMLException)) {
        // No error of a reader's own reaches a person in its English words.
        if (window.console) window.console.error(e);
        return { error: { line: 1, column: 1, message: "无法读取这个文件：它不像是年度报告的 YAML 文件，请检查是否选错了文件。",
          reason: "", snippet: "" } };
      }
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
      // An empty line (a blank comment line kept from a repository file) is "#", not "# ".
      return ("# " + String(h).replace(/[\r\n\u0085\u2028\u2029]+/g, " ")).replace(/[ \t]+$/, "");
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
