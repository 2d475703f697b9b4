// Polls the ingest job's JSON twin and updates the progress bar until the job ends.
(function () {
  var section = document.getElementById("job");
  if (!section) return;
  var id = section.getAttribute("data-job");
  var started = section.getAttribute("data-state");
  function show(job) {
    section.setAttribute("data-state", job.state);
    document.getElementById("job-state").textContent = job.state;
    document.getElementById("job-done").textContent = job.done;
    document.getElementById("job-total").textContent = job.total;
    var bar = document.getElementById("job-progress");
    bar.max = job.total; bar.value = job.done;
    document.getElementById("job-summary").textContent = job.summary;
    var list = document.getElementById("job-errors");
    list.textContent = "";
    job.errors.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;  // text, never HTML: error lines quote file names
      list.appendChild(item);
    });
  }
  function poll() {
    fetch("/api/ingest/" + encodeURIComponent(id), {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (job) {
        show(job);
        if (job.state === "queued" || job.state === "running") setTimeout(poll, 500);
        // the finished page lists the claims and articles the job changed, as links
        else if (started !== "finished" && started !== "failed") window.location.reload();
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
