// The /network page (issue 24): the pair network the server counted (#network-data, JSON the
// page carries, so no inline script runs), drawn with Cytoscape.js's force-directed layout
// (cose), labels kept apart by making the layout count them, a tooltip on hover, zoom and pan.
// Clicking an edge lists its claims; clicking an actor opens its page. window.armstrackNetwork
// is the Cytoscape instance (the browser tests read it).
(function () {
  "use strict";
  var holder = document.getElementById("network");
  var source = document.getElementById("network-data");
  if (!holder || !source || typeof cytoscape !== "function") return;
  var data = JSON.parse(source.textContent);
  var tip = document.getElementById("network-tip");

  var SHAPES = {state: "ellipse", armed_group: "triangle", company: "round-rectangle", organisation: "diamond"};
  var COLOURS = {state: "#74c0fc", armed_group: "#ff8787", company: "#ffd43b", organisation: "#b197fc"};
  var KINDS = {state: "state", armed_group: "armed group", company: "company", organisation: "organisation"};
  var names = {};
  data.nodes.forEach(function (n) { names[n.id] = n.name || n.id; });

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value == null ? "" : String(value);
    return span.innerHTML;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // start from a circle in id order, so the same data always settles into the same picture
  var count = data.nodes.length, radius = 40 * Math.sqrt(count + 1);
  var heaviest = Math.max.apply(null, [1].concat(data.nodes.map(function (n) { return n.claims || 0; })));
  var elements = data.nodes.map(function (n, i) {
    var angle = 2 * Math.PI * i / Math.max(count, 1);
    return {group: "nodes", data: {id: n.id, label: n.name && n.name.length <= 22 ? n.name : n.id, name: n.name,
                                   kind: n.kind, roles: n.roles, claims: n.claims || 0,
                                   size: Math.min(64, 18 + 6 * Math.sqrt(n.claims || 1)),
                                   // the busiest actors' labels a little larger (pixels on screen)
                                   screen: 11 + 4 * Math.sqrt((n.claims || 0) / heaviest),
                                   font: 11 + 4 * Math.sqrt((n.claims || 0) / heaviest)},
            position: {x: radius * Math.cos(angle), y: radius * Math.sin(angle)}};
  });
  data.edges.forEach(function (e, i) {
    elements.push({group: "edges", classes: e.kind + " " + e.style,
                   data: {id: "e" + i, source: e.source, target: e.target, index: i,
                          width: Math.min(12, (e.kind === "broker" ? 1 : 1.5) + 1.6 * Math.log2(e.claims + 1))}});
  });

  var cy = cytoscape({
    container: holder, elements: elements, minZoom: 0.05, maxZoom: 6,
    boxSelectionEnabled: false,
    style: [
      {selector: "node", style: {
        "shape": function (n) { return SHAPES[n.data("kind")] || "hexagon"; },
        "background-color": function (n) { return COLOURS[n.data("kind")] || "#ced4da"; },
        "border-width": 1.5, "border-color": "#1d2330", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-size": "data(font)", "font-weight": 600, "font-family": "system-ui, sans-serif", "color": "#1d2330",
        "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#ffffff",
        "text-background-opacity": 0.85, "text-background-padding": 1}},
      {selector: "edge", style: {
        "width": "data(width)", "curve-style": "bezier", "line-color": "#4c6ef5", "target-arrow-color": "#4c6ef5",
        "target-arrow-shape": "triangle", "arrow-scale": 0.9, "opacity": 0.8}},
      {selector: "edge.broker", style: {"line-color": "#9c36b5", "target-arrow-color": "#9c36b5", "target-arrow-shape": "vee"}},
      {selector: "edge.contradicted", style: {"line-color": "#e8590c", "target-arrow-color": "#e8590c", "line-style": "dashed"}},
      {selector: "edge.denied", style: {"line-color": "#868e96", "target-arrow-color": "#868e96", "line-style": "dotted", "opacity": 0.9}},
      {selector: "node.nolabel", style: {"label": ""}},
      {selector: ".faded", style: {"opacity": 0.12}},
      {selector: "edge.hover", style: {"opacity": 1, "z-index": 10, "overlay-opacity": 0.12, "overlay-color": "#1d2330"}},
      {selector: "node.hover", style: {"border-width": 3}}
    ],
    layout: {name: "cose", animate: false, randomize: false, fit: true, padding: 30,
             nodeDimensionsIncludeLabels: true, idealEdgeLength: function () { return 90; },
             nodeRepulsion: function () { return 12000; }, nodeOverlap: 20, gravity: 0.6,
             numIter: 1500, componentSpacing: 60}
  });
  window.armstrackNetwork = cy;

  // ---- labels that never collide ------------------------------------------------------
  // At every zoom each label is drawn at a readable size on screen (its size in the model is
  // its screen size divided by the zoom) and placed busiest actor first: a label that would
  // overlap a label already placed, or another actor, is left out until zooming in makes room.
  // Boxes are measured here (the text on a canvas, the label under its actor), not read back
  // from Cytoscape, whose label sizes are only known after the next frame is drawn.
  var FONT = "system-ui, sans-serif", measure = document.createElement("canvas").getContext("2d");
  function labelBox(n, zoom) {
    var px = n.data("screen"), at = n.renderedPosition(), half = n.data("size") * zoom / 2;
    measure.font = "600 " + px + "px " + FONT;
    var width = measure.measureText(n.data("label") || "").width + 4;
    var top = at.y + half + 3 * zoom;
    return {x1: at.x - width / 2, x2: at.x + width / 2, y1: top, y2: top + px * 1.25 + 2};
  }
  function bodyBox(n, zoom) {
    var at = n.renderedPosition(), half = n.data("size") * zoom / 2 * 0.8;
    return {id: n.id(), x1: at.x - half, x2: at.x + half, y1: at.y - half, y2: at.y + half};
  }
  function intersects(a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }
  function placeLabels() {
    var zoom = cy.zoom(), placed = [], hidden = [];
    var bodies = cy.nodes().map(function (n) { return bodyBox(n, zoom); });
    cy.nodes().sort(function (a, b) { return b.data("claims") - a.data("claims") || (a.id() < b.id() ? -1 : 1); })
      .forEach(function (n) {
        var box = labelBox(n, zoom);
        var clash = placed.some(function (other) { return intersects(box, other); }) ||
                    bodies.some(function (other) { return other.id !== n.id() && intersects(box, other); });
        if (clash) hidden.push(n.id());
        else placed.push(box);
      });
    var off = {};
    hidden.forEach(function (id) { off[id] = true; });
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        n.data("font", n.data("screen") / zoom);
        if (off[n.id()]) n.addClass("nolabel"); else n.removeClass("nolabel");
      });
    });
    holder.dataset.labels = String(placed.length);
    window.armstrackLabels = placed;    // the placed boxes, on screen (the browser test checks them)
  }
  var relabel = null;
  cy.on("zoom", function () { clearTimeout(relabel); relabel = setTimeout(placeLabels, 60); });
  placeLabels();

  // ---- the tooltip ------------------------------------------------------------------
  function edgeTip(e) {
    var head = "<strong>" + text(names[e.source] || e.source) + " → " + text(names[e.target] || e.target) + "</strong>";
    if (e.kind === "broker") head += " <span class=\"muted\">(" + text(e.leg) + ")</span>";
    var lines = [head, plural(e.claims, "claim")];
    var statuses = Object.keys(e.statuses || {}).sort(function (a, b) { return e.statuses[b] - e.statuses[a]; });
    if (statuses.length) lines[1] += ": " + statuses.map(function (s) { return text(s) + " " + e.statuses[s]; }).join(", ");
    if (e.style === "contradicted") lines.push("contradicted: a denial stands beside supporting reports");
    if (e.style === "denied") lines.push("denied only: no report supports it");
    var items = (e.top || []).map(function (c) {
      return "<li>" + text(c.item_name || c.id) + (c.status !== undefined ? " — " + text(c.status || "status unknown") : "") +
             ", confidence " + Number(c.confidence || 0).toFixed(2) + (c.grade ? " (" + text(c.grade) + ")" : "") + "</li>";
    });
    var more = e.claims - items.length;
    var list = items.length ? "<ul>" + items.join("") + (more > 0 ? "<li class=\"muted\">and " + more + " more</li>" : "") + "</ul>" : "";
    return lines.map(function (l, i) { return i ? "<div>" + l + "</div>" : "<div>" + l + "</div>"; }).join("") + list +
           "<div class=\"muted\">click: " + (e.claims === 1 && e.claim ? "open the claim" : "list these claims") + "</div>";
  }
  function nodeTip(n) {
    var kind = KINDS[n.data("kind")] || "actor";
    return "<div><strong>" + text(n.data("name") || n.id()) + "</strong> <span class=\"muted\">" + text(n.id()) + "</span></div>" +
           "<div>" + text(kind) + "; " + text((n.data("roles") || []).join(", ")) + "</div>" +
           "<div>" + plural(n.data("claims"), "claim") + " on the drawn edges</div><div class=\"muted\">click: the actor's page</div>";
  }
  function show(html, evt) {
    tip.innerHTML = html;
    tip.hidden = false;
    var at = evt.renderedPosition || {x: 0, y: 0};
    var left = at.x + 14, top = at.y + 14;
    if (left + tip.offsetWidth > holder.clientWidth) left = Math.max(0, at.x - tip.offsetWidth - 14);
    if (top + tip.offsetHeight > holder.clientHeight) top = Math.max(0, at.y - tip.offsetHeight - 14);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hide() { tip.hidden = true; cy.elements().removeClass("hover faded"); }

  cy.on("mouseover", "edge", function (evt) {
    var edge = evt.target;
    cy.elements().addClass("faded");
    edge.removeClass("faded").addClass("hover");
    edge.connectedNodes().removeClass("faded");
    show(edgeTip(data.edges[edge.data("index")]), evt);
    holder.dataset.hovered = edge.data("source") + ">" + edge.data("target");
  });
  cy.on("mouseover", "node", function (evt) {
    var node = evt.target;
    cy.elements().addClass("faded");
    node.closedNeighborhood().removeClass("faded");
    node.addClass("hover");
    show(nodeTip(node), evt);
    holder.dataset.hovered = node.id();
  });
  cy.on("mouseout", "edge, node", hide);
  cy.on("pan zoom", function () { tip.hidden = true; holder.dataset.zoom = cy.zoom().toFixed(3); });
  cy.on("tap", "edge", function (evt) {
    var e = data.edges[evt.target.data("index")];
    if (e.claims === 1 && e.claim) {
      window.location.href = "/claims/" + encodeURIComponent(e.claim);
    } else {
      var pair = e.kind === "broker" ? (e.leg === "to broker" ? {supplier: e.source, broker: e.target}
                                                               : {broker: e.source, recipient: e.target})
                                     : {supplier: e.source, recipient: e.target};
      window.location.href = "/claims?" + new URLSearchParams(pair).toString();
    }
  });
  cy.on("tap", "node", function (evt) { window.location.href = "/actors/" + encodeURIComponent(evt.target.id()); });

  // ---- zoom buttons -----------------------------------------------------------------
  function zoomBy(factor) {
    cy.zoom({level: cy.zoom() * factor, renderedPosition: {x: holder.clientWidth / 2, y: holder.clientHeight / 2}});
  }
  var zin = document.getElementById("zoom-in"), zout = document.getElementById("zoom-out"), fit = document.getElementById("zoom-fit");
  if (zin) zin.addEventListener("click", function () { zoomBy(1.25); });
  if (zout) zout.addEventListener("click", function () { zoomBy(0.8); });
  if (fit) fit.addEventListener("click", function () { cy.fit(undefined, 30); });

  holder.dataset.zoom = cy.zoom().toFixed(3);
  holder.dataset.edges = String(cy.edges().length);
  holder.dataset.ready = "1";
})();
