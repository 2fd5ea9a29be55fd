// Links written before each year had its own guideline page (guideline/#clause-5-1) still
// land on the clause: the landing page sends them to the newest year's page, anchor kept.
(function () {
  function forward() {
    var newest = document.getElementById("guideline-newest");
    if (newest && /^#(clause|area)-[0-9-]+$/.test(location.hash)) {
      location.replace(newest.href.split("#")[0] + location.hash);
    }
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(forward);
  } else {
    document.addEventListener("DOMContentLoaded", forward);
  }
})();
