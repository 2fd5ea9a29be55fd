// Tables: sortable where marked data-sortable, and a cue on every table wider than the page
// (Material's document$ also fires after instant navigation).
(function () {
  // A column of names (tables.py, `names`) sorts by pinyin, as readers look a name up: by
  // character codes 成都市… came before 成都高新区… . Tablesort compares (b, a).
  if (typeof Tablesort !== "undefined") {
    var collator = new Intl.Collator("zh-Hans-CN-u-co-pinyin");
    Tablesort.extend("names", function () { return false; }, function (a, b) { return collator.compare(b, a); });
  }
  function cue() {
    document.querySelectorAll("article .sb-table").forEach(function (box) {
      box.classList.toggle("sb-table--wide", box.scrollWidth > box.clientWidth + 1);
    });
  }
  // A long table (tables.py, `long_table`) has its first rows in the page; the rest, made by
  // the same code, come from the JSON file beside it. Sorting starts once every row is there.
  function load(table) {
    return fetch(new URL(table.dataset.rows, document.baseURI || window.location.href).href, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        var body = document.createElement("tbody");
        // A table shown as cards on phones names each cell by its column, as the page's rows do.
        var labels = table.closest(".sb-table--cards") ? Array.prototype.map.call(table.tHead.rows[0].cells,
          function (th) { return th.textContent; }) : null;
        data.rows.forEach(function (row) {
          var tr = document.createElement("tr");
          row.forEach(function (cell, i) {
            var td = document.createElement("td");
            if (labels && labels[i] !== undefined) td.setAttribute("data-label", labels[i]);
            td.innerHTML = cell[0];
            if (cell[1] !== null) td.setAttribute("data-sort", cell[1]);
            tr.appendChild(td);
          });
          body.appendChild(tr);
        });
        table.replaceChild(body, table.tBodies[0]);
        var note = table.closest(".sb-table").nextElementSibling;
        if (note && note.classList.contains("sb-more")) note.textContent = "本表共 " + data.rows.length + " 行，已全部列出。";
      })
      .catch(function () { /* the rows in the page stay; the note says where the rest are */ });
  }
  function init() {
    document.querySelectorAll("article table[data-sortable]").forEach(function (table) {
      if (!table.dataset.sortReady) {
        table.dataset.sortReady = "1";
        var ready = table.dataset.rows ? load(table) : Promise.resolve();
        ready.then(function () { new Tablesort(table); cue(); });
      }
    });
    cue();
  }
  window.addEventListener("resize", cue);
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
