// Draws every [data-chart] element with uPlot. The data comes from a
// <script type="application/json"> block the server rendered (no inline code, CSP-safe).
(function () {
  'use strict';
  var charts = [];

  function axisColor() {
    return { stroke: '#646a73', grid: { stroke: '#eceef0', width: 1 }, ticks: { stroke: '#dee0e3', width: 1 } };
  }

  // A y range that shows every series (baseline and target lines included) with some air.
  function padded(spec, bars) {
    var lo = Infinity, hi = -Infinity;
    spec.series.forEach(function (s) {
      s.values.forEach(function (v) { if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
    });
    if (!isFinite(lo)) return [0, 1];
    if (bars) return [Math.min(0, Math.floor(lo * 1.1)), Math.max(1, Math.ceil(hi * 1.1))];
    var pad = (hi - lo) * 0.12 || Math.abs(hi) * 0.1 || 1;
    return [lo - pad, hi + pad];
  }

  function build(el) {
    var source = document.getElementById(el.getAttribute('data-chart'));
    if (!source || typeof uPlot === 'undefined') return;
    var spec = JSON.parse(source.textContent);
    var bars = spec.kind === 'bars';
    var series = [{ label: spec.xLabel || '' }];
    spec.series.forEach(function (s) {
      series.push({
        label: s.label,
        stroke: s.color,
        width: bars ? 1 : 2,
        dash: s.dash ? [6, 4] : undefined,
        fill: bars ? s.color : undefined,
        points: { show: !bars && !s.dash, size: 6 },
        paths: bars ? uPlot.paths.bars({ size: [0.6, 48] }) : undefined,
        spanGaps: true
      });
    });
    var xAxis = axisColor();
    if (bars || spec.labels) {
      xAxis.splits = function () { return spec.x; };
      xAxis.values = function (u, splits) {
        return splits.map(function (v) { return spec.labels ? spec.labels[spec.x.indexOf(v)] || '' : String(v); });
      };
    }
    var yAxis = axisColor();
    yAxis.size = 56;
    // Counts are whole numbers: no 0.5 ticks under bar charts.
    if (bars) yAxis.incrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    var opts = {
      width: Math.max(260, el.clientWidth),
      height: spec.height || 240,
      series: series,
      legend: { show: spec.series.length > 1 || !bars, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: bars || spec.labels ? { time: false, range: [spec.x[0] - 0.5, spec.x[spec.x.length - 1] + 0.5] } : { time: !!spec.time },
        y: { range: spec.y ? [spec.y.min, spec.y.max] : padded(spec, bars) }
      },
      axes: [xAxis, yAxis]
    };
    if (spec.time && spec.tz) opts.tzDate = function (ts) { return uPlot.tzDate(new Date(ts * 1e3), spec.tz); };
    var data = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
    var plot = new uPlot(opts, data, el);
    el.setAttribute('data-drawn', 'true');
    charts.push({ el: el, plot: plot, height: opts.height });
  }

  function resize() {
    charts.forEach(function (c) { c.plot.setSize({ width: Math.max(260, c.el.clientWidth), height: c.height }); });
  }

  var nodes = document.querySelectorAll('[data-chart]');
  for (var i = 0; i < nodes.length; i++) build(nodes[i]);
  var pending;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(resize, 150);
  });
})();
