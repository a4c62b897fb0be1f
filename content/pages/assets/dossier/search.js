/* Dossier: the site's search, Pagefind's index and UI served from the site itself (pagefind/, a
 * bundle per shard of the index, searched together).
 *
 * A search button in Material's header, and the keys Material uses for its own search ("/", "s",
 * "f", and Ctrl+K or Cmd+K), open a dialog with Pagefind's UI: results by relevance, a filter by
 * kind (person, organisation, country, article, quote) and by year. Once the page has loaded and
 * the browser is idle, the UI, Pagefind's script and WebAssembly, every shard's metadata and the
 * filters' counts are loaded (warm): a query then loads only the index chunks and the result
 * fragments it needs, the first result's before the others' (pagefind/pagefind.js). Pagefind
 * fetches its files, which a browser refuses for a page opened from disk (file://): the dialog
 * then says how to serve the site instead. */
(function () {
  "use strict";

  var ICON =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
    '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 ' +
    "1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 " +
    '2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5Z"/></svg>';

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (error) {
        base = ".";
      }
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  // Ranking (Pagefind's BM25 with its metadata boosts). A profile's names and aliases are its
  // `names` metadata (generator/site/searchmarks.py): a word of them adds twice the boost of a
  // word of a title, so that "Blair" lists the people named Blair before the articles whose
  // title or text repeats it. The flag's code is metadata for display only. Of two profiles a
  // word names, the one whose names are written more often (more mentions) comes first: term
  // frequency counts in full, and a page's length not at all (a much-mentioned person's page is
  // long with quotes and roles; measured on the full corpus, "Tony" and "Blair" listed short
  // profiles of other Tonys and Blairs first when length counted).
  var RANKING = {
    metaWeights: { names: 10, title: 0, flag: 0 },
    termFrequency: 1.0,
    pageLength: 0,
  };

  var root = siteRoot();
  var dialog = null;
  var loaded = null;

  // A country's result shows its flag before the title (generator/site/searchmarks.py marks
  // the code), or the code where the system draws no flags (flags.js says so).
  function withFlag(result) {
    var code = result.meta && result.meta.flag;
    if (code && /^[A-Z]{2}$/.test(code) && result.meta.title) {
      var noEmoji = document.documentElement.classList.contains("no-flag-emoji");
      var flag = noEmoji
        ? code
        : String.fromCodePoint(0x1f1e6 + code.charCodeAt(0) - 65, 0x1f1e6 + code.charCodeAt(1) - 65);
      result.meta.title = flag + " " + result.meta.title;
    }
    return result;
  }

  // The names are there to rank a profile and the flag's code is shown before the title: neither
  // is listed under the title as a tag (Pagefind's UI lists every other metadata).
  function processResult(result) {
    result = withFlag(result);
    if (result.meta) {
      delete result.meta.names;
      delete result.meta.flag;
    }
    return result;
  }

  // A search starts at the first key: a key (or a paste) after a pause searches at once, and the
  // keys that follow it within HOLD_MS reach Pagefind's UI only once HOLD_MS pass without one,
  // as the last value of the box. Pagefind's own debounce (300 ms by default, then 50 ms here)
  // delayed every search, the first one included.
  var HOLD_MS = 50;

  function holdBurstKeys(box) {
    var lastKey = 0;
    var pending = null;
    box.addEventListener(
      "input",
      function (event) {
        if (event.dossierReplayed) return;
        var now = performance.now();
        var inBurst = now - lastKey < HOLD_MS;
        lastKey = now;
        if (!inBurst && pending === null) return; // the first key: searched at once
        event.stopImmediatePropagation();
        var input = event.target;
        if (pending !== null) window.clearTimeout(pending);
        pending = window.setTimeout(function () {
          pending = null;
          var again = new Event("input", { bubbles: true });
          again.dossierReplayed = true;
          input.dispatchEvent(again);
        }, HOLD_MS);
      },
      true
    );
  }

  // The index comes in shards (generator/store/search.py), named in pagefind/shards.json. The
  // first shard's bundle gives Pagefind's script, WebAssembly and UI; the other shards are
  // merged into its search, all at once, each ranked alike. The UI is made once they are all
  // in, so that no query searches only part of the index.
  function shardBundles() {
    return fetch(new URL("pagefind/shards.json", root).href)
      .then(function (response) {
        if (!response.ok) throw new Error("no search index");
        return response.json();
      })
      .then(function (data) {
        if (!data.shards.length) throw new Error("an empty search index");
        return data.shards.map(function (shard) {
          return new URL("pagefind/" + shard.name + "/", root).href;
        });
      });
  }

  function script(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  // The merged search, warmed: Pagefind's worker makes its word splitter (Intl.Segmenter, some
  // 50 ms the first time in a worker) at its first search, an empty one here instead of the
  // reader's first query.
  function merged(bundles) {
    var options = { baseUrl: root.pathname, ranking: RANKING };
    return import(bundles[0] + "pagefind.js").then(function (pagefind) {
      return pagefind
        .options(options)
        .then(function () {
          return pagefind.init();
        })
        .then(function () {
          return Promise.all(
            bundles.slice(1).map(function (bundle) {
              return pagefind.mergeIndex(bundle, Object.assign({}, options));
            })
          );
        })
        .then(function () {
          pagefind.preload("").catch(function () {}); // a search says what went wrong
          return pagefind;
        });
    });
  }

  // Pagefind's UI imports `pagefind.js` from its bundle path: the site's (pagefind/pagefind.js
  // here), which searches with `pagefind` and asks for the first result's data first.
  var UI_BUNDLE = new URL("assets/dossier/pagefind/", root);

  function handedToUI(pagefind) {
    return import(new URL("pagefind.js", UI_BUNDLE).href).then(function (module) {
      module.use(pagefind);
    });
  }

  // Pagefind's UI loads its Pagefind (and the filters' counts) when its box is first focused:
  // made to happen now, while the reader reads, instead of when the dialog opens (a query typed
  // at once then waited for it, 50 ms at a time).
  // Its count of results ("356 results for Blair") is written with Intl.NumberFormat, whose
  // first use in a page loads the browser's number data (20 to 140 ms measured): done now too.
  function uiLoads(ui) {
    var box = document.querySelector("#dossier-search-ui .pagefind-ui__search-input");
    if (box) box.dispatchEvent(new FocusEvent("focus"));
    new Intl.NumberFormat(document.documentElement.lang || "en").format(0);
    return ui;
  }

  function load() {
    if (loaded) return loaded;
    loaded = shardBundles().then(function (bundles) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = bundles[0] + "pagefind-ui.css";
      document.head.appendChild(style);
      return Promise.all([
        script(bundles[0] + "pagefind-ui.js"),
        merged(bundles).then(handedToUI),
      ]).then(function () {
        var ui = new window.PagefindUI({
          element: "#dossier-search-ui",
          bundlePath: UI_BUNDLE.pathname,
          baseUrl: root.pathname,
          showSubResults: true,
          showImages: false,
          resetStyles: false,
          autofocus: true,
          pageSize: 8,
          debounceTimeoutMs: 0, // held back here instead (holdBurstKeys): the first key
          translations: { placeholder: "Search people, organisations, countries, quotes" },
          ranking: RANKING,
          processResult: processResult,
        });
        uiLoads(ui);
        return ui;
      });
    });
    return loaded;
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "dossier-search";
    dialog.setAttribute("aria-label", "Search");
    dialog.innerHTML =
      '<div class="dossier-search__bar"><span>Search</span>' +
      '<button type="button" class="dossier-search__close" aria-label="Close">✕</button></div>' +
      '<div id="dossier-search-ui"></div>';
    holdBurstKeys(dialog.querySelector("#dossier-search-ui"));
    if (window.location.protocol === "file:") {
      dialog.querySelector("#dossier-search-ui").innerHTML =
        '<p class="dossier-search__note">Search reads its index over HTTP, which a page opened ' +
        "from disk cannot do. Serve the folder (for example <code>python3 -m http.server</code> " +
        "in it) and open the address it prints; every other page works from disk.</p>";
    }
    dialog.querySelector(".dossier-search__close").addEventListener("click", close);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) close();
    });
    document.body.appendChild(dialog);
  }

  function open(query) {
    if (!dialog) build();
    if (!dialog.open) dialog.showModal();
    if (window.location.protocol === "file:") return;
    load().then(function (ui) {
      var input = dialog.querySelector(".pagefind-ui__search-input");
      if (typeof query === "string" && query) ui.triggerSearch(query);
      if (input) input.focus();
    });
  }

  // Warmed once the page has loaded, while the reader reads: Pagefind's UI, its script, its
  // WebAssembly and the index's metadata, so that the first query waits only for the index
  // chunk of its words and the first results' fragments.
  function warm() {
    if (window.location.protocol === "file:") return;
    if (!dialog) build();
    load().catch(function () {
      loaded = null; // tried again when the search is opened
    });
  }

  function whenIdle(work) {
    if (window.requestIdleCallback) window.requestIdleCallback(work, { timeout: 2000 });
    else window.setTimeout(work, 200);
  }

  function close() {
    if (dialog && dialog.open) dialog.close();
  }

  function addButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".dossier-search-button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon dossier-search-button";
    button.title = "Search (/)";
    button.setAttribute("aria-label", "Search");
    button.innerHTML = ICON;
    button.addEventListener("click", function () {
      open();
    });
    var source = header.querySelector(".md-header__source");
    header.insertBefore(button, source);
  }

  function typing(target) {
    return (
      target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
    );
  }

  document.addEventListener("keydown", function (event) {
    var shortcut =
      ((event.ctrlKey || event.metaKey) && event.key === "k") ||
      (!event.ctrlKey && !event.metaKey && !event.altKey && /^[/sf]$/.test(event.key));
    if (!shortcut || (typing(event.target) && !event.ctrlKey && !event.metaKey)) return;
    event.preventDefault();
    open();
  });

  if (document.readyState === "complete") whenIdle(warm);
  else
    window.addEventListener("load", function () {
      whenIdle(warm);
    });

  // Material's instant navigation is off: the header is there once the document is parsed.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButton);
  } else {
    addButton();
  }
  window.dossierSearch = { open: open, close: close };
})();
