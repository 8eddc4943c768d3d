// An enrollment's steps as they run: server-sent "line" events from /enroll/{id}/events, then "done" with the outcome.
(function () {
  "use strict";
  var steps = document.getElementById("steps");
  if (!steps || steps.dataset.done === "1") { return; }
  var outcome = document.getElementById("outcome");
  var source = new EventSource("/enroll/" + encodeURIComponent(steps.dataset.job) + "/events?from=" + steps.dataset.next);
  source.addEventListener("line", function (e) {
    var line = JSON.parse(e.data);
    var item = document.createElement("li");
    item.className = line.kind;
    item.textContent = line.text;
    steps.appendChild(item);
    steps.dataset.next = String(Number(steps.dataset.next) + 1);
  });
  source.addEventListener("done", function (e) {
    var done = JSON.parse(e.data);
    outcome.textContent = done.message;
    outcome.className = "outcome " + (done.ok ? "ok" : "failed");
    steps.dataset.done = "1";
    source.close();
  });
})();
