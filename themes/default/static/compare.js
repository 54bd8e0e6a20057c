// Filters of the /so-sanh/ matrix. Progressive enhancement only: without this
// file the form stays hidden and the full table shows.
(function () {
  "use strict";
  var form = document.querySelector(".matrix-filters");
  var table = document.querySelector("table.matrix");
  if (!form || !table) return;
  form.hidden = false;
  var out = form.querySelector(".matrix-count");
  function matches(el, f) {
    return (!f.year || el.getAttribute("data-year") === f.year) &&
      (!f.province || !el.hasAttribute("data-province") || el.getAttribute("data-province") === f.province) &&
      (!f.level || !el.hasAttribute("data-level") || el.getAttribute("data-level") === f.level);
  }
  function apply() {
    var f = { year: form.year.value, province: form.province.value, level: form.level.value };
    var cols = table.querySelectorAll("th.letter-col");
    var shown = 0;
    var visible = [];
    for (var i = 0; i < cols.length; i++) {
      var on = matches(cols[i], f);
      cols[i].hidden = !on;
      visible.push(on);
      if (on) shown++;
    }
    var rows = table.tBodies[0].rows;
    for (var r = 0; r < rows.length; r++) {
      var cells = rows[r].querySelectorAll("td");
      for (var c = 0; c < cells.length; c++) cells[c].hidden = !visible[c];
    }
    // Year and province headers span only the columns still shown.
    var spans = table.tHead.rows;
    for (var h = 0; h < 2; h++) {
      var ths = spans[h].querySelectorAll("th[data-year]");
      for (var k = 0; k < ths.length; k++) {
        var th = ths[k], n = 0;
        for (var j = 0; j < cols.length; j++) {
          if (visible[j] && cols[j].getAttribute("data-year") === th.getAttribute("data-year") &&
              (!th.hasAttribute("data-province") || cols[j].getAttribute("data-province") === th.getAttribute("data-province"))) n++;
        }
        th.hidden = n === 0;
        if (n > 0) th.colSpan = n;
      }
    }
    if (out) out.textContent = shown + " / " + cols.length + " văn bản";
  }
  form.addEventListener("change", apply);
  apply();
})();
