// Xoal dashboard: the little behaviour htmx does not give. No inline script anywhere (the pages'
// Content-Security-Policy forbids it): a chart's data comes in its data-chart-json attribute (what
// htmx swaps in keeps it; htmx drops <script> elements from swapped content, allowScriptTags being
// off) or, in a page as loaded, in a <script type="application/json"> child.
(function () {
  "use strict";

  var MAX_ROWS = 1000;
  var paused = false;
  var held = [];

  function markCurrentTab() {
    var path = location.pathname;
    document.querySelectorAll("header nav a").forEach(function (a) {
      var here = path === a.getAttribute("href") || path.indexOf(a.getAttribute("href") + "/") === 0;
      if (here) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
  }

  // Charts: <figure data-chart="line" data-chart-json='{"x":[s…],"series":[{"label","values"}],"tz"?}'>
  var PALETTE = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#dc2626", "#4b5563"];

  function drawChart(el) {
    if (el.dataset.drawn || typeof uPlot === "undefined") { return; }
    var source = el.dataset.chartJson ? null : el.querySelector("script[type='application/json']");
    if (!el.dataset.chartJson && !source) { return; }
    var data = JSON.parse(el.dataset.chartJson || source.textContent);
    el.dataset.drawn = "1";
    var width = Math.max(280, el.clientWidth || 600);
    var series = [{ label: data.xLabel || "time" }];
    var columns = [data.x];
    data.series.forEach(function (s, i) {
      series.push({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2,
                    fill: data.series.length === 1 ? PALETTE[i % PALETTE.length] + "22" : undefined,
                    dash: s.dashed ? [6, 4] : undefined, points: { show: data.x.length < 60 } });
      columns.push(s.values);
    });
    var options = { width: width, height: Number(el.dataset.height || 260), series: series,
                    scales: { x: { time: data.time !== false } }, axes: [{}, { size: 60 }],
                    legend: { live: true } };
    if (data.tz) { options.tzDate = function (ts) { return uPlot.tzDate(new Date(ts * 1000), data.tz); }; }
    new uPlot(options, columns, el);
  }

  // Widths of bars (funnel steps, frequency buckets) from data-width: the CSP allows no style attributes.
  function sizeBars(root) {
    root.querySelectorAll("[data-width]").forEach(function (bar) { bar.style.width = bar.dataset.width + "%"; });
  }

  function enhance(root) {
    if (root.matches && root.matches("[data-chart]")) { drawChart(root); }
    root.querySelectorAll("[data-chart]").forEach(drawChart);
    sizeBars(root);
  }

  function trimRows(body) {
    while (body.rows.length > MAX_ROWS) { body.deleteRow(body.rows.length - 1); }
    var empty = document.getElementById("events-empty");
    if (empty && body.rows.length > 0) { empty.hidden = true; }
  }

  function showHeld() {
    var note = document.getElementById("held");
    if (note) { note.textContent = held.length ? held.length + " new while paused" : ""; }
  }

  document.addEventListener("click", function (e) {
    var toggle = e.target.closest("#pause");
    if (toggle) {
      paused = !paused;
      toggle.setAttribute("aria-pressed", String(paused));
      toggle.textContent = paused ? "Resume" : "Pause";
      if (!paused) {
        var body = document.getElementById("events-body");
        held.reverse().forEach(function (html) { body.insertAdjacentHTML("afterbegin", html); });
        held = [];
        htmx.process(body);
        trimRows(body);
      }
      showHeld();
    }
    var close = e.target.closest("[data-close]");
    if (close) { close.closest("dialog").close(); }
  });

  document.addEventListener("htmx:sseBeforeMessage", function (e) {
    if (paused) {
      e.preventDefault();
      held.push(e.detail.data);
      showHeld();
    }
  });

  document.addEventListener("htmx:sseMessage", function () {
    var body = document.getElementById("events-body");
    if (body) { trimRows(body); }
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    var dialog = e.detail.target.closest("dialog");
    if (dialog && !dialog.open) { dialog.showModal(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    markCurrentTab();
    enhance(document);
    htmx.onLoad(enhance);
  });
})();
