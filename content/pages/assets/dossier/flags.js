/* Flags are emoji (regional indicator pairs). Where the system has no colour emoji font (Windows,
 * many Linux installs) they would show as two letters or empty boxes: detect that once, and the
 * style sheet shows each country's ISO code in a small box instead. */
(function () {
  "use strict";
  function colourEmoji() {
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = 16;
    var context = canvas.getContext && canvas.getContext("2d", { willReadFrequently: true });
    if (!context) {
      return false;
    }
    context.textBaseline = "top";
    context.font = "14px sans-serif";
    context.fillText("\uD83C\uDDEB\uD83C\uDDF7", 0, 0); // the flag of France
    var pixels = context.getImageData(0, 0, 16, 16).data;
    for (var i = 0; i < pixels.length; i += 4) {
      var r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
      if (pixels[i + 3] && (Math.abs(r - g) > 40 || Math.abs(g - b) > 40 || Math.abs(r - b) > 40)) {
        return true;
      }
    }
    return false;
  }
  try {
    if (!colourEmoji()) {
      document.documentElement.classList.add("no-flag-emoji");
    }
  } catch (error) {
    document.documentElement.classList.add("no-flag-emoji");
  }
})();
