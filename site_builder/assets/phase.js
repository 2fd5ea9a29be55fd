// A year's phase read later than the page was built: site_builder/phase.py writes, beside the
// build's words, the words for each later day on which they change ([[first day, HTML], ...]),
// the calendar's zone and, for a paragraph, the note to add on any later day (the rest of the
// page is the build's). This script only tells the reader's day in that zone (Beijing time) and
// puts in the entry for it, and sets every day the phases are said to hold on (time[data-sb-today],
// whose value is the zone) to the reader's, words changed or not; every word comes from the page.
// Without it, the build's words stay, with the day they were true on.
(function () {
  function dayIn(zoneMinutes) {
    return new Date(Date.now() + zoneMinutes * 60000).toISOString().slice(0, 10);
  }
  function update() {
    document.querySelectorAll("[data-sb-phases]").forEach(function (element) {
      var data;
      try { data = JSON.parse(element.getAttribute("data-sb-phases")); } catch (e) { return; }
      var day = dayIn(data.zone), at = -1;
      data.turns.forEach(function (turn, i) { if (turn[0] <= day) at = i; });
      // The build's own day (or a clock behind it), or this day already put in: leave it.
      if (at < 0 || day === data.turns[0][0] || element.getAttribute("data-sb-shown") === day) return;
      element.innerHTML = data.turns[at][1] + (data.stale || "");
      element.setAttribute("data-sb-shown", day);
    });
    // The days the page's phases are said to hold on: the reader's, when later than the build's.
    document.querySelectorAll("time[data-sb-today]").forEach(function (time) {
      var zone = parseInt(time.getAttribute("data-sb-today"), 10);
      if (isNaN(zone)) return;
      var today = dayIn(zone);
      if (today <= time.getAttribute("datetime")) return;
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
