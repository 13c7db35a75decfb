/* The graph view: draws the nodes and edges of #graph-data with vis-network.
 *
 * Data comes only from the JSON block; every string from it reaches the page
 * as text (tooltips are elements filled with textContent), never as HTML.
 * After the layout settles, physics is switched off so that large graphs stay
 * responsive, and the container records data-nodes, data-edges and
 * data-stabilized (data-visible follows the type checkboxes). The vis.Network
 * itself is the container's visNetwork property, for scripts and tests.
 */
(function () {
  "use strict";

  var container = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  var status = document.getElementById("graph-status");
  if (!container || !source || typeof vis === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);

  function textTip(text) {
    var tip = document.createElement("div");
    tip.className = "graph-tip";
    tip.textContent = text;
    return tip;
  }

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return Object.assign({}, node, {title: textTip(node.title)});
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    return Object.assign({}, edge, {title: textTip(edge.title)});
  }));
  var large = nodes.length > 300;
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
    autoResize: true,
    layout: {improvedLayout: nodes.length <= 100, randomSeed: 7},
    nodes: {font: {size: 14, color: "#1d2330"}},
    edges: {
      arrows: {to: {enabled: true, scaleFactor: 0.5}},
      color: {color: "#9aa3b5", highlight: "#1f5fbf", hover: "#1f5fbf"},
      font: {size: 10, color: "#5b6475", strokeWidth: 3, align: "middle"},
      smooth: false
    },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -150, centralGravity: 0.01, springLength: 170, avoidOverlap: 0.6},
      stabilization: {enabled: true, iterations: large ? 150 : 400, updateInterval: 20}
    },
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large}
  });

  container.visNetwork = network;
  // stabilisation runs in timer batches, so these handlers are in place before it ends
  network.on("stabilizationProgress", function (progress) {
    say("Laying out the graph… " + Math.round(100 * progress.iterations / progress.total) + "%");
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    // vis fits the view to the graph right after this event: the page is laid out once it has
    window.setTimeout(function () {
      container.dataset.stabilized = "true";
      say(nodes.length ? "" : "No entities to show.");
    }, 0);
  });
  network.on("click", function (params) {
    if (params.nodes.length === 1) {
      var url = nodes.get(params.nodes[0]).url;
      if (typeof url === "string" && url.charAt(0) === "/") {
        window.location.assign(url);
      }
    }
  });
  network.on("hoverNode", function () { container.classList.add("graph-pointer"); });
  network.on("blurNode", function () { container.classList.remove("graph-pointer"); });

  var boxes = Array.prototype.slice.call(document.querySelectorAll(".graph-types input[name=type]"));

  function showCheckedTypes() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    nodes.update(nodes.get().map(function (node) {
      return {id: node.id, hidden: !shown[node.type] && !node.focus};
    }));
    container.dataset.visible = String(nodes.get({filter: function (node) { return !node.hidden; }}).length);
  }

  boxes.forEach(function (box) { box.addEventListener("change", showCheckedTypes); });
  document.querySelectorAll(".graph-swatch").forEach(function (swatch) {
    var style = data.styles[swatch.dataset.type];
    if (style) {
      swatch.style.backgroundColor = style.color;
    }
  });

  container.dataset.nodes = String(nodes.length);
  container.dataset.edges = String(edges.length);
  showCheckedTypes();
  if (nodes.length === 0) {
    container.dataset.stabilized = "true";
    say("No entities to show.");
  }
}());
