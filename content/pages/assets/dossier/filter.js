/* Dossier: a filter box over a list (the quotes' speakers, a month's quotes). A page holds
 * <div class="quote-filter" data-target="SELECTOR" data-placeholder="TEXT"></div> (empty):
 * this script puts a search box in it, which hides every element SELECTOR finds whose text
 * does not contain all the words typed (any case, accents ignored). Without JavaScript there is
 * no box and the whole list shows. */
(function () {
  "use strict";

  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp(box) {
    var items = Array.prototype.slice.call(document.querySelectorAll(box.dataset.target));
    if (!items.length) return;
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = box.dataset.placeholder || "Filter";
    input.setAttribute("aria-label", input.placeholder);
    box.appendChild(input);
    var texts = items.map(function (item) {
      return folded(item.textContent);
    });
    var count = document.createElement("span");
    count.className = "quote-filter__count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(count);
    input.addEventListener("input", function () {
      var words = folded(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, number) {
        var keep = words.every(function (word) {
          return texts[number].indexOf(word) >= 0;
        });
        item.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = words.length ? shown + " of " + items.length : "";
    });
  }

  function setUpAll() {
    document.querySelectorAll(".quote-filter").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
