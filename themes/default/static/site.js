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
