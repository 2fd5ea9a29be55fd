/* Report form: the files it produces (download, copy) and the way to GitHub: its web editor
 * with the content in the link, or the upload route when the link would be too long. */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var el = RF.el;
  var P = (RF.appMethods = RF.appMethods || {});

  /* ---- output ---------------------------------------------------------------------------- */

  P.sectionTitles = function () {
    var titles = {};
    this.ctx.guide.areas.forEach(function (a) {
      titles[a.key] = (RF.NUMERALS[Number(a.id)] || a.id) + "、" + a.title;
    });
    return titles;
  };

  P.reportYaml = function () {
    var st = this.state;
    var root = this.schemas[st.year];
    var s = this.society(st.data.society);
    var name = s ? s.name : (this.profileCtx && st.profile.name) || "";
    var header = [
      this.config.modelines.submission,
      (name ? name + "（" + (st.data.society || "") + "）" : "学会 " + (st.data.society || "")) + " " + st.data.year + " 年度工作报告。",
      "由网站“在线填报”页面生成；提交后系统会自动检查，并用中文说明需要修改的地方。",
    ];
    var phase = this.phaseNow();
    if (phase) header.push("生成于 " + RF.today() + "：" + phase.sentence);
    // A report from a workbook whose content was not all read never reads as complete.
    var lost = this.workbookErrors(true);
    if (lost.length) {
      header.push("注意：由工作簿导入时有 " + RF.workbookLoss(lost.map(function (e) { return e.issue; })) + "，" +
        (st.cellsDismissed ? "填写人已核对并确认忽略。" : "还没有在表单中补填：这份报告不完整。"));
    }
    return RF.dumpYaml(RF.outputTree(st.data, root, root) || {}, header, this.sectionTitles());
  };

  P.profileYaml = function () {
    var st = this.state;
    var schema = this.societySchema;
    var header = [this.config.modelines.society, "学会资料：由网站“在线填报”页面生成。"];
    return RF.dumpYaml(RF.outputTree(st.profile, schema, schema) || {}, header, {});
  };

  /* ---- a zip of text files (stored, not compressed): a new society's folder in one download */

  var CRC = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  /* [{name, text}] -> the bytes of a zip file; names are UTF-8 (flag bit 11). */
  RF.zip = function (entries) {
    var utf8 = new TextEncoder();
    var parts = [];
    var central = [];
    var offset = 0;
    function header(size) {
      var buffer = new ArrayBuffer(size);
      return { view: new DataView(buffer), bytes: new Uint8Array(buffer) };
    }
    entries.forEach(function (entry) {
      var name = utf8.encode(entry.name);
      var data = utf8.encode(entry.text);
      var crc = crc32(data);
      var local = header(30);
      var v = local.view;
      v.setUint32(0, 0x04034b50, true); v.setUint16(4, 20, true); v.setUint16(6, 0x0800, true);
      v.setUint16(8, 0, true); v.setUint16(10, 0, true); v.setUint16(12, 0x21, true);
      v.setUint32(14, crc, true); v.setUint32(18, data.length, true); v.setUint32(22, data.length, true);
      v.setUint16(26, name.length, true); v.setUint16(28, 0, true);
      var dir = header(46);
      var d = dir.view;
      d.setUint32(0, 0x02014b50, true); d.setUint16(4, 20, true); d.setUint16(6, 20, true);
      d.setUint16(8, 0x0800, true); d.setUint16(10, 0, true); d.setUint16(12, 0, true); d.setUint16(14, 0x21, true);
      d.setUint32(16, crc, true); d.setUint32(20, data.length, true); d.setUint32(24, data.length, true);
      d.setUint16(28, name.length, true); d.setUint32(42, offset, true);
      parts.push(local.bytes, name, data);
      central.push(dir.bytes, name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (n, p) { return n + p.length; }, 0);
    var end = header(22);
    var e = end.view;
    e.setUint32(0, 0x06054b50, true); e.setUint16(8, entries.length, true); e.setUint16(10, entries.length, true);
    e.setUint32(12, size, true); e.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [end.bytes]), { type: "application/zip" });
  };

  P.save = function (blob, name) {
    this.unsaved = false;
    var link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 1000);
  };

  // Said instead of the way to GitHub while a file holds personal data (E-PRIVACY-*).
  var PERSONAL = "文件中含有个人信息（手机号码、身份证号码或个人邮箱，已在上面的字段处标出）。仓库和网站是公开的：" +
    "删去这些内容之后，这里才会给出提交到 GitHub 的方法。";

  /* A GitHub button as GitHub shows it (English, marked as such) with its Chinese meaning. */
  function button(english, chinese) {
    return el("span", { class: "rf-gh" }, [el("strong", { lang: "en", text: english }), "（" + chinese + "）"]);
  }

  P.renderOutput = function () {
    var self = this;
    var out = el("section", { class: "rf-output", id: "rf-output" }, [el("h2", { text: "第三步：生成文件并提交" })]);
    // The year's phase said again where the secretary submits: the page is long, and past the
    // deadline what is sent now may earn nothing (the sentence at the top of the form).
    var phase = this.phaseNow();
    if (phase && phase.phase !== "submission") {
      out.appendChild(el("p", { class: "rf-phase rf-phase-" + phase.phase, id: "rf-phase-output", text: phase.sentence }));
    }
    this.outputs = [];
    if (this.profileCtx) {
      // A new society: its folder (profile and report) in one download, and one way to GitHub.
      this.packageBox = el("div", { class: "rf-file rf-package", id: "rf-package" });
      out.appendChild(this.packageBox);
    } else {
      this.packageBox = null;
    }
    var files = [{ kind: "report", title: "年度报告" }];
    if (this.profileCtx) files.unshift({ kind: "profile", title: "学会资料 society.yaml" });
    files.forEach(function (f) {
      var area = el("textarea", { class: "rf-yaml", id: "rf-yaml-" + f.kind, readonly: "readonly", rows: 16, spellcheck: "false",
        "aria-label": f.title + "：生成的 YAML 文件内容（只读）" });
      var name = el("code");
      var status = el("span", { class: "rf-copied", "aria-live": "polite" });
      var github = el("div", { class: "rf-github" });
      var download = el("button", { type: "button", class: "rf-button", id: "rf-download-" + f.kind, text: "下载文件",
        on: { click: function () {
          self.save(new Blob([area.value], { type: "text/yaml;charset=utf-8" }), f.fileName);
        } } });
      // The same report as an Excel/WPS workbook, to pass around and bring back (import above).
      var workbook = f.kind !== "report" ? null : el("button", { type: "button", class: "rf-button", id: "rf-download-workbook",
        text: "下载为工作簿（.xlsx）", on: { click: function () {
          var st = self.state;
          self.layoutOf(st.year).then(function (layout) {
            var blob = RF.zip(RF.workbookParts(st.data, layout, self.profileCtx ? st.profile : null));  // a new society's profile too
            self.save(new Blob([blob], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
              (st.data.society || "report") + "-" + st.year + ".xlsx");
          });
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
        el("div", { class: "rf-actions" }, [download, workbook, copy, status]),
        github,
      ]));
      self.outputs.push({ kind: f.kind, area: area, name: name, github: github, file: f });
    });
    this.editor.appendChild(out);
  };

  /* Where the pull request's gate would refuse the report (phaseNow().refused: a new report once
   * the year's submission has closed, any in a final year): the files are saved, and the way to
   * GitHub is folded behind the gate's own condition, not offered as the way forward. */
  var SAVE_ONLY = "下载保存（现在不能提交）";
  /* Into `parent`: the association's contact, which the fold's words send the secretary to (in
   * view, not behind the fold), then the fold. */
  function fold(parent, contact, id, steps, guide) {
    var line = RF.contactLine(contact, { class: "rf-help rf-contact", id: "rf-contact" });
    if (line) parent.appendChild(line);
    parent.appendChild(el("details", { class: "rf-fold", id: id }, [
      el("summary", { text: "提交到 GitHub 的步骤：只在市科协同意时适用。" + guide.late_exception }),
      steps,
    ]));
  }

  /* The steps a new society follows, in order, the account first: one package, one upload. */
  P.updatePackage = function (blocking, refused) {
    var self = this;
    var st = this.state;
    var cfg = this.config;
    var id = st.data.society || "<学会id>";
    var box = RF.clear(this.packageBox);
    var folderName = id + "-" + st.data.year;
    box.appendChild(el("h3", { text: refused ? "新学会：" + SAVE_ONLY : "新学会：一个文件包，按下面的步骤提交" }));
    if (blocking && !refused) {
      box.appendChild(el("p", { class: "rf-help", text: "表单还有 " + blocking + " 处问题：可以先下载保存，改好后再提交（导入文件即可继续填写）。" }));
    }
    var pack = el("button", { type: "button", class: "rf-button rf-primary", id: "rf-download-package",
      text: "下载文件包（" + folderName + ".zip）", on: { click: function () {
        self.save(RF.zip([
          { name: id + "/society.yaml", text: self.profileYaml() },
          { name: id + "/" + st.data.year + ".yaml", text: self.reportYaml() },
        ]), folderName + ".zip");
      } } });
    if (refused) {
      box.appendChild(el("p", { id: "rf-save-package" }, [pack, " 文件包里是学会资料和 " + st.data.year +
        " 年度报告：保存下来，以后在本页导入即可继续填写。"]));
      // Registering alone passes the gate, which refuses report files only (cycle_gate.py).
      box.appendChild(el("p", { id: "rf-register-only" }, ["现在可以做的：",
        el("a", { href: "#rf-register", text: "只登记学会（暂不报告 " + st.data.year + " 年度）" }),
        "，即只提交学会资料 society.yaml，步骤见下面的“学会资料”。"]));
    }
    var personal = this.personal && (this.personal.report || this.personal.profile);
    if (personal) box.appendChild(el("p", { class: "rf-error", id: "rf-personal-package", text: PERSONAL }));
    // A phone can neither unzip a package nor drag a folder: said where the steps begin.
    if (!refused && window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
      box.appendChild(el("p", { class: "rf-help", id: "rf-phone-note", text: "在手机上：解压文件包、把文件夹拖进上传页面要在电脑上做。"
        + "可以先在手机上下载文件包，转到电脑上再按下面的步骤提交；本页自动保存的草稿只在这台手机的浏览器中，电脑上看不到。" }));
    }
    var upload = cfg.repo_url && !personal ? cfg.repo_url + "/upload/" + cfg.branch + "/submissions" : null;
    var evidence = RF.localEvidence(st.data, this.ctx.labels.urls, st.data.year);
    var steps = el("ol", { class: "rf-steps", id: "rf-steps" }, [
      el("li", {}, ["注册并登录 GitHub（免费，已有账号可跳过）：",
        el("a", { href: "https://github.com/signup", target: "_blank", rel: "noopener", text: "github.com/signup" }),
        "。学会资料中“维护人”填的就是这个账号的用户名。"]),
      el("li", {}, [refused ? "用上面的按钮下载文件包（" + folderName + ".zip）" : pack,
        " 下载后解压，得到文件夹 ", el("code", { text: id }), "（里面是 society.yaml 和 " + st.data.year + ".yaml）。"]),
      evidence.length ? el("li", { id: "rf-evidence-package" }, ["把报告引用的证明材料文件按路径放进这个文件夹（路径从 ",
        el("code", { text: id }), " 文件夹算起），与报告一起提交，否则提交后的检查会报“找不到证明材料文件”：",
        el("ul", {}, evidence.map(function (f) { return el("li", {}, [el("code", { text: f })]); }))]) : null,
      el("li", {}, upload ? ["打开 ", el("a", { href: upload, target: "_blank", rel: "noopener", id: "rf-upload-link", text: "仓库的上传页面" }),
        "（submissions 文件夹的 ", button("Add file", "添加文件"), " → ", button("Upload files", "上传文件"),
        "），把整个 ", el("code", { text: id }), " 文件夹拖进去。"]
        : [personal ? "删去个人信息后，再按这里给出的步骤上传。" : "把文件包交给市科协或本学会的仓库维护人提交。"]),
      upload ? el("li", {}, ["在页面下方选择 ",
        button("Create a new branch for this commit and start a pull request", "为此提交新建分支并发起拉取请求"),
        "，点 ", button("Propose changes", "提议更改"), "，再点 ", button("Create pull request", "创建拉取请求"),
        "（没有写权限时 GitHub 会先提示 ", button("Fork this repository", "复刻此仓库"), "，照做即可）。"]) : null,
      el("li", { text: "几分钟后拉取请求页面会出现自动检查的结果和中文说明；需要修改时，在本页导入文件改好，再上传一次。" }),
    ]);
    if (refused) fold(box, cfg.contact, "rf-steps-fold", steps, this.ctx.guide);
    else box.appendChild(steps);
  };

  P.updateOutput = function (issues) {
    var self = this;
    var st = this.state;
    var id = st.data.society || "<学会id>";
    var blocking = issues.filter(function (i) { return i.severity !== "warning"; }).length;
    var phase = this.phaseNow();
    var refused = !!(phase && phase.refused);
    this.outputIssues = issues;
    if (this.packageBox) this.updatePackage(blocking, refused);
    this.outputs.forEach(function (o) {
      o.file.fileName = o.kind === "report" ? st.data.year + ".yaml" : "society.yaml";
      o.area.value = o.kind === "report" ? self.reportYaml() : self.profileYaml();
      o.name.textContent = "submissions/" + id + "/" + o.file.fileName;
      var gh = RF.clear(o.github);
      if (!self.packageBox) {
        self.fileWay(o, gh, blocking, phase);
      } else if (refused && o.kind === "profile") {
        // The two files stay readable below, to check or copy; the package is the way to GitHub,
        // but for a report the gate refuses: the profile alone then registers the society.
        var register = el("div", { class: "rf-register", id: "rf-register" }, [
          el("h4", { text: "只登记学会（暂不报告 " + st.data.year + " 年度）" }),
          el("p", { class: "rf-help" }, ["只提交这个文件（学会资料 society.yaml，不含年度报告）的拉取请求不受填报截止的限制。" +
            "需要先注册并登录 GitHub（",
            el("a", { href: "https://github.com/signup", target: "_blank", rel: "noopener", text: "github.com/signup" }),
            "，免费）；学会资料中“维护人”填的就是这个账号的用户名。上面学会资料中标出的问题要先改好。"]),
        ]);
        gh.appendChild(register);
        // The count of problems is the report's too, which this file does not carry: not said.
        self.fileWay(o, register, 0, null);
      }
    });
  };

  /* One file's way to GitHub: its web editor with the content in the link, or the upload route.
   * `phase`: phaseNow(), or null for a file the gate's deadline does not concern. */
  P.fileWay = function (o, gh, blocking, phase) {
    var self = this;
    var st = this.state;
    var cfg = this.config;
    var id = st.data.society || "<学会id>";
    var existing = this.society(st.data.society);
    var text = o.area.value;
    var fileName = o.file.fileName;
    var path = "submissions/" + id + "/" + fileName;
    // Personal data is said in the open, never inside the fold of steps that do not apply.
    var personal = self.personal && self.personal[o.kind];
    if (phase && phase.refused && o.kind === "report" && !personal) {
      gh.appendChild(el("p", { class: "rf-help", id: "rf-save-report" }, [el("strong", { text: SAVE_ONLY }),
        "：见本步骤开头的说明。用上面的“下载文件”保存，以后在本页导入即可继续填写。"]));
      var steps = el("div");
      fold(gh, cfg.contact, "rf-steps-fold", steps, this.ctx.guide);
      gh = steps;
    } else if (blocking) {
      gh.appendChild(el("p", { class: "rf-help", text: "表单还有 " + blocking + " 处问题：可以先下载保存，改好后再提交（导入文件即可继续填写）。" }));
    }
    var dropped = o.kind === "report" ? this.removedNote() : null;
    if (dropped) gh.appendChild(el("p", { class: "rf-step-note", id: "rf-removed-" + o.kind, text: dropped }));
    if (personal) {
      // Neither the link (which would carry the text to GitHub) nor the way to upload it.
      gh.appendChild(el("p", { class: "rf-error", id: "rf-personal-" + o.kind, text: PERSONAL }));
      return;
    }
    if (!cfg.repo_url) {
      gh.appendChild(el("p", { class: "rf-help", text: "请把下载的文件交给市科协或本学会的仓库维护人提交。" }));
      return;
    }
    var folder = cfg.repo_url + "/tree/" + cfg.branch + "/submissions/" + encodeURIComponent(id);
    // A file on main, read or not (`filed`): editing it, not creating it, as the gate counts it.
    var published = o.kind === "report" ? existing && (existing.filed || existing.years).indexOf(st.data.year) !== -1 : !!existing;
    var evidence = o.kind === "report" && existing ? RF.localEvidence(st.data, this.ctx.labels.urls, st.data.year) : [];
    if (evidence.length) {
      // The web editor takes one file: files the report names go up with it, by the upload page,
      // the one way offered (a published report too: its upload replaces the file, in the same
      // pull request; the editor's page as well would make a second one).
      var into = cfg.repo_url + "/upload/" + cfg.branch + "/submissions/" + encodeURIComponent(id);
      gh.appendChild(el("div", { class: "rf-upload", id: "rf-evidence-" + o.kind }, [
        el("p", {}, ["这份报告引用了本学会文件夹中的 " + evidence.length + " 个证明材料文件，须与报告在同一个拉取请求中提交，",
          "否则提交后的检查会报“找不到证明材料文件”（文件已在仓库中的除外）："]),
        el("ul", {}, evidence.map(function (f) { return el("li", {}, [el("code", { text: f })]); })),
        el("p", {}, ["请用上传的方式：点“下载文件”保存 " + fileName + "，和这些文件按上面的路径放在一起（如 evidence 文件夹），打开 ",
          el("a", { href: into, target: "_blank", rel: "noopener", text: "本学会文件夹的上传页面" }),
          "（", button("Add file", "添加文件"), " → ", button("Upload files", "上传文件"), "），把它们一起拖进去",
          published ? "（上传的 " + fileName + " 替换同名文件，即已发布的报告）" : "", "，在页面下方选择 ",
          button("Create a new branch for this commit and start a pull request", "为此提交新建分支并发起拉取请求"),
          "，点 ", button("Propose changes", "提议更改"), "，再点 ", button("Create pull request", "创建拉取请求"), "。"]),
        el("p", { class: "rf-help", id: "rf-one-way-" + o.kind, text: "这里只给出上传这一种方式：GitHub 的编辑页面一次只能提交一个文件，" +
          "报告和证明材料要在同一个拉取请求中提交。" }),
      ]));
    }
    var url = cfg.repo_url + "/new/" + cfg.branch + "?filename=" + encodeURIComponent(path).replace(/%2F/g, "/") +
      "&value=" + encodeURIComponent(text);
    // A report naming files of the folder goes by the upload above alone: the editor's page, and
    // the upload of the report alone, would send it without them.
    if (published && !evidence.length) {
      var edit = cfg.repo_url + "/edit/" + cfg.branch + "/submissions/" + encodeURIComponent(id) + "/" + fileName;
      gh.appendChild(el("p", {}, ["这个文件已经发布过。要修改它：打开 ",
        el("a", { href: edit, target: "_blank", rel: "noopener", text: "GitHub 上的编辑页面" }),
        "，把全部内容替换为上面的文本，再点 ", button("Commit changes…", "提交更改"), "，选 ",
        button("Create a new branch for this commit and start a pull request", "为此提交新建分支并发起拉取请求"),
        "，点 ", button("Propose changes", "提议更改"), "，最后点 ", button("Create pull request", "创建拉取请求"), "。"]));
    } else if (!evidence.length && url.length <= cfg.url_limit) {
      gh.appendChild(el("a", { class: "rf-button rf-primary", id: "rf-github-" + o.kind, href: url, target: "_blank", rel: "noopener",
        text: "在 GitHub 上新建这个文件" }));
      gh.appendChild(el("p", { class: "rf-help" }, ["GitHub 会打开网页编辑器，文件名和内容已经填好：点 ",
        button("Commit changes…", "提交更改"), "，选 ",
        button("Create a new branch for this commit and start a pull request", "为此提交新建分支并发起拉取请求"),
        "，点 ", button("Propose changes", "提议更改"), "，再点 ", button("Create pull request", "创建拉取请求"),
        "（没有写权限时 GitHub 会先提示 ", button("Fork this repository", "复刻此仓库"), "，照做即可）。"]));
    } else if (!evidence.length) {
      var upload = cfg.repo_url + "/upload/" + cfg.branch + "/submissions" + (existing ? "/" + encodeURIComponent(id) : "");
      gh.appendChild(el("div", { class: "rf-upload", id: "rf-upload-" + o.kind }, [
        el("p", { text: "用上传的方式提交这个文件：" }),
        el("ol", {}, [
          el("li", { text: "点“下载文件”，保存为 " + fileName + "。" }),
          el("li", {}, existing ? ["打开 ", el("a", { href: upload, target: "_blank", rel: "noopener", text: "上传页面" }),
            "（即仓库中 submissions/" + id + "/ 文件夹里的 ", button("Add file", "添加文件"), " → ",
            button("Upload files", "上传文件"), "），把文件拖进去。"]
            : ["新建名为 " + id + " 的文件夹，把下载的文件放进去；打开 ", el("a", { href: upload, target: "_blank", rel: "noopener", text: "上传页面" }),
              "（submissions/ 文件夹里的 ", button("Add file", "添加文件"), " → ", button("Upload files", "上传文件"),
              "），把整个文件夹拖进去。"]),
          el("li", {}, ["在页面下方选择 ",
            button("Create a new branch for this commit and start a pull request", "为此提交新建分支并发起拉取请求"),
            "，点 ", button("Propose changes", "提议更改"), "，再点 ", button("Create pull request", "创建拉取请求"), "。"]),
        ]),
        el("p", { class: "rf-help" }, ["也可以先打开 ", el("a", { href: folder, target: "_blank", rel: "noopener", text: "本学会的文件夹" }), " 查看已有文件。"]),
      ]));
    }
    if (!existing) return;
    // What the pull request's gate asks of a registered society's change (E-CYCLE-APPROVAL, or
    // W-CYCLE-NO-HEADS when main's profile names none), and, on notice, of a correction
    // (W-CYCLE-OBJECTION): in the check's words, naming main's heads as the gate reads them.
    var heads = existing.heads || [];
    // In the step's own type, not as a side note: the pull request waits on it.
    gh.appendChild(el("p", { class: "rf-step-note", id: "rf-approval-" + o.kind }, heads.length ? [
      "学会的报告和资料的改动须经学会负责人批准：负责人 ", heads.map(function (h) { return "@" + h; }).join("、"),
      heads.length > 1 ? " 中任一位" : " ", "自己提交拉取请求，或打开拉取请求的 ",
      button("Files changed", "改动的文件"), " 页，点 ", button("Review changes", "审查改动"), "，选 ",
      button("Approve", "批准"), " 后提交（详见本网站的“如何提交”页）。", this.ctx.guide.after_approval] : [
      "学会的报告和资料的改动须经学会负责人批准，但主分支上本学会的 society.yaml 没有写负责人（heads），无法核对负责人批准：",
      "请在 society.yaml 中加入负责人的 GitHub 用户名（详见本网站的“如何提交”页）。"]));
    if (published && phase && phase.phase === "notice" && !phase.refused) {
      gh.appendChild(el("p", { class: "rf-step-note", id: "rf-objection-" + o.kind,
        text: "公示期内为回应已记录的异议（" + phase.corrections.join("、") + "）修改报告，" +
          "请在拉取请求说明中写明回应哪条异议（创建拉取请求时写在说明框里）。" }));
    }
  };
})();
