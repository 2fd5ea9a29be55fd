// A year's phase read later than the page was built: site_builder/phase.py writes, beside the
// build's words, the words for each later day on which they change ([[first day, HTML], ...]) and
// the calendar's zone. This script only tells the reader's day in that zone (Beijing time) and
// puts in the entry for it; every word comes from the page. Without it, the build's words stay,
// with the day they were true on.
(function () {
  function dayIn(zoneMinutes) {
    return new Date(Date.now() + zoneMinutes * 60000).toISOString().slice(0, 10);
  }
  function update() {
    var today = null;
    document.querySelectorAll("[data-sb-phases]").forEach(function (element) {
      var data;
      try { data = JSON.parse(element.getAttribute("data-sb-phases")); } catch (e) { return; }
      var day = dayIn(data.zone), at = -1;
      data.turns.forEach(function (turn, i) { if (turn[0] <= day) at = i; });
      // The build's own entry (or a clock behind the build's day): the page is right as it is.
      if (at <= 0 || element.getAttribute("data-sb-shown") === data.turns[at][0]) return;
      element.innerHTML = data.turns[at][1] + (data.stale || "");
      element.setAttribute("data-sb-shown", data.turns[at][0]);
      today = day;
    });
    if (today === null) return;
    // The days the page's phases are said to hold on: now the reader's.
    document.querySelectorAll("time[data-sb-today]").forEach(function (time) {
      time.setAttribute("datetime", today);
      time.textContent = today;
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(update);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
