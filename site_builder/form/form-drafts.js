/* Report form: drafts autosaved in this browser's localStorage, one per society and year, listed
 * on the start panel. Starting another report keeps the one being written: its pending input is
 * saved first, under its own key, and a saved draft with content is replaced only when asked. */
(function () {
  "use strict";
  var RF = (window.ReportForm = window.ReportForm || {});
  var el = RF.el;
  var P = (RF.appMethods = RF.appMethods || {});

  /* The key of a society's draft of a year; RF.DRAFT alone is where older pages kept one draft. */
  RF.draftKey = function (society, year) {
    return RF.DRAFT + ":" + encodeURIComponent(String(society || "")) + ":" + year;
  };

  function storedKeys(prefix) {
    var keys = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(prefix) === 0) keys.push(key);
      }
    } catch (err) {
      /* storage refused: no drafts */
    }
    return keys;
  }

  function readDraft(key) {
    try {
      var draft = JSON.parse(RF.stored(key) || "null");
      return draft && RF.isObject(draft.data) && typeof draft.year === "number" ? draft : null;
    } catch (err) {
      return null;
    }
  }

  /* Anything written besides the society and the year (in the report or a new society's profile). */
  function hasContent(draft) {
    var profile = RF.isObject(draft.profile) ? draft.profile : {};
    return Object.keys(draft.data).some(function (k) { return k !== "society" && k !== "year"; }) ||
      Object.keys(profile).some(function (k) {
        return k !== "id" && !(Array.isArray(profile[k]) && !profile[k].length);
      });
  }

  function sameContent(draft, data, profile) {
    return JSON.stringify(draft.data) === JSON.stringify(data) &&
      JSON.stringify(draft.profile || null) === JSON.stringify(profile || null);
  }

  /* A key beside `key` that holds nothing yet (a second draft of the same society and year). */
  function freeKey(key) {
    for (var n = 2; ; n++) {
      if (RF.stored(key + ":" + n) === null) return key + ":" + n;
    }
  }

  /* The single draft of older pages moves to its society's and year's key. */
  function migrate() {
    var old = readDraft(RF.DRAFT);
    if (!old) return;
    var key = RF.draftKey(old.data.society, old.year);
    var there = readDraft(key);
    if (there && !sameContent(there, old.data, old.profile)) key = freeKey(key);
    if (RF.store(key, JSON.stringify(old))) RF.store(RF.DRAFT, "");
  }

  /* Every saved draft, newest first, each with its key. */
  P.drafts = function () {
    migrate();
    var out = [];
    storedKeys(RF.DRAFT + ":").forEach(function (key) {
      var draft = readDraft(key);
      if (!draft) return;
      draft.key = key;
      out.push(draft);
    });
    return out.sort(function (a, b) { return String(b.saved).localeCompare(String(a.saved)); });
  };

  P.saveDraft = function () {
    var st = this.state;
    this.dirty = false;
    if (!st) return;
    var profile = this.profileCtx ? st.profile : null;
    var wanted = RF.draftKey(st.data.society, st.year);
    var key = st.draftKey || wanted;
    if (key !== wanted) {
      // The society or year was changed: the draft follows them, unless another draft with
      // content is there (then it stays where it is, and both are listed).
      var there = readDraft(wanted);
      if (!there || !hasContent(there) || sameContent(there, st.data, profile)) {
        RF.store(key, "");
        key = wanted;
      }
    }
    st.draftKey = key;
    var kept = RF.store(key, JSON.stringify({ data: st.data, year: st.year, profile: profile,
      saved: new Date().toISOString(), at: st.at || null }));
    // Saved in the browser: closing the page loses nothing, so it need not ask.
    if (kept) this.unsaved = false;
    this.renderDrafts(); // the list's times, and which draft is open
  };

  /* The field last focused (rememberPlace, form.js), written into the saved draft: its content
   * and time stay as they were saved. A report not saved yet has no draft to write it in. */
  P.savePlace = function () {
    var st = this.state;
    var draft = st && st.draftKey ? readDraft(st.draftKey) : null;
    if (!draft) return;
    draft.at = st.at || null;
    RF.store(st.draftKey, JSON.stringify(draft));
  };

  /* Save what was typed in the last moments (the autosave waits for a pause) before switching. */
  P.flushDraft = function () {
    if (!this.state || !this.dirty) return;
    clearTimeout(this.timer);
    this.saveDraft();
  };

  /* Before a report replaces the one at its key: true when nothing is lost, or the user agrees. */
  P.mayReplaceDraft = function (data, year, profile) {
    var key = RF.draftKey(data.society, year);
    var there = readDraft(key);
    if (!there || !hasContent(there) || sameContent(there, data, profile)) return { key: key };
    var who = this.society(there.data.society);
    var when = new Date(there.saved);
    var asked = window.confirm("本浏览器中已有一份自动保存的草稿：" + (who ? who.name : String(there.data.society || "未填学会")) +
      " " + there.year + " 年度报告" + (isNaN(when) ? "" : "（保存于 " + when.toLocaleString("zh-CN") + "）") +
      "，内容与现在要打开的不同。\n\n点“确定”用现在打开的内容替换这份草稿；点“取消”保留草稿，可以在“第一步”的草稿列表中恢复它。");
    return asked ? { key: key, replace: true } : null;
  };

  /* Before a profile file replaces the new society's profile being written (the report stays):
   * true when nothing typed is lost, or the user agrees. */
  P.mayReplaceProfile = function (profile, name) {
    var now = this.profileCtx ? this.state.profile : null;
    if (!now || !hasContent({ data: {}, profile: now }) || JSON.stringify(now) === JSON.stringify(profile)) return true;
    return window.confirm("正在填写的学会资料" + (now.name ? "（" + now.name + "）" : "") + "与 " + name + " 中的不同。\n\n" +
      "点“确定”用文件中的学会资料替换；点“取消”保留现在填写的学会资料。年度报告不受影响。");
  };

  /* The list of drafts on the start panel, each with 恢复 and 丢弃. */
  P.renderDrafts = function () {
    var self = this;
    var box = this.draftBox;
    if (!box) return;
    RF.clear(box);
    var drafts = this.drafts();
    box.hidden = !drafts.length;
    if (!drafts.length) return;
    box.appendChild(el("p", { text: "本浏览器中有 " + drafts.length + " 份自动保存的草稿（最新的在前）。要接着填写，请点“恢复”：" }));
    box.appendChild(el("ul", { class: "rf-drafts" }, drafts.map(function (draft) {
      var who = self.society(draft.data.society);
      var when = new Date(draft.saved);
      var name = (who ? who.name : String(draft.data.society || "未填学会")) + " " + draft.year + " 年度报告";
      // The report being written is its own draft: restoring it would bring back an older
      // copy, and discarding it would be undone by the next autosave.
      var open = !!(self.state && self.state.draftKey === draft.key);
      return el("li", { class: "rf-draft-item", dataset: { key: draft.key } }, [
        el("span", { text: name + (isNaN(when) ? "" : "，保存于 " + when.toLocaleString("zh-CN")) +
          (open ? "（正在填写）" : hasContent(draft) ? "" : "（尚未填写内容）") }),
        " ",
        el("button", { type: "button", class: "rf-button rf-restore", text: "恢复", "aria-label": "恢复草稿：" + name,
          disabled: open, on: { click: function () {
            self.flushDraft(); // what was just typed in the report open now is kept first
            var stored = readDraft(draft.key) || draft;
            self.begin(stored.data, stored.year, { note: "已恢复自动保存的草稿。", profile: stored.profile, draftKey: draft.key,
              at: RF.isObject(stored.at) ? stored.at : null });
          } } }),
        el("button", { type: "button", class: "rf-button rf-discard", text: "丢弃", "aria-label": "丢弃草稿：" + name,
          disabled: open, on: { click: function () {
            RF.store(draft.key, "");
            self.renderDrafts();
          } } }),
      ]);
    })));
  };
})();
