/* Verification workbench: the files it writes (a review file, the year's objections file), their
 * check against the JSON Schema of their model, and the ways to GitHub. Text reaches the page
 * through textContent and value only. */
(function () {
  "use strict";
  var RF = window.ReportForm;
  var RV = (window.ReviewBench = window.ReviewBench || {});
  var el = RF.el;

  var KEYWORDS = {
    required: "缺少必填内容",
    pattern: "格式不对",
    minLength: "不能为空",
    maxLength: "太长",
    minimum: "小于允许的最小值",
    maximum: "大于允许的最大值",
    format: "须为日期（如 2018-01-05）",
    type: "类型不对",
    enum: "不是可选的值",
    additionalProperties: "有多余的内容",
  };

  /* The title of the field at `path` (["items", 3, "reviewer"] -> 核查人), from the schema. */
  function titleAt(schema, path) {
    var node = schema;
    var title = "";
    path.forEach(function (key) {
      var s = RF.resolveSchema(node, schema);
      node = typeof key === "number" ? s.items || {} : (s.properties || {})[key] || {};
      var r = RF.resolveSchema(node, schema);
      if (r.title && typeof key !== "number") title = r.title;
    });
    return title;
  }

  RV.fieldTitle = titleAt;

  /* Where the value at `path` is, in words: "第 2 条异议的“答复”". */
  RV.placeOf = function (schema, path) {
    var first = path.findIndex(function (k) { return typeof k === "number"; });
    var field = typeof path[path.length - 1] === "number" ? "" : "“" + titleAt(schema, path) + "”";
    if (first === -1) return field;
    return "第 " + (path[first] + 1) + " 条" + titleAt(schema, path.slice(0, first)) + (field ? "的" + field : "");
  };

  var TYPES = { integer: "须为整数", number: "须为数字", string: "须为文字", boolean: "须为“是”或“否”" };

  function said(e) {
    if (e.keyword === "type") return TYPES[e.params.type] || KEYWORDS.type;
    if (e.keyword === "multipleOf") return "须为 " + e.params.multipleOf + " 的整数倍";  // the schema's step, not ours
    return KEYWORDS[e.keyword] || "不符合要求";
  }

  /* Chinese messages for what the schema refuses in `data`, every one at once. `covered`: for
   * each JSON pointer the page's own checks explained already (in plainer words), the schema's
   * keywords they explained; the schema's other words about that value are still said. The same
   * problem in several entries of a list is said once, with their numbers ("第 1、3 条异议"). */
  RV.schemaProblems = function (validate, schema, data, covered) {
    validate(data);
    var errors = (validate.errors || []).filter(function (e) {
      if (["anyOf", "oneOf", "if", "then", "allOf"].indexOf(e.keyword) !== -1) return false;
      return !(/\/anyOf\/\d+\/type$/.test(e.schemaPath) && e.params && e.params.type === "null");
    });
    var empty = {};  // an empty text is "不能为空", not also "格式不对"
    errors.forEach(function (e) { if (e.keyword === "minLength") empty[e.instancePath] = true; });
    var order = [];
    var groups = {};
    errors.forEach(function (e) {
      var at = e.instancePath + (e.keyword === "required" ? "/" + e.params.missingProperty : "");
      if (covered && covered[at] && covered[at][e.keyword]) return;
      if (e.keyword === "pattern" && empty[e.instancePath]) return;
      var path = RF.parsePointer(e.instancePath);
      if (e.keyword === "required") path = path.concat([e.params.missingProperty]);
      var first = path.findIndex(function (k) { return typeof k === "number"; });
      var list = first === -1 ? "" : titleAt(schema, path.slice(0, first));
      var field = typeof path[path.length - 1] === "number" ? "" : titleAt(schema, path);
      var key = list + "|" + field + "|" + said(e);
      if (!groups[key]) {
        groups[key] = { list: list, field: field, text: said(e), numbers: [] };
        order.push(key);
      }
      if (first !== -1 && groups[key].numbers.indexOf(path[first] + 1) === -1) groups[key].numbers.push(path[first] + 1);
    });
    return order.map(function (key) {
      var g = groups[key];
      // Said as the page's own checks say theirs: "第 1、3 条异议的“编号”格式不对。"
      var where = g.numbers.length ? "第 " + g.numbers.join("、") + " 条" + g.list + (g.field ? "的" : "") : "";
      return where + (g.field ? "“" + g.field + "”" : "") + g.text + "。";
    });
  };

  function download(name, text) {
    var blob = new Blob([text], { type: "application/x-yaml;charset=utf-8" });
    var link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  /* A problem of the list as a link to its field (`find` gives the field), or plain text when the
   * field is not on the page. Followed, the field is shown (`reveal`: a filter may hide its item)
   * and gets the focus, with the ring the keyboard's focus has (a browser draws none on a radio
   * focused after a click); the address is left alone: its #fragment is the workbench's route. */
  function fieldLink(p, find, reveal) {
    if (!find(p.at)) return p.text;
    return el("a", { href: "#" + p.at, text: p.text, on: { click: function (event) {
      event.preventDefault();
      var field = find(p.at);
      if (!field) return;
      if (reveal) reveal(field);
      field.classList.add("rv-led");
      field.addEventListener("blur", function () { field.classList.remove("rv-led"); }, { once: true });
      field.scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    } } });
  }

  /* The output box of one file: its problems, its warnings, its text, download, copy and GitHub.
   * While the file cannot be saved the download button says so (aria-disabled, so that it stays
   * in the tab order and a click on it reaches `box.onBlocked`), and the reason is next to it.
   * `opts.find(id)`: the field a problem is about (default: the document's element with that id);
   * `opts.reveal(field)`: shows a field its page hides, before a problem's link focuses it. */
  RV.outputBox = function (opts) {
    var config = opts.config;
    var find = opts.find || function (id) { return document.getElementById(id); };
    var box = el("div", { class: "rv-output", id: opts.id });
    var problems = el("ul", { class: "rv-problems", "aria-live": "polite" });
    var warnings = el("ul", { class: "rv-warnings", hidden: true });
    var why = el("span", { class: "rv-why", id: opts.id + "-why" });
    var blocked = false;
    var area = el("textarea", { class: "rf-yaml", readonly: "readonly", rows: "12",
      "aria-label": opts.label + "的内容", spellcheck: "false" });
    var status = el("span", { class: "rv-copied", "aria-live": "polite" });
    var name = opts.path.split("/").pop();
    var save = el("button", { type: "button", class: "rf-button rf-primary", id: opts.id + "-download",
      text: "下载" + opts.label, on: { click: function () {
        if (!blocked) {
          download(name, area.value);
          if (opts.downloaded) opts.downloaded(area.value);
        } else if (box.onBlocked) box.onBlocked();
      } } });
    var copy = el("button", { type: "button", class: "rf-button", text: "复制内容", on: { click: function () {
      area.select();
      var done = function () { status.textContent = "已复制。"; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(area.value).then(done, function () {});
      else {
        document.execCommand("copy");
        done();
      }
    } } });
    var github = el("p", { class: "rv-github" });
    // Where the downloaded file goes: only the GitHub route named its path, and a file uploaded
    // at the top of the repository lands in the wrong place.
    var where = el("p", { class: "rv-where", id: opts.id + "-where" });
    save.setAttribute("aria-describedby", where.id);
    box.appendChild(el("h3", { text: opts.label }));
    box.appendChild(problems);
    box.appendChild(warnings);
    box.appendChild(area);
    box.appendChild(el("div", { class: "rf-actions" }, [save, copy, why, status]));
    box.appendChild(where);
    // After a download (`opts.generated()`: {at, text} of the last file given, kept with the
    // draft): what comes next, or that the draft changed since and the file lacks it.
    var generated = el("p", { class: "rv-generated", id: opts.id + "-generated", role: "status", hidden: true });
    box.appendChild(generated);
    // Nobody listed takes the file (no admin, or no list the site could read): the sentences
    // above send it to 市科协管理员, reached as the association publishes it.
    if (!config.submitters || !config.submitters.admins.length) {
      var contact = RF.contactLine(config.contact, { class: "rv-contact", id: opts.id + "-contact" });
      if (contact) box.appendChild(contact);
    }
    box.appendChild(github);

    var said = null;  // the problems listed: the live list is redrawn only when they change
    /* `found`: the problems to list, each a sentence or {text, at} (`at`: the id of the field it is
     * about, which the item links to); `more.pending`: why the file cannot be saved yet besides them
     * (an entry not yet filled in, whose problems are not listed yet); `more.warnings`: what the
     * check will warn about, which does not stop the file. */
    box.update = function (text, found, more) {
      var pending = (more && more.pending) || [];
      var warned = (more && more.warnings) || [];
      area.value = text;
      // The reviewer named on top decides whether a GitHub upload passes the ownership check.
      var who = whoCan(config.submitters, opts.author ? opts.author() : "");
      var goes = whereItGoes(opts.path, name, opts.exists, config.submitters, who.route);
      if (where.textContent !== goes) where.textContent = goes;
      var given = opts.generated ? opts.generated() : null;
      var next = !given ? "" : given.text === text
        ? "已生成文件（" + given.at + "）：下一步" + (who.route ? "把 " + name + " 放进仓库的 " +
          opts.path.slice(0, opts.path.length - name.length) + " 文件夹（见上），或" : "把 " + name + " ") +
          "交给" + handTo(config.submitters) + "提交；文件原样合并、网站更新后再打开本页，本草稿自动清除。"
        : "已于 " + given.at + " 生成文件，此后本草稿又有改动：那份文件不含这些改动，请重新下载。";
      if (generated.textContent !== next) generated.textContent = next;
      generated.hidden = !next;
      RF.clear(warnings);
      warned.forEach(function (w) { warnings.appendChild(el("li", {}, [el("strong", { text: "警告：" }), w])); });
      warnings.hidden = !warned.length;
      // A problem whose field is not on the page is said without a link (it would lead nowhere).
      var listed = found.map(function (p) { return typeof p === "string" || find(p.at) ? p : p.text; });
      var now = JSON.stringify(listed);
      if (said !== now) {
        said = now;
        RF.clear(problems);
        listed.forEach(function (p) {
          problems.appendChild(el("li", {}, [typeof p === "string" ? p : fieldLink(p, find, opts.reveal)]));
        });
      }
      problems.hidden = !found.length;
      blocked = found.length > 0 || pending.length > 0;
      copy.disabled = blocked;
      if (blocked) {
        save.setAttribute("aria-disabled", "true");
        save.setAttribute("aria-describedby", why.id);
      } else {
        save.removeAttribute("aria-disabled");
        save.setAttribute("aria-describedby", where.id);  // blocked, it is described by why instead
      }
      why.textContent = !blocked ? "" : "还不能下载：" + pending.concat(found.length ? ["先改正上面列出的问题"] : []).join("；") + "。";
      RF.clear(github);
      if (blocked) {
        github.appendChild(document.createTextNode(found.length ? "先改正上面列出的问题，才能保存文件。" : "填完以后才能保存文件。"));
        return;
      }
      if (!config.repo_url) {
        github.appendChild(document.createTextNode("下载文件后交给仓库管理员，放在 " + opts.path + "。"));
        return;
      }
      if (!who.route) {
        // A pull request the ownership check refuses is no route: no link to start one.
        github.appendChild(el("strong", { class: "rv-who rv-who-not", text: who.not }));
        if (who.text) github.appendChild(el("span", { class: "rv-who", text: who.text }));
        return;
      }
      var base = config.repo_url + "/" + (opts.exists ? "edit" : "new") + "/" + encodeURIComponent(config.branch);
      var url = opts.exists ? base + "/" + opts.path
        : base + "?filename=" + encodeURIComponent(opts.path) + "&value=" + encodeURIComponent(text);
      var fits = opts.exists || url.length <= config.url_limit;
      if (!fits) url = base + "?filename=" + encodeURIComponent(opts.path);
      github.appendChild(el("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "rf-button",
        text: opts.exists ? "在 GitHub 上修改 " + opts.path : "在 GitHub 上新建 " + opts.path }));
      github.appendChild(document.createTextNode(fits && !opts.exists
        ? "：内容已经填好，在打开的页面底部选择“Create a new branch”并发起拉取请求。"
        : "：先点“复制内容”，在打开的页面里全选、粘贴替换原有内容，再选择“Create a new branch”并发起拉取请求。"));
      github.appendChild(el("span", { class: "rv-who", text: who.text }));
    };
    return box;
  };

  /* Where a downloaded file goes, in one sentence: the folder of its path in the repository (the
   * file of the same name replaced), or to an administrator, named when the admin list the site
   * was built with names any. */
  function whereItGoes(path, name, exists, submitters, route) {
    var folder = path.slice(0, path.length - name.length);
    var admins = handTo(submitters);
    // No route (nobody listed, the list unread, or the reviewer named on top not on it): an upload
    // on GitHub fails the ownership check as a link's pull request does, so only an administrator.
    if (!route) {
      return "下载的 " + name + " 请交给" + admins + "提交，由管理员放进仓库的 " + folder + " 文件夹" +
        (exists ? "（替换其中的同名文件）" : "") + "。";
    }
    return "下载的 " + name + " 放在仓库的 " + folder + " 文件夹中：在 GitHub 上先打开这个文件夹，再用“Add file → Upload files”上传" +
      (exists ? "（替换其中的同名文件）" : "") + "；或把文件交给" + admins + "提交。";
  }

  /* Whom to hand a downloaded file to: the administrators the admin list names, else the
   * association's (reached as it publishes its contact, shown beside when nobody is named). */
  function handTo(submitters) {
    return submitters && submitters.admins.length ? "管理员（" + submitters.admins.join("、") + "）" : "市科协管理员";
  }

  /* Who can take the GitHub route (the pull request must pass the ownership check), in words:
   * the admins and reviewers of the admin list the site was built with (`text`); whether the
   * route is one (`route`: someone is listed, and the reviewer named on top is not known to be
   * outside the list), and when it is not, why and whom to hand the file to instead (`not`). */
  function whoCan(submitters, login) {
    var none = "，所以这里不给出 GitHub 上的链接：请下载文件交给" + handTo(submitters) + "提交。";
    if (!submitters) {
      return { route: false, text: "", not: "网站构建时管理员名单无法读取，从 GitHub 发起的拉取请求暂时通不过“文件夹权限”检查" + none };
    }
    var listed = submitters.admins.concat(submitters.reviewers);
    var said = "只有 " + submitters.file + " 中列出的管理员（admins）和核查人员（reviewers）用自己的 GitHub 账号发起的拉取请求" +
      "能通过“文件夹权限”检查；其他人请下载文件交给" + handTo(submitters) + "，或请管理员把自己的用户名加入 reviewers。";
    if (!listed.length) {
      return { route: false, text: said, not: "名单中目前还没有人，从 GitHub 发起的拉取请求都会被“文件夹权限”检查拒绝" + none };
    }
    if (!login) return { route: true, text: said, not: "" };
    var known = listed.some(function (name) { return name.toLowerCase() === login.toLowerCase(); });
    return known ? { route: true, text: said + "上方的核查人 " + login + " 在名单中。", not: "" }
      : { route: false, text: said, not: "上方的核查人 " + login + " 不在名单中，用这个账号发起的拉取请求会被“文件夹权限”检查拒绝" + none };
  }
})();
