// The gallery's viewer: a click on a tile shows the picture or clip; arrow keys and swipes go to the next/previous
// file, Escape closes. Clips the browser cannot play (AVI, raw H.265) are offered as a download.
(function () {
  "use strict";
  var grid = document.getElementById("grid");
  var viewer = document.getElementById("viewer");
  if (!grid || !viewer) { return; }
  var body = document.getElementById("viewer-body");
  var caption = document.getElementById("viewer-caption");
  var current = null;

  function tiles() { return Array.prototype.slice.call(grid.querySelectorAll("a.tile")); }

  function show(tile) {
    current = tile;
    body.textContent = "";
    var media;
    if (tile.dataset.kind === "snapshot") {
      media = document.createElement("img");
      media.src = tile.href;
      media.alt = tile.dataset.name;
      media.id = "viewer-image";
    } else if (tile.dataset.kind === "clip" && tile.dataset.plays === "1") {
      media = document.createElement("video");
      media.src = tile.href;
      media.controls = true;
      media.id = "viewer-video";
    } else {
      media = document.createElement("a");
      media.href = tile.href;
      media.textContent = "Download " + tile.dataset.name;
      media.setAttribute("download", tile.dataset.name);
    }
    body.appendChild(media);
    var list = tiles();
    caption.textContent = tile.dataset.name + " (" + (list.indexOf(tile) + 1) + " of " + list.length + ")";
    viewer.hidden = false;
  }

  function step(delta) {
    if (!current) { return; }
    var list = tiles();
    var next = list[list.indexOf(current) + delta];
    if (next) { show(next); }
  }

  function close() { viewer.hidden = true; body.textContent = ""; current = null; }

  grid.addEventListener("click", function (e) {
    var tile = e.target.closest("a.tile");
    if (!tile) { return; }
    e.preventDefault();
    show(tile);
  });
  document.getElementById("viewer-close").addEventListener("click", close);
  document.getElementById("viewer-prev").addEventListener("click", function () { step(-1); });
  document.getElementById("viewer-next").addEventListener("click", function () { step(1); });
  document.addEventListener("keydown", function (e) {
    if (viewer.hidden) { return; }
    if (e.key === "ArrowRight") { step(1); } else if (e.key === "ArrowLeft") { step(-1); } else if (e.key === "Escape") { close(); }
  });
  var startX = null;
  viewer.addEventListener("touchstart", function (e) { startX = e.changedTouches[0].clientX; }, { passive: true });
  viewer.addEventListener("touchend", function (e) {
    if (startX === null) { return; }
    var dx = e.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(dx) > 40) { step(dx < 0 ? 1 : -1); }
  });
})();
