/**
 * The browser side of the report: draws the charts described by the JSON in #charts-data with
 * uPlot. Plain ES2017 (no modules, no network); it only reads data and never builds markup from
 * it (uPlot writes labels with textContent). Resizes with the window, redraws when light/dark
 * switches or printing starts, and opens every <details> before printing.
 */
export const CHARTS_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('charts-data').textContent);
  var plots = [];

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function formatMs(value) {
    if (value == null) return '-';
    if (value < 1) return (value * 1000).toFixed(0) + ' \u00b5s';
    if (value < 10) return value.toFixed(2) + ' ms';
    if (value < 100) return value.toFixed(1) + ' ms';
    if (value < 1000) return value.toFixed(0) + ' ms';
    return (value / 1000).toFixed(2) + ' s';
  }

  function formatNumber(value) {
    if (value == null) return '-';
    return Math.abs(value) >= 1000 ? value.toFixed(0) : String(Math.round(value * 100) / 100);
  }

  function percentLabel(x) {
    var percentile = 100 * (1 - 1 / x);
    var digits = Math.max(0, Math.min(5, Math.round(Math.log10(x)) - 2));
    return percentile.toFixed(digits) + '%';
  }

  function axis(extra) {
    var base = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--grid'), width: 1 }, ticks: { stroke: cssVar('--grid'), width: 1 } };
    return Object.assign(base, extra);
  }

  function lines(chart, format) {
    return chart.series.map(function (series, index) {
      return { label: series.label, stroke: cssVar('--c' + (index % 7)), width: 2, value: function (u, v) { return format(v); } };
    });
  }

  // Dashed vertical lines where each phase starts and ends, with the phase name at the top.
  function phasesPlugin(phases) {
    return {
      hooks: {
        draw: function (u) {
          var ctx = u.ctx;
          var top = u.bbox.top;
          var bottom = top + u.bbox.height;
          ctx.save();
          ctx.strokeStyle = cssVar('--phase');
          ctx.fillStyle = cssVar('--muted');
          ctx.setLineDash([5, 4]);
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          ctx.font = Math.round(11 * devicePixelRatio) + 'px system-ui, sans-serif';
          phases.forEach(function (phase) {
            [phase.start, phase.end].forEach(function (at, edge) {
              var x = Math.round(u.valToPos(at, 'x', true));
              if (x < u.bbox.left - 1 || x > u.bbox.left + u.bbox.width + 1) return;
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, bottom);
              ctx.stroke();
              if (edge === 0) ctx.fillText(phase.name, x + 4 * devicePixelRatio, top + 12 * devicePixelRatio);
            });
          });
          ctx.restore();
        },
      },
    };
  }

  function sizeOf(element) {
    return { width: Math.max(280, element.clientWidth), height: 240 };
  }

  function draw(chart, xs, options, format) {
    var element = document.getElementById(chart.id);
    if (!element) return;
    var size = sizeOf(element);
    var opts = Object.assign({ width: size.width, height: size.height, cursor: { drag: { x: true, y: false } } }, options);
    opts.series = [options.xSeries].concat(lines(chart, format));
    delete opts.xSeries;
    var columns = [xs].concat(chart.series.map(function (series) { return series.values; }));
    plots.push({ element: element, plot: new uPlot(opts, columns, element) });
  }

  function drawDistributions() {
    var d = data.distribution;
    var top = d.xs[d.xs.length - 1];
    var ticks = d.ticks.map(function (tick) { return tick.x; });
    var labels = {};
    d.ticks.forEach(function (tick) { labels[tick.x] = tick.label; });
    d.charts.forEach(function (chart) {
      draw(chart, d.xs, {
        scales: { x: { time: false, distr: 3, log: 10, range: [1, top] } },
        axes: [
          axis({
            splits: function () { return ticks; },
            filter: function (u, splits) { return splits; },
            values: function (u, splits) { return splits.map(function (x) { return labels[x] || ''; }); },
          }),
          axis({ size: 72, values: function (u, splits) { return splits.map(formatMs); } }),
        ],
        xSeries: { label: 'percentile', value: function (u, x) { return x == null ? '-' : percentLabel(x); } },
      }, formatMs);
    });
  }

  function utcClock(seconds) {
    return new Date(Math.round(seconds * 1000)).toISOString().slice(11, 19);
  }

  function drawTimeline() {
    var t = data.timeline;
    if (t.xs.length === 0) return;
    // A point sits in the middle of its second: the axis spans whole seconds, and is wide enough
    // to show every phase boundary.
    var edges = t.phases.map(function (phase) { return phase.start; }).concat(t.phases.map(function (phase) { return phase.end; }));
    var range = [Math.min.apply(null, [t.xs[0] - 0.5].concat(edges)), Math.max.apply(null, [t.xs[t.xs.length - 1] + 0.5].concat(edges))];
    t.charts.forEach(function (chart) {
      var format = chart.unit === 'ms' ? formatMs : formatNumber;
      draw(chart, t.xs, {
        scales: { x: { time: true, range: function () { return range; } } },
        // UTC, 24-hour, like the times in the header (the viewer's zone would not match them).
        axes: [
          axis({ values: function (u, splits) { return splits.map(utcClock); } }),
          axis({ size: 72, values: function (u, splits) { return splits.map(format); } }),
        ],
        plugins: [phasesPlugin(t.phases)],
        xSeries: { label: 'UTC', value: function (u, x) { return x == null ? '-' : utcClock(x); } },
      }, format);
    });
  }

  function drawAll() {
    plots.forEach(function (entry) { entry.plot.destroy(); });
    plots = [];
    drawDistributions();
    drawTimeline();
  }

  var resizeTimer;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      plots.forEach(function (entry) { entry.plot.setSize(sizeOf(entry.element)); });
    }, 100);
  });
  // Paper gets the light palette and its own widths: redraw when printing starts and ends.
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', drawAll);
  window.matchMedia('print').addEventListener('change', drawAll);
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (details) { details.open = true; });
  });
  drawAll();
})();
`;
