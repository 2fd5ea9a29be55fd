// Sortable tables: every generated table marked data-sortable, on every page load
// (Material's document$ also fires after instant navigation).
(function () {
  function init() {
    document.querySelectorAll("article table[data-sortable]").forEach(function (table) {
      if (!table.dataset.sortReady) {
        table.dataset.sortReady = "1";
        new Tablesort(table);
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
