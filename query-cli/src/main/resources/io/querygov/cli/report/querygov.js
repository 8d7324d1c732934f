/* querytool's pages: draws the charts described by the page's JSON data with uPlot, and runs the dashboard's
   buttons. Text from the data reaches the page only through textContent and uPlot's labels (textContent too). */
(function () {
  'use strict';
  var dataElement = document.getElementById('querygov-data');
  var data = dataElement ? JSON.parse(dataElement.textContent || '{}') : {};
  var drawn = [];
  window.querygov = { data: data, charts: drawn };

  var palette = ['#1f6fb2', '#d9822b', '#2e9e5b', '#a33ea1', '#c23030', '#555555'];

  function widthOf(el, fallback) {
    var w = el.clientWidth || (el.parentNode && el.parentNode.clientWidth) || fallback;
    return Math.max(120, Math.floor(w));
  }

  function percentileLabel(x) {
    if (x == null) {
      return '';
    }
    if (x <= 1) {
      return '0%';
    }
    var decimals = Math.max(0, Math.round(Math.log10(x)) - 2);
    return (100 - 100 / x).toFixed(decimals) + '%';
  }

  function millisLabel(v) {
    if (v == null) {
      return '--';
    }
    return (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(3)) + ' ms';
  }

  function countPoints(columns) {
    var n = 0;
    for (var i = 1; i < columns.length; i++) {
      for (var j = 0; j < columns[i].length; j++) {
        if (columns[i][j] != null) {
          n++;
        }
      }
    }
    return n;
  }

  function register(key, kind, plot, columns) {
    drawn.push({ key: key, kind: kind, points: countPoints(columns), plot: plot });
  }

  function spectrum(el, key, chart) {
    var columns = [chart.x].concat(chart.series.map(function (s) { return s.values; }));
    var series = [{ label: 'percentile', value: function (u, v) { return v == null ? '--' : percentileLabel(v); } }];
    chart.series.forEach(function (s, i) {
      series.push({ label: s.label, stroke: palette[i % palette.length], width: i === 0 ? 2 : 1.5,
        dash: i === 0 ? undefined : [6, 4], points: { show: false },
        value: function (u, v) { return millisLabel(v); } });
    });
    var plot = new uPlot({
      width: widthOf(el, 760), height: 300,
      scales: { x: { time: false, distr: 3, log: 10 }, y: { range: function (u, min, max) { return [0, max * 1.05 || 1]; } } },
      axes: [
        { label: 'percentile (x: 1/(1-p), log scale)', values: function (u, splits) { return splits.map(percentileLabel); } },
        { label: 'latency, ms', size: 60 }
      ],
      series: series
    }, columns, el);
    register(key, 'spectrum', plot, columns);
  }

  function bars(el, key, chart) {
    var n = chart.labels.length;
    var x = [];
    for (var i = 0; i < n; i++) {
      x.push(i);
    }
    var columns = [x].concat(chart.series.map(function (s) { return s.values; }));
    var aligns = chart.series.length === 2 ? [-1, 1] : [0, 0, 0, 0];
    var series = [{ label: 'variant', value: function (u, v) { return v == null ? '--' : chart.labels[v]; } }];
    chart.series.forEach(function (s, i) {
      series.push({ label: s.label, fill: palette[i % palette.length], stroke: palette[i % palette.length], width: 0,
        points: { show: false }, value: function (u, v) { return millisLabel(v); },
        paths: uPlot.paths.bars({ size: [0.35, 80], align: aligns[i] || 0, gap: 2 }) });
    });
    var plot = new uPlot({
      width: widthOf(el, 760), height: 260,
      scales: { x: { time: false, range: [-0.6, n - 0.4] }, y: { range: function (u, min, max) { return [0, max * 1.1 || 1]; } } },
      axes: [
        { splits: function () { return x; }, values: function (u, splits) {
          return splits.map(function (v) { return chart.labels[v] == null ? '' : chart.labels[v]; }); } },
        { label: 'latency, ms', size: 60 }
      ],
      series: series
    }, columns, el);
    register(key, 'bars', plot, columns);
  }

  function sparkline(el, key, chart) {
    var columns = [chart.x, chart.values];
    var plot = new uPlot({
      width: 140, height: 32, legend: { show: false }, cursor: { show: false }, select: { show: false },
      scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } },
      axes: [{ show: false }, { show: false }],
      // a statement that ran in few intervals has gaps: join its points, and mark them while they are few
      series: [{}, { stroke: palette[0], width: 1.5, fill: 'rgba(31,111,178,0.15)', spanGaps: true,
        points: { show: countPoints(columns) <= 30, size: 4, fill: palette[0] } }]
    }, columns, el);
    register(key, 'sparkline', plot, columns);
  }

  var kinds = { spectrum: spectrum, bars: bars, sparkline: sparkline };
  var charts = data.charts || {};
  Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), function (el) {
    var key = el.getAttribute('data-chart');
    var chart = charts[key];
    if (!chart || !kinds[chart.kind]) {
      return;
    }
    kinds[chart.kind](el, key, chart);
  });

  /* The dashboard's benchmark button: POST with the page's token, then progress until the run ends. */
  Array.prototype.forEach.call(document.querySelectorAll('button[data-bench]'), function (button) {
    var status = document.getElementById(button.getAttribute('data-status'));
    var bar = document.getElementById(button.getAttribute('data-progress'));
    button.addEventListener('click', function () {
      button.disabled = true;
      status.textContent = 'starting';
      var body = new URLSearchParams();
      body.set('token', button.getAttribute('data-token'));
      fetch(button.getAttribute('data-bench'), { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (job.error) {
            throw new Error(job.error);
          }
          poll(job.status);
        })
        .catch(function (e) { status.textContent = 'failed: ' + e.message; button.disabled = false; });
    });

    function poll(url) {
      fetch(url, { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          status.textContent = job.message;
          if (bar) {
            bar.value = job.fraction;
          }
          if (job.state === 'done') {
            status.setAttribute('data-state', 'done');
            window.location.reload();
          } else if (job.state === 'failed') {
            status.setAttribute('data-state', 'failed');
            button.disabled = false;
          } else {
            setTimeout(function () { poll(url); }, 250);
          }
        })
        .catch(function (e) { status.textContent = 'failed: ' + e.message; button.disabled = false; });
    }
  });
})();
