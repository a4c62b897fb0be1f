/* Relationship graph of the dossier: people (round), organisations (diamond) and countries
 * (square), linked when named in the same articles; the legend beside each graph says so.
 *
 * Every element <div class="dossier-graph" data-focus="person:ID" data-limit="12"> becomes a
 * Cytoscape.js graph. The data is one file written by the render stage (assets/graph.json) and
 * the library is served from the site (assets/dossier/vendor/cytoscape/): no request leaves the
 * site. With data-focus, the graph shows that node and its strongest neighbours; without, the
 * most mentioned nodes. A label that would overlap a more important node's label is hidden
 * until the pointer is on its node. When drawn, the element gets data-nodes, data-edges and
 * data-hidden-labels (the counts).
 */
(function () {
  "use strict";

  var LIBRARY = "assets/dossier/vendor/cytoscape/cytoscape.min.js";
  var DATA = "assets/graph.json";
  var PER_NODE = 3; // edges kept per node in the overview, strongest first
  var loaded = {};

  function siteBase() {
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (error) {
        base = ".";
      }
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function once(key, make) {
    if (!loaded[key]) {
      loaded[key] = make();
    }
    return loaded[key];
  }

  function loadLibrary(base) {
    return once("library", function () {
      if (window.cytoscape) {
        return Promise.resolve(window.cytoscape);
      }
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(LIBRARY, base).href;
        script.onload = function () {
          resolve(window.cytoscape);
        };
        script.onerror = function () {
          reject(new Error("could not load " + script.src));
        };
        document.head.appendChild(script);
      });
    });
  }

  /* A site opened from disk (`dossier build --offline`) cannot fetch: the same data comes as a
   * script there (assets/graph.data.js), its addresses those of page.html files. */
  function loadScriptData(base) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(DATA.replace(/\.json$/, ".data.js"), base).href;
      script.onload = function () {
        resolve(window.dossierGraphData);
      };
      script.onerror = function () {
        reject(new Error("could not load " + script.src));
      };
      document.head.appendChild(script);
    });
  }

  function loadData(base) {
    return once("data", function () {
      if (window.location.protocol === "file:") {
        return loadScriptData(base).then(unpack);
      }
      return fetch(new URL(DATA, base).href).then(function (response) {
        if (!response.ok) {
          throw new Error("graph data: HTTP " + response.status);
        }
        return response.json();
      }).then(unpack);
    });
  }

  /* Edges come as [source index, target index, articles, paragraphs]: the file stays small. */
  function unpack(data) {
    return {
      nodes: data.nodes,
      edges: data.edges.map(function (edge) {
        return {
          source: data.nodes[edge[0]].id,
          target: data.nodes[edge[1]].id,
          articles: edge[2],
          paragraphs: edge[3],
        };
      }),
    };
  }

  function stronger(a, b) {
    return b.articles - a.articles || b.paragraphs - a.paragraphs;
  }

  function edgesByNode(edges) {
    var by = {};
    edges.forEach(function (edge) {
      (by[edge.source] = by[edge.source] || []).push(edge);
      (by[edge.target] = by[edge.target] || []).push(edge);
    });
    Object.keys(by).forEach(function (key) {
      by[key].sort(stronger);
    });
    return by;
  }

  /* The focus and its strongest neighbours; edges from the focus, and between neighbours
   * that share a paragraph. */
  function neighbourhood(data, focus, limit) {
    var by = edgesByNode(data.edges);
    var own = (by[focus] || []).slice(0, limit);
    var keep = {};
    keep[focus] = true;
    own.forEach(function (edge) {
      keep[edge.source === focus ? edge.target : edge.source] = true;
    });
    var edges = own.concat(
      data.edges.filter(function (edge) {
        return (
          edge.source !== focus &&
          edge.target !== focus &&
          keep[edge.source] &&
          keep[edge.target] &&
          edge.paragraphs > 0
        );
      })
    );
    return { keep: keep, edges: edges };
  }

  /* The most mentioned nodes, each with its few strongest edges among them. */
  function overview(data, limit) {
    var top = data.nodes
      .slice()
      .sort(function (a, b) {
        return b.mentions - a.mentions || a.label.localeCompare(b.label);
      })
      .slice(0, limit);
    var keep = {};
    top.forEach(function (node) {
      keep[node.id] = true;
    });
    var inside = data.edges.filter(function (edge) {
      return keep[edge.source] && keep[edge.target];
    });
    var by = edgesByNode(inside);
    var chosen = new Set();
    Object.keys(by).forEach(function (key) {
      by[key].slice(0, PER_NODE).forEach(function (edge) {
        chosen.add(edge);
      });
    });
    return { keep: keep, edges: Array.from(chosen) };
  }

  function elements(data, picked, focus, base) {
    var nodes = data.nodes
      .filter(function (node) {
        return picked.keep[node.id];
      })
      .map(function (node) {
        return {
          data: {
            id: node.id,
            label: node.label,
            kind: node.kind,
            href: new URL(node.url, base).href,
            size: 14 + Math.min(26, 5 * Math.sqrt(node.mentions)),
            focus: node.id === focus ? 1 : 0,
          },
        };
      });
    var edges = picked.edges.map(function (edge) {
      return {
        data: {
          id: edge.source + "|" + edge.target,
          source: edge.source,
          target: edge.target,
          width: Math.min(8, 1 + edge.articles + 0.75 * edge.paragraphs),
          label: edge.articles + " article(s), " + edge.paragraphs + " paragraph(s)",
        },
      };
    });
    return nodes.concat(edges);
  }

  var STYLE = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        width: "data(size)",
        height: "data(size)",
        "background-color": "#546e7a",
        "border-width": 2,
        "border-color": "#fff",
        color: "#263238",
        "font-size": 11,
        "font-family": "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif",
        "text-valign": "bottom",
        "text-wrap": "wrap",
        "text-max-width": 90,
        "text-margin-y": 3,
        "text-background-color": "#fff",
        "text-background-opacity": 0.8,
        "text-background-padding": 1,
      },
    },
    { selector: 'node[kind = "country"]', style: { shape: "round-rectangle", "background-color": "#3f51b5" } },
    { selector: 'node[kind = "organisation"]', style: { shape: "diamond", "background-color": "#00897b" } },
    {
      selector: "node[focus = 1]",
      style: { "background-color": "#c62828", "font-weight": "bold", "font-size": 13 },
    },
    {
      selector: "edge",
      style: { width: "data(width)", "line-color": "#b0bec5", "curve-style": "haystack", opacity: 0.8 },
    },
    { selector: "node:active, node:selected", style: { "overlay-opacity": 0.1 } },
    // A label that would overlap a more important one: shown while the pointer is on its node.
    { selector: "node.label-above", style: { "text-valign": "top", "text-margin-y": -3 } },
    { selector: "node.label-hidden", style: { label: "" } },
    { selector: "node.label-hidden.hovered", style: { label: "data(label)", "z-index": 10 } },
  ];

  function labelBox(node) {
    return node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
  }

  function overlap(a, b) {
    return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  }

  // Labels that do not overlap: the focus first, then the biggest nodes (the most mentioned),
  // each kept below its node, or else above it, when its box meets none kept before; the others
  // are hidden until hovered. The
  // number hidden is in the element's data-hidden-labels.
  function unclutter(cy) {
    var kept = [];
    var hidden = 0;
    cy.nodes()
      .sort(function (a, b) {
        return (
          (b.data("focus") || 0) - (a.data("focus") || 0) ||
          b.data("size") - a.data("size") ||
          a.data("label").localeCompare(b.data("label"))
        );
      })
      .forEach(function (node) {
        var clear = function (box) {
          return !kept.some(function (other) {
            return overlap(box, other);
          });
        };
        var box = labelBox(node);
        if (!clear(box)) {
          node.addClass("label-above"); // the other side of the node, else none
          box = labelBox(node);
        }
        if (clear(box)) {
          kept.push(box);
        } else {
          node.removeClass("label-above").addClass("label-hidden");
          hidden += 1;
        }
      });
    return hidden;
  }

  function draw(cytoscape, element, data, base) {
    var focus = element.getAttribute("data-focus") || "";
    var limit = parseInt(element.getAttribute("data-limit") || "40", 10);
    var picked = focus ? neighbourhood(data, focus, limit) : overview(data, limit);
    element.innerHTML = "";
    var cy = cytoscape({
      container: element,
      elements: elements(data, picked, focus, base),
      style: STYLE,
      // A still picture that links: no wheel zoom, pan or drag to steal the page's scrolling.
      userZoomingEnabled: false,
      userPanningEnabled: false,
      autoungrabify: true,
      boxSelectionEnabled: false,
      layout: focus
        ? {
            name: "concentric",
            concentric: function (node) {
              return node.data("focus") ? 2 : 1;
            },
            levelWidth: function () {
              return 1;
            },
            minNodeSpacing: 40,
            animate: false,
          }
        : {
            name: "concentric",
            concentric: function (node) {
              return node.data("size");
            },
            levelWidth: function () {
              return 6;
            },
            minNodeSpacing: 45,
            animate: false,
          },
    });
    cy.fit(undefined, 30);
    // Labels stay readable (about 11px on screen) however far the fit zoomed out.
    var zoom = cy.zoom();
    if (zoom < 1) {
      cy.nodes().style({ "font-size": 11 / zoom, "text-max-width": 90 / zoom });
      cy.nodes("[focus = 1]").style({ "font-size": 13 / zoom });
    }
    var hidden = unclutter(cy);
    cy.on("tap", "node", function (event) {
      window.location.href = event.target.data("href");
    });
    cy.on("mouseover", "node", function (event) {
      element.style.cursor = "pointer";
      event.target.addClass("hovered");
    });
    cy.on("mouseout", "node", function (event) {
      element.style.cursor = "";
      event.target.removeClass("hovered");
    });
    element.setAttribute("data-hidden-labels", String(hidden));
    element.dossierGraph = cy; // for tests and the console
    element.setAttribute("data-nodes", String(cy.nodes().length));
    element.setAttribute("data-edges", String(cy.edges().length));
    element.classList.add("dossier-graph--ready");
    return cy;
  }

  function start() {
    var elements = document.querySelectorAll(".dossier-graph:not(.dossier-graph--ready)");
    if (!elements.length) {
      return;
    }
    var base = siteBase();
    Promise.all([loadLibrary(base), loadData(base)])
      .then(function (loadedParts) {
        elements.forEach(function (element) {
          draw(loadedParts[0], element, loadedParts[1], base);
        });
      })
      .catch(function (error) {
        elements.forEach(function (element) {
          element.setAttribute("data-error", String(error.message || error));
        });
      });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
