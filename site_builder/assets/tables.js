// Tables: sortable where marked data-sortable, and a cue on every table wider than the page
// (Material's document$ also fires after instant navigation).
(function () {
  function cue() {
    document.querySelectorAll("article .sb-table").forEach(function (box) {
      box.classList.toggle("sb-table--wide", box.scrollWidth > box.clientWidth + 1);
    });
  }
  function init() {
    document.querySelectorAll("article table[data-sortable]").forEach(function (table) {
      if (!table.dataset.sortReady) {
        table.dataset.sortReady = "1";
        new Tablesort(table);
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
