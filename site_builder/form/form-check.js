/* Report form: checks against the year's JSON Schema (ajv, draft 2020-12) and the year's lists
 * and evaluation window, as Chinese issues placed at the field they concern. */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});

  /* ---- schema navigation ------------------------------------------------------------------ */

  RF.refName = function (schema) {
    return schema && typeof schema.$ref === "string" ? schema.$ref.split("/").pop() : null;
  };

  /* The schema behind $ref, and behind `anyOf: [X, {type: null}]` (an optional value); the
   * result says which definition it is (`def`) and whether null is allowed (`nullable`). */
  RF.resolveSchema = function (schema, root) {
    schema = schema || {};
    var nullable = false;
    if (Array.isArray(schema.anyOf)) {
      var others = schema.anyOf.filter(function (s) {
        return s.type !== "null";
      });
      if (others.length === 1) {
        nullable = others.length < schema.anyOf.length;
        schema = Object.assign({}, schema, others[0]);
        delete schema.anyOf;
      }
    }
    var def = RF.refName(schema);
    if (def && root.$defs && root.$defs[def]) {
      var merged = Object.assign({}, root.$defs[def], schema);
      delete merged.$ref;
      schema = merged;
    }
    return Object.assign({}, schema, labelled(schema), { def: def || schema.def || null, nullable: nullable || !!schema.nullable });
  };

  /* A labelled enumeration is `oneOf` constants each titled with its Chinese label (a code's
   * constant differs from its title): `enum` (every accepted spelling), `choices` (the labels)
   * and `labels` (code -> label). */
  function labelled(schema) {
    var options = schema.oneOf;
    if (!Array.isArray(options) || !options.length || !options.every(function (o) {
      return RF.isObject(o) && typeof o.const === "string" && typeof o.title === "string";
    })) return {};
    var labels = {};
    var choices = [];
    options.forEach(function (o) {
      if (o.const === o.title) choices.push(o.const);
      else labels[o.const] = o.title;
    });
    return { enum: options.map(function (o) { return o.const; }), choices: choices, labels: labels };
  }

  /* A list still empty, or a field of a list just added and not yet typed in (添加维护人): to
   * fill, as a missing field is, not an error said before anything was typed. */
  function blank(keyword, value) {
    return (keyword === "minItems" && Array.isArray(value) && value.length === 0) || value === "";
  }

  RF.atPointer = function (root, pointer) {
    return RF.getPath(root, RF.parsePointer(pointer));
  };

  /* Every present value with its path, field key (Definition.field) and resolved schema. */
  RF.walk = function (value, schema, root, path, visit) {
    var s = RF.resolveSchema(schema, root);
    if (RF.isObject(value) && s.properties) {
      Object.keys(s.properties).forEach(function (prop) {
        if (!RF.own(value, prop)) return;
        var child = RF.resolveSchema(s.properties[prop], root);
        visit(path.concat([prop]), value[prop], (s.def || "") + "." + prop, child, value);
        RF.walk(value[prop], s.properties[prop], root, path.concat([prop]), visit);
      });
    } else if (Array.isArray(value) && s.items) {
      value.forEach(function (item, i) {
        RF.walk(item, s.items, root, path.concat([i]), visit);
      });
    }
  };

  /* ---- ajv -------------------------------------------------------------------------------- */

  RF.compile = function (schema) {
    var Ajv = window.ajv2020.default || window.ajv2020;
    var ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    ajv.addFormat("date", { type: "string", validate: RF.isIsoDate });
    return ajv.compile(schema);
  };

  function enumLabels(schema) {
    return schema.choices || (schema.enum || []).map(String);
  }

  // Integers and numbers are said in the check's words (labels.types, from validators/schema_findings.py).
  var TYPE_WORDS = {
    string: "应为文字",
    boolean: "应为“是”或“否”（true 或 false）",
    array: "应为列表（可以有多项）",
    object: "应为一组字段（键: 值）",
  };

  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var prev = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var keep = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = keep;
      }
    }
    return row[b.length];
  }

  /* The known field an unknown key was probably meant to be (two edits at most). */
  function closest(key, known) {
    var best = null;
    var bestDistance = 3;
    known.forEach(function (k) {
      var d = distance(String(key).toLowerCase(), k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    });
    return best;
  }

  /* The Chinese message of one ajv error outside the category conditions. */
  function message(e, ctx) {
    var p = e.params || {};
    var own = e.parentSchema || {};
    switch (e.keyword) {
      case "required":
        return "必填：请填写“" + ctx.label(p.missingProperty) + "”。";
      case "additionalProperties": {
        var close = closest(p.additionalProperty, Object.keys(own.properties || {}));
        return "未知字段“" + p.additionalProperty + "”：报告中不能有这个字段" +
          (close ? "。你是不是想写“" + close + "”（" + ctx.label(close) + "）？" : "（可能是拼写错误或来自其他文件）。") +
          "请删除或改正。";
      }
      case "type":
        return (ctx.types && RF.own(ctx.types, p.type) ? ctx.types[p.type] : TYPE_WORDS[p.type]) || "类型不对";
      case "enum":
        // An earlier year's kind (renamed, or ended this year) is said as `check` says it.
        return "不是可选值之一。可选：" + enumLabels(own).slice(0, 40).join("、") + "。" +
          (ctx.former ? ctx.former(e.data) : "");
      case "const":
        return "应为 " + JSON.stringify(p.allowedValue) + "。";
      case "minimum":
        return "不能小于 " + p.limit + "。";
      case "exclusiveMinimum":
        return "应大于 " + p.limit + "。";
      case "maximum":
      case "exclusiveMaximum":
        return "不能大于 " + p.limit + "：请核对数字。";
      case "minLength":
        return p.limit <= 1 ? "不能为空。" : "至少 " + p.limit + " 个字符。";
      case "maxLength":
        return "过长：上限 " + p.limit + " 个字符，请精简。";
      case "minItems":
        return "至少需要 " + p.limit + " 项。";
      case "maxItems":
        return "项数过多：上限 " + p.limit + " 项。";
      case "pattern":
        if (e.schema === ctx.slugPattern) {
          return "只能用小写英文字母、数字和单个连字符" + (ctx.slugExample ? "，如 " + ctx.slugExample : "") + "。";
        }
        // A GitHub user name (a maintainer's), as `check` says it (validators/schema_findings.py).
        if (ctx.login && e.schema === ctx.login.pattern) return ctx.login.said;
        return "格式不对" + (own.description ? "：" + own.description : "") + "。";
      case "format":
        return RF.monthOnly(String(e.data)) || "应为有效的日期，如 2017-05-12（现为“" + String(e.data) + "”）。";
      case "uniqueItems":
        return "第 " + (p.j + 1) + " 项与第 " + (p.i + 1) + " 项重复：每项只写一次。";
      case "contains":
      case "minContains":
        return own.description || "符合要求的项不够。";
      default:
        return e.message || "不符合要求。";
    }
  }

  /* A category condition (`if`/`then` under allOf) that an error comes from, if any. */
  function conditionOf(e, root) {
    var m = /^#(.*\/allOf\/\d+)\/then\/(.*)$/.exec(e.schemaPath);
    if (!m) return null;
    var condition = RF.atPointer(root, m[1]);
    var rest = m[2].split("/");
    var prop;
    if (e.keyword === "required" && rest.length === 1) prop = e.params.missingProperty;
    else if (rest[0] === "properties" && rest.length === 3) prop = rest[1];
    else return { condition: condition, skip: true }; // inside a sub-schema (e.g. contains' items)
    var path = RF.parsePointer(e.instancePath);
    var objectPath = e.keyword === "required" ? path : path.slice(0, path.lastIndexOf(prop));
    var then = condition.then || {};
    var propSchema = (then.properties || {})[prop] || {};
    return {
      condition: condition,
      objectPath: objectPath,
      prop: prop,
      propSchema: propSchema,
      text: propSchema.description || message(e, { label: String, slugPattern: "" }),
    };
  }

  /* Issues: {path, severity (error | todo | warning), message, fix?, criterion?} */
  RF.schemaIssues = function (validate, data, root, ctx) {
    validate(data);
    var issues = [];
    var seen = {};
    (validate.errors || []).forEach(function (e) {
      // A value outside a labelled enumeration fails every constant of its oneOf: one issue.
      var constant = /^#(.*)\/oneOf\/\d+\/const$/.exec(e.schemaPath);
      var owner = constant && RF.resolveSchema(RF.atPointer(root, constant[1]), root);
      if (owner && owner.choices) e = Object.assign({}, e, { keyword: "enum", params: {}, parentSchema: owner });
      if (["if", "anyOf", "oneOf", "allOf", "not", "then", "else"].indexOf(e.keyword) !== -1) return;
      if (/\/anyOf\/\d+\/type$/.test(e.schemaPath) && e.params && e.params.type === "null") return;
      // The categories' criteria are counted by form-criteria.js, as `check` counts them (a
      // region named twice is one region, which the schema's conditions cannot say).
      if (conditionOf(e, root)) return;
      var path = RF.parsePointer(e.instancePath);
      var labelOf = function (prop) {
        return ctx.fieldLabel(ctx.defAt(path), prop);
      };
      var issue = {
        path: e.keyword === "required" ? path.concat([e.params.missingProperty])
          : e.keyword === "additionalProperties" ? path.concat([e.params.additionalProperty]) : path,
        // A list still empty (a new society's 维护人) is still to fill, as a missing field is:
        // not an error shown before anything was typed.
        severity: e.keyword === "required" || blank(e.keyword, RF.getPath(data, path)) ? "todo" : "error",
        message: message(e, { label: labelOf, slugPattern: ctx.slugPattern, login: ctx.labels && ctx.labels.login,
          types: ctx.labels && ctx.labels.types,
          slugExample: ctx.labels ? RF.idExample(ctx.labels, path) : null,
          former: function (value) {
            var said = ctx.formerKinds ? ctx.formerKinds(path) : {};
            return typeof value === "string" && RF.own(said, value.trim()) ? said[value.trim()] : "";
          } }),
      };
      if (e.keyword === "additionalProperties") issue.fix = { remove: issue.path };
      var key = RF.pointer(issue.path) + "|" + issue.message;
      if (seen[key]) return;
      seen[key] = true;
      issues.push(issue);
    });
    return issues;
  };

  /* ---- the year's lists, window and in-file rules ------------------------------------------ */

  function windowIssue(kind, value, path, win, year, extra) {
    if (!RF.isIsoDate(value)) return null;
    var inside = value > win.start && value <= win.deadline;
    if (kind === "inside" && !inside) {
      return { path: path, severity: "error",
        message: "日期 " + value + " 不在 " + year + " 年度评估期（" + win.label + "）内：请核对日期，或放到对应年度的报告中。" };
    }
    if (kind === "counted" && !inside) {
      return { path: path, severity: "warning",
        message: "成果日期 " + value + " 不在本年度评估期（" + win.label + "）内，本年度不计分。" };
    }
    if (kind === "not_after" && value > win.deadline) {
      return { path: path, severity: "error",
        message: "日期 " + value + " 晚于本年度评估截止日 " + win.deadline + "：请放到对应年度的报告中。" };
    }
    if (kind === "overlap" && RF.isIsoDate(extra) && (extra <= win.start || value > win.deadline)) {
      return { path: path, severity: "error",
        message: "承接期 " + value + " 至 " + extra + " 与 " + year + " 年度评估期（" + win.label + "）没有重叠。" };
    }
    return null;
  }

  /* The years a text names as 2017年 / 2017 年度, when none is the report's (as `check` warns). */
  RF.otherYears = function (value, year) {
    if (typeof value !== "string") return [];
    var named = [];
    var re = /(^|[^0-9])((?:19|20)[0-9]{2})\s*年/g;
    var m;
    while ((m = re.exec(value)) !== null) {
      var y = Number(m[2]);
      if (named.indexOf(y) === -1) named.push(y);
    }
    return named.indexOf(year) !== -1 ? [] : named.sort();
  };

  /* `did_you_mean` (validators/rules/suggest.py) of a name the list `list` does not hold, for the
   * lists `check` gives it for (`guide.did_you_mean`): the one listed name that contains it or is
   * contained in it, in `check`'s words; else nothing. */
  function meant(name, list, allowed, guide) {
    var said = guide.did_you_mean;
    if (!said || said.lists.indexOf(list) === -1) return "";
    var stripped = name.trim();
    var beside = (said.beside || {})[list];  // 其他 for an industry: no name `check` suggests
    var hits = allowed.filter(function (o) {
      return o !== beside && stripped && (o.indexOf(stripped) !== -1 || stripped.indexOf(o) !== -1);
    });
    return hits.length === 1 && hits[0] !== name ? said.sentence.split("{match}").join(hits[0]) : "";
  }

  RF.guideIssues = function (data, root, guide, labels) {
    var issues = [];
    var ids = {};
    RF.walk(data, root, root, [], function (path, value, key, schema, parent) {
      var field = path[path.length - 1];
      var choice = labels.choices[key];
      if (choice && choice.strict) {
        // A region may be written by its full or short name (the boxes offer the short one).
        var allowed = choice.list === "provinces" ? Object.keys(guide.regions || {}) : guide.choices[choice.list] || [];
        // A renamed district (郫县) gets the name to write, as `check` gives it, for the list.
        var renamed = (guide.renamed || {})[choice.list] || {};
        (Array.isArray(value) ? value : [value]).forEach(function (v, i) {
          // A region's name is read trimmed, as `check` reads it (Guideline.province).
          if (typeof v === "string" && allowed.indexOf(choice.list === "provinces" ? v.trim() : v) === -1) {
            issues.push({ path: Array.isArray(value) ? path.concat([i]) : path, severity: "error",
              message: "“" + v + "”不在本年度指南的名单中。" +
                (RF.own(renamed, v.trim()) ? renamed[v.trim()] : meant(v, choice.list, allowed, guide) + "可选：" + allowed.join("、") + "。") });
          }
        });
      }
      var kind = labels.window_dates[key];
      if (kind) {
        var issue = windowIssue(kind, value, path, guide.window, guide.year, parent.end);
        if (issue) issues.push(issue);
      }
      // Evidence links and paths, as the checker reads them (form-urls.js).
      if (field === "evidence" && Array.isArray(value) && labels.urls) {
        issues.push.apply(issues, RF.evidenceIssues(value, path, labels.urls, guide.year));
      }
      if (field === "id" && typeof value === "string" && path.length > 1) {
        if (ids[value]) {
          issues.push({ path: path, severity: "error",
            message: "编号“" + value + "”在本文件中重复：每一项的编号须唯一。" });
        }
        ids[value] = true;
      }
      var others = field === "title" || field === "description" || field === "name"
        ? RF.otherYears(value, guide.year) : [];
      if (others.length) {
        issues.push({ path: path, severity: "warning", message: "“" + value + "”写的是 " +
          others.map(function (y) { return y + " 年"; }).join("、") + "，而本报告是 " + guide.year +
          " 年度的：如果是从往年报告复制来的，请改成本年度的名称；确实如此的可以不改。" });
      }
      if (key === "Function.end" && RF.isIsoDate(value) && RF.isIsoDate(parent.start) && value < parent.start) {
        issues.push({ path: path, severity: "error", message: "结束日期早于开始日期：请核对。" });
      }
      if (key === "Innovation.senior_experts_registered" && typeof value === "number" &&
          typeof parent.senior_experts_total === "number" && value > parent.senior_experts_total) {
        issues.push({ path: path, severity: "error", message: "已注册人数多于专家会员总数：请核对两个数字。" });
      }
    });
    // In the check's words (validators/rules/research.py, by way of the guide): a missing focus
    // is a field to fill, one the topic does not use a warning, as `check` says it.
    var words = (guide.warnings || {}).words || {};
    (data.research || []).forEach(function (item, i) {
      if (!RF.isObject(item) || typeof item.topic !== "string") return;
      // A topic the year does not know is the schema's error; `check` says nothing of its focus.
      var topics = guide.research_topics || {};
      if (!Object.prototype.hasOwnProperty.call(topics, item.topic)) return;
      var label = topics[item.topic];  // quoted by its label, as `check` quotes it, however written
      var central = (guide.requires_focus || []).indexOf(item.topic) !== -1;
      if (central && !item.focus && words["E-RESEARCH-FOCUS"]) {
        issues.push({ path: ["research", i, "focus"], severity: "todo", code: "E-RESEARCH-FOCUS",
          message: words["E-RESEARCH-FOCUS"].split("{topic}").join(label) });
      } else if (!central && item.focus && words["W-RESEARCH-FOCUS-UNUSED"]) {
        issues.push({ path: ["research", i, "focus"], severity: "warning", code: "W-RESEARCH-FOCUS-UNUSED",
          message: words["W-RESEARCH-FOCUS-UNUSED"].split("{topic}").join(label) });
      }
    });
    return issues;
  };

  /* Each unmet criterion of an event's claimed category, at its field: once. An empty field the
   * schema requires (role, participants) is already a 必填 and is not said again; one it does
   * not require (a flag left off, no region or country ticked, no occasion given) is the unmet
   * criterion itself, an error as `check` has it (the event scores 0). */
  RF.criteriaIssues = function (data, guide, labels, root) {
    var issues = [];
    var events = root && root.properties && root.properties.academic_events
      ? RF.resolveSchema(RF.resolveSchema(root.properties.academic_events, root).items || {}, root) : {};
    var needed = events.required || [];
    (Array.isArray(data.academic_events) ? data.academic_events : []).forEach(function (event, i) {
      if (!RF.isObject(event)) return;
      var category = RF.eventCategory(guide, event.category);
      var open = (guide.occasions || {})[String(event.occasion || "").trim()] === guide.open_occasion;
      RF.eventUnmet(event, guide, labels).forEach(function (u) {
        var where = "（" + category.label + (category.clause ? "，条款 " + category.clause : "") + "）。";
        if (u.prop === "occasion" && open) {
          // The occasion is chosen (the one off the list): what lacks is its name or organizer.
          ["occasion_name", "occasion_organizer"].forEach(function (f) {
            if (String(event[f] || "").trim()) return;
            issues.push({ path: ["academic_events", i, f], severity: "error", code: u.code,
              message: "选了“" + String(event.occasion).trim() + "”时，须写明" + (labels.fields["AcademicEvent." + f] || f) +
                "，以便核实它是全国性、全市性科普活动" + where });
          });
          return;
        }
        var value = event[u.prop];
        if (needed.indexOf(u.prop) !== -1 && (value === undefined || value === null || value === "")) return;
        issues.push({ path: ["academic_events", i, u.prop], severity: "error", code: u.code,
          message: RF.criteriaWords(u, event, category, guide) || u.need + "，现为 " + u.now + where });
      });
    });
    return issues;
  };

  /* The check's sentence for a criterion an event does not meet (guide-<year>.json's findings,
   * asked of `unmet_criteria`), or null where the form says its own: an occasion the year does
   * not name (the sentence lists the words it takes), a role, a missing forum or materials, and a
   * count ("现为 {n} 个"); not where listed regions did not count (the check then says why each
   * did not, which the form does not know) nor for a major event given as the occasion. */
  RF.criteriaWords = function (u, event, category, guide) {
    var findings = guide.findings || {};
    if (u.code === "E-CRITERIA-OCCASION") {
      var words = u.unknown ? (findings.occasions || {})[category.code] : null;
      if (!words) return null;
      var blank = event.occasion == null || event.occasion === "";
      return blank ? words.blank : words.written.split("{occasion}").join(String(event.occasion));
    }
    var said = (findings.criteria || {})[category.code] || {};
    if (u.code === "E-CRITERIA-ROLE") return (said.roles || {})[(guide.roles || {})[RF.trimmed(event.role)]] || null;
    if (u.dropped || typeof said[u.code] !== "string") return null;
    return said[u.code].split("{n}").join(String(u.n));
  };

  /* What each academic event's claimed category still lacks (form-criteria.js). */
  RF.criteriaByEvent = function (data, root, issues, guide, labels) {
    var out = {};
    (data.academic_events || []).forEach(function (event, i) {
      if (!RF.isObject(event)) return;
      var category = RF.eventCategory(guide, event.category);
      var clause = category ? category.clause : null;
      var lacking = RF.eventUnmet(event, guide, labels).map(function (u) {
        return { prop: u.prop, text: u.need, now: u.now };
      });
      // Its fields still to fill: a criterion of a field left blank is not yet met either.
      var unfilled = (issues || []).filter(function (issue) {
        return issue.severity === "todo" && issue.path[0] === "academic_events" && issue.path[1] === i;
      }).length;
      out[i] = { category: category ? category.label : (event.category ? String(event.category) : ""),
        clause: clause || null, clauseText: clause ? guide.clauses[clause] : null, lacking: lacking,
        unfilled: unfilled };
    });
    return out;
  };
})();
