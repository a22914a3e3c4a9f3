// The overview's charts, drawn from the figures the page carries (#chart-data) and drawn again when a live update
// replaced that part of the page. Without Chart.js the tables beside them say the same.
(function () {
  var charts = [];

  function draw() {
    var source = document.getElementById('chart-data');
    if (!source || !window.Chart) {
      return;
    }
    charts.forEach(function (chart) { chart.destroy(); });
    charts = [];
    var data = JSON.parse(source.textContent);
    var options = { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } };
    charts.push(new Chart(document.getElementById('chart-calls'), {
      type: 'bar',
      data: {
        labels: data.periods.map(function (p) { return p.label; }),
        datasets: [
          { label: 'Missed', data: data.periods.map(function (p) { return p.missed; }), backgroundColor: '#d97706' },
          { label: 'Recovered', data: data.periods.map(function (p) { return p.recovered; }), backgroundColor: '#059669' }
        ]
      },
      options: { animation: false, scales: options.scales }
    }));
    charts.push(new Chart(document.getElementById('chart-stages'), {
      type: 'bar',
      data: { labels: Object.keys(data.stages), datasets: [{ data: Object.values(data.stages), backgroundColor: '#2563eb' }] },
      options: options
    }));
    charts.push(new Chart(document.getElementById('chart-categories'), {
      type: 'doughnut',
      data: { labels: Object.keys(data.categories), datasets: [{ data: Object.values(data.categories), backgroundColor: ['#2563eb', '#059669', '#d97706'] }] },
      options: { animation: false }
    }));
    document.body.dataset.chartsDrawn = String(charts.length);
  }

  document.addEventListener('DOMContentLoaded', draw);
  document.addEventListener('live:redrawn', draw);
})();
