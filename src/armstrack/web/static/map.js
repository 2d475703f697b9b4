// /map: countries shaded by the claims they supply or receive, lines for the largest flows.
// Natural Earth 1:110m boundaries (world-atlas, vendored) decoded by topojson-client and drawn
// with d3, from the page's JSON data block (no inline script: the pages' CSP). Feature ids are
// ISO 3166-1 numeric codes; the data gives each country's (issue 24).
(function () {
  "use strict";
  var box = document.getElementById("map-box");
  var source = document.getElementById("map-data");
  if (!box || !source || !window.d3 || !window.topojson) return;
  var data = JSON.parse(source.textContent);
  var side = box.getAttribute("data-side") === "received" ? "received" : "supplied";
  var base = box.getAttribute("data-claims-url") || "/claims";
  var byNumeric = {};
  data.countries.forEach(function (c) { if (c.numeric) byNumeric[c.numeric] = c; });
  var top = d3.max(data.countries, function (c) { return c[side]; }) || 1;
  var color = d3.scaleSequentialLog(d3.interpolateYlOrRd).domain([1, Math.max(2, top)]);
  var width = 960, height = 500;

  function link(country) {
    var key = side === "supplied" ? "supplier" : "recipient";
    var params = new URLSearchParams(base.split("?")[1] || "");
    params.set(key, country.id);
    return base.split("?")[0] + "?" + params.toString();
  }

  function legend() {
    var scale = document.getElementById("map-scale");
    if (!scale) return;
    scale.textContent = "claims " + side + ": 1";
    [0, 0.25, 0.5, 0.75, 1].forEach(function (t) {
      var step = document.createElement("span");
      step.className = "step";
      step.style.background = color(Math.pow(Math.max(2, top), t));
      scale.appendChild(step);
    });
    scale.appendChild(document.createTextNode(String(top)));
  }

  fetch(box.getAttribute("data-atlas")).then(function (r) { return r.json(); }).then(function (world) {
    var countries = topojson.feature(world, world.objects.countries).features;
    var projection = d3.geoNaturalEarth1().fitSize([width, height], {type: "Sphere"});
    var path = d3.geoPath(projection);
    var svg = d3.select(box).append("svg").attr("id", "world-map").attr("data-side", side)
      .attr("viewBox", "0 0 " + width + " " + height).attr("role", "img")
      .attr("aria-label", "world map of claims by " + (side === "supplied" ? "supplier" : "recipient"));
    svg.append("path").attr("class", "sphere").attr("d", path({type: "Sphere"}));
    var centre = {};
    var shapes = svg.append("g").selectAll("g").data(countries).join("g");
    shapes.each(function (feature) {
      var ours = byNumeric[feature.id];
      var here = d3.select(this);
      var count = ours ? ours[side] : 0;
      var holder = count ? here.append("a").attr("href", link(ours)) : here;
      var shape = holder.append("path").attr("d", path(feature))
        .attr("class", "country" + (count ? " counted" : ""))
        .attr("data-numeric", feature.id || "")
        .attr("data-id", ours ? ours.id : "")
        .attr("data-count", count);
      if (count) shape.style("fill", color(Math.max(1, count)));   // CSSOM: allowed under the CSP
      shape.append("title").text((ours ? ours.name : (feature.properties || {}).name || "") +
        (ours ? ": supplies " + ours.supplied + ", receives " + ours.received : ""));
      if (ours) centre[ours.id] = path.centroid(feature);
    });
    var most = d3.max(data.flows, function (f) { return f.claims; }) || 1;
    var widthOf = d3.scaleSqrt().domain([1, most]).range([0.8, 5]);
    svg.append("defs").append("marker").attr("id", "flow-arrow").attr("viewBox", "0 0 10 10")
      .attr("refX", 9).attr("refY", 5).attr("markerWidth", 9).attr("markerHeight", 9).attr("orient", "auto")
      .attr("markerUnits", "userSpaceOnUse")
      .append("path").attr("d", "M0,0L10,5L0,10z").attr("fill", "#2b4c7e");
    var flows = data.flows.filter(function (f) { return centre[f.supplier] && centre[f.recipient]; });
    svg.append("g").selectAll("path").data(flows).join("path")
      .attr("class", "flow").attr("data-supplier", function (f) { return f.supplier; })
      .attr("data-recipient", function (f) { return f.recipient; })
      .attr("stroke-width", function (f) { return widthOf(f.claims); })
      .attr("marker-end", "url(#flow-arrow)")
      .attr("d", function (f) {
        var a = centre[f.supplier], b = centre[f.recipient];
        var mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
        var dx = b[0] - a[0], dy = b[1] - a[1];
        return "M" + a[0] + "," + a[1] + "Q" + (mx - dy * 0.2) + "," + (my + dx * 0.2) + " " + b[0] + "," + b[1];
      })
      .append("title").text(function (f) {
        return f.supplier + " \u2192 " + f.recipient + ": " + f.claims + " claims, " + f.deliveries + " deliveries";
      });
    legend();
    box.setAttribute("data-ready", "1");
  });
})();
