// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // "In văn bản": shown only when scripting can print.
  var button = document.querySelector(".print-button");
  if (button && typeof window.print === "function") {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  // Highlight the paragraph a link points to (#anchor), for readers arriving
  // from a topic or document page, and mark the matching sidebar entry.
  // (CSS :target already highlights it; the class adds a short fade-in.)
  function target() {
    if (!location.hash) return null;
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return null; }
    return document.getElementById(id);
  }
  function mark() {
    var old = document.querySelectorAll(".target-flash");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("target-flash");
    var cur = document.querySelectorAll(".glance a[aria-current]");
    for (var j = 0; j < cur.length; j++) cur[j].removeAttribute("aria-current");
    var el = target();
    if (!el) return;
    void el.offsetWidth; // restart the animation when the same anchor is followed again
    el.classList.add("target-flash");
    var links = document.querySelectorAll('.glance a[href="' + location.hash.replace(/"/g, '\\"') + '"]');
    for (var k = 0; k < links.length; k++) links[k].setAttribute("aria-current", "location");
  }
  window.addEventListener("hashchange", mark);
  // Following a link to the anchor that is already current fires no hashchange.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest('a[href^="#"]');
    if (a && a.getAttribute("href") === location.hash) window.setTimeout(mark, 0);
  });
  mark();

  // Wide tables scroll sideways: let keyboard users reach and scroll them.
  var wraps = document.querySelectorAll(".table-wrap");
  function scrollable() {
    for (var i = 0; i < wraps.length; i++) {
      var w = wraps[i];
      if (w.scrollWidth > w.clientWidth + 1) {
        if (w.hasAttribute("tabindex")) continue;
        w.setAttribute("tabindex", "0");
        w.setAttribute("role", "region");
        var label = !w.hasAttribute("aria-label");
        if (label) w.setAttribute("aria-label", "Bảng (cuộn ngang để xem hết)");
        w.setAttribute("data-scroll", label ? "label" : "");
      } else if (w.hasAttribute("data-scroll")) {
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
        if (w.getAttribute("data-scroll") === "label") w.removeAttribute("aria-label");
        w.removeAttribute("data-scroll");
      }
    }
  }
  if (wraps.length) {
    var t;
    window.addEventListener("resize", function () {
      window.clearTimeout(t);
      t = window.setTimeout(scrollable, 150);
    });
    scrollable();
  }
})();

// Sortable tables (the document index): click a header to sort by it. The
// table is complete and readable without this.
(function () {
  "use strict";
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var headers = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent.trim();
          var y = b.cells[col].getAttribute("data-sort") || b.cells[col].textContent.trim();
          var nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) ? nx - ny : x.localeCompare(y, "vi");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });
})();
// Calendar filters (/lich/<năm học>/): without JavaScript every item shows.
(function () {
  "use strict";
  var form = document.querySelector(".cal-filter");
  if (!form) return;
  form.hidden = false;
  var count = form.querySelector(".cal-count");
  function apply() {
    var tinh = form.elements.tinh.value;
    var cap = form.elements.cap.value;
    var shown = 0;
    document.querySelectorAll(".cal-month").forEach(function (month) {
      var any = false;
      month.querySelectorAll(".cal-item").forEach(function (item) {
        var ok = (!tinh || item.getAttribute("data-tinh") === tinh) &&
          (!cap || item.getAttribute("data-cap") === cap);
        item.hidden = !ok;
        if (ok) { any = true; shown++; }
      });
      month.hidden = !any;
    });
    count.textContent = shown ? "Đang hiện " + shown + " mốc." : "Không có mốc nào theo bộ lọc này.";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  apply();
})();
