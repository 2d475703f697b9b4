// The claims table's bulk review: a box in the header ticks every claim on the page, and the
// bar says how many are ticked. The form works without this script (issue 24).
(function () {
  "use strict";
  var all = document.getElementById("tick-all");
  var count = document.getElementById("bulk-count");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=targets][form=bulk]"));
  function update() {
    var n = boxes.filter(function (b) { return b.checked; }).length;
    if (count) count.textContent = n ? n + " ticked:" : "ticked claims:";
    if (all) all.checked = n > 0 && n === boxes.length;
  }
  if (all) all.addEventListener("change", function () {
    boxes.forEach(function (b) { b.checked = all.checked; });
    update();
  });
  boxes.forEach(function (b) { b.addEventListener("change", update); });
  update();
})();
