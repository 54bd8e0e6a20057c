// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var button = document.querySelector(".print-button");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
  // Highlight the paragraph a link points to (#anchor), for readers arriving
  // from a topic or document page.
  function mark() {
    var old = document.querySelector(".target-flash");
    if (old) old.classList.remove("target-flash");
    if (!location.hash) return;
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el) el.classList.add("target-flash");
  }
  window.addEventListener("hashchange", mark);
  mark();
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
