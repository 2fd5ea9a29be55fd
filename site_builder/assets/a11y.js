// The theme's search overlay is a dialog without a name; name it after its search field.
(function () {
  function name() {
    var dialog = document.querySelector(".md-search[role='dialog']:not([aria-label])");
    var field = document.querySelector(".md-search__input");
    if (dialog) dialog.setAttribute("aria-label", (field && field.getAttribute("aria-label")) || "搜索");
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(name);
  } else {
    document.addEventListener("DOMContentLoaded", name);
  }
})();
