// Live updates without a reload: server-sent "upload" events from /live. The gallery's first page of today gets a new
// tile at the top; the dashboard updates the camera's last upload and today's count.
(function () {
  "use strict";
  var grid = document.getElementById("grid");
  var cameras = document.querySelector(".cameras[data-live]");
  if (!(grid && grid.dataset.live === "1") && !cameras) { return; }
  var url = "/live" + (grid ? "?camera=" + encodeURIComponent(grid.dataset.camera) : "");
  var source = new EventSource(url);
  source.addEventListener("upload", function (e) {
    var upload = JSON.parse(e.data);
    if (grid) { addTile(upload); } else { updateCard(upload); }
  });

  function addTile(upload) {
    if (upload.day !== grid.dataset.day) { return; }
    var existing = grid.querySelector('a.tile[href="' + CSS.escape(upload.file) + '"]');
    if (existing) { existing.remove(); }
    var tile = document.createElement("a");
    tile.className = "tile new";
    tile.href = upload.file;
    tile.dataset.kind = upload.kind;
    tile.dataset.plays = upload.plays ? "1" : "0";
    tile.dataset.name = upload.name;
    var img = document.createElement("img");
    img.src = upload.thumb;
    img.alt = upload.name;
    var caption = document.createElement("span");
    caption.textContent = upload.time + " " + upload.name;
    tile.appendChild(img);
    tile.appendChild(caption);
    grid.insertBefore(tile, grid.firstChild);
    var count = document.getElementById("count");
    if (count && !existing) { count.textContent = String(Number(count.textContent) + 1); }
    var bytes = document.getElementById("bytes");
    if (bytes && !existing) {
      bytes.dataset.bytes = String(Number(bytes.dataset.bytes) + upload.size);
      bytes.textContent = formatBytes(Number(bytes.dataset.bytes));
    }
  }

  function formatBytes(n) {
    var units = ["B", "KB", "MB", "GB", "TB"];
    var unit = 0;
    while (n >= 1024 && unit < units.length - 1) { n /= 1024; unit++; }
    return unit === 0 ? n + " B" : n.toFixed(n < 10 ? 1 : 0) + " " + units[unit];
  }

  function updateCard(upload) {
    var card = document.querySelector('.camera[data-camera="' + CSS.escape(upload.camera) + '"]');
    if (!card) { return; }
    var last = card.querySelector(".last-upload");
    if (last) { last.textContent = upload.day + " " + upload.time + " (just now)"; }
    if (upload.kind === "snapshot") {
      var thumb = card.querySelector(".thumb");
      var img = thumb.querySelector("img") || document.createElement("img");
      img.src = upload.thumb;
      img.alt = "latest snapshot of " + upload.camera;
      thumb.textContent = "";
      thumb.appendChild(img);
    }
  }
})();
