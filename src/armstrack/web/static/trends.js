// /trends: claims and deliveries by year as bars (d3, vendored), from the page's JSON data
// block (no inline script: the pages' CSP). A bar links to the claims of its year.
(function () {
  "use strict";
  var box = document.getElementById("trend-chart");
  var source = document.getElementById("trend-data");
  if (!box || !source || !window.d3) return;
  var data = JSON.parse(source.textContent);
  var years = data.years || [];
  if (!years.length) { box.textContent = "No claims match."; return; }
  var width = 960, height = 360, m = {top: 16, right: 16, bottom: 36, left: 56};
  var svg = d3.select(box).append("svg").attr("class", "chart").attr("id", "trend-svg")
    .attr("viewBox", "0 0 " + width + " " + height).attr("role", "img")
    .attr("aria-label", "claims and deliveries by year");
  var x = d3.scaleBand().domain(years.map(function (d) { return d.year; }))
    .range([m.left, width - m.right]).padding(0.15);
  var top = d3.max(years, function (d) { return d.claims; }) || 1;
  var y = d3.scaleLinear().domain([0, top]).nice().range([height - m.bottom, m.top]);
  var every = Math.ceil(years.length / 20);
  svg.append("g").attr("transform", "translate(0," + (height - m.bottom) + ")")
    .call(d3.axisBottom(x).tickValues(x.domain().filter(function (_, i) { return i % every === 0; })));
  svg.append("g").attr("transform", "translate(" + m.left + ",0)").call(d3.axisLeft(y).ticks(6, "~s"));
  var base = box.getAttribute("data-claims-url") || "/claims";
  function link(year) { return base + (base.indexOf("?") < 0 ? "?" : "&") + "year=" + encodeURIComponent(year); }
  var group = svg.append("g").selectAll("a").data(years).join("a").attr("href", function (d) { return link(d.year); });
  group.append("rect").attr("class", "bar claims").attr("data-year", function (d) { return d.year; })
    .attr("x", function (d) { return x(d.year); }).attr("width", x.bandwidth())
    .attr("y", function (d) { return y(d.claims); }).attr("height", function (d) { return y(0) - y(d.claims); })
    .append("title").text(function (d) { return d.year + ": " + d.claims + " claims, " + d.deliveries + " deliveries"; });
  var inner = x.bandwidth() * 0.5;
  group.append("rect").attr("class", "bar deliveries").attr("data-year", function (d) { return d.year; })
    .attr("x", function (d) { return x(d.year) + (x.bandwidth() - inner) / 2; }).attr("width", inner)
    .attr("y", function (d) { return y(d.deliveries); }).attr("height", function (d) { return y(0) - y(d.deliveries); })
    .append("title").text(function (d) { return d.year + ": " + d.deliveries + " deliveries of " + d.claims + " claims"; });
})();
