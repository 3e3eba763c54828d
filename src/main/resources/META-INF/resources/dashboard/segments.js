// Segment pages: charts in content that htmx swaps in. htmx drops every <script> element from what it
// swaps (allowScriptTags is off), so these pages carry a chart's data in data-chart-json and put the
// <script type="application/json"> block app.js draws from back in, before app.js's htmx:load handler
// runs (this one listens in the capture phase on document; app.js's listens on body).
(function () {
  "use strict";

  function restore(root) {
    var charts = Array.prototype.slice.call(root.querySelectorAll("[data-chart-json]"));
    if (root.matches && root.matches("[data-chart-json]")) { charts.push(root); }
    charts.forEach(function (chart) {
      if (chart.querySelector("script[type='application/json']")) { return; }
      var data = document.createElement("script");
      data.type = "application/json";
      data.textContent = chart.dataset.chartJson;
      chart.prepend(data);
    });
  }

  // Deferred scripts run once the page is parsed and before DOMContentLoaded, when app.js draws the page's charts.
  restore(document);
  document.addEventListener("htmx:load", function (e) { restore(e.target); }, true);
})();
