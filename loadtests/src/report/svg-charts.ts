import type { Chart } from '../scenarios/scenario.types';

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 56, right: 16, top: 36, bottom: 36 };
const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** One chart as inline SVG: no scripts, no external assets, readable when the HTML file is opened offline. */
export function renderChart(chart: Chart): string {
  return chart.kind === 'histogram' ? histogram(chart) : series(chart);
}

function frame(title: string, body: string, legend: string[]): string {
  const legendItems = legend
    .map((name, i) => `<g transform="translate(${PAD.left + i * 170},${HEIGHT - 8})"><rect width="10" height="10" y="-9" fill="${COLORS[i % COLORS.length]}"/><text x="14" font-size="11">${escape(name)}</text></g>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escape(title)}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="#fff"/><text x="${PAD.left}" y="18" font-size="13" font-weight="600">${escape(title)}</text>${body}${legendItems}</svg>`;
}

function axes(xMin: number, xMax: number, yMax: number, xLabel: string, yLabel: string, xScale: (v: number) => number, yScale: (v: number) => number): string {
  const ticks: string[] = [];
  for (let i = 0; i <= 4; i += 1) {
    const v = (yMax * i) / 4;
    const y = yScale(v);
    ticks.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${PAD.left - 4}" y="${y + 4}" font-size="10" text-anchor="end">${fmt(v)}</text>`);
  }
  for (let i = 0; i <= 5; i += 1) {
    const v = xMin + ((xMax - xMin) * i) / 5;
    ticks.push(`<text x="${xScale(v)}" y="${HEIGHT - PAD.bottom + 13}" font-size="10" text-anchor="middle">${fmt(v)}</text>`);
  }
  return `${ticks.join('')}<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${HEIGHT - PAD.bottom}" stroke="#374151"/><line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${HEIGHT - PAD.bottom}" y2="${HEIGHT - PAD.bottom}" stroke="#374151"/><text x="${WIDTH - PAD.right}" y="${HEIGHT - PAD.bottom + 24}" font-size="10" text-anchor="end">${escape(xLabel)}</text><text x="8" y="${PAD.top - 6}" font-size="10">${escape(yLabel)}</text>`;
}

function histogram(chart: Extract<Chart, { kind: 'histogram' }>): string {
  const all = chart.series.flatMap((s) => Array.from(s.values));
  if (all.length === 0) return frame(`${chart.title} (no data)`, '', []);
  const sorted = Float64Array.from(all).sort();
  // Clip at p99.5 so one outlier does not squash the shape; the tail is summarised in the table.
  const hi = Math.max(sorted[Math.floor(sorted.length * 0.995)] ?? 1, 1e-3);
  const bins = 40;
  const width = hi / bins;
  const counts = chart.series.map((s) => {
    const c = new Array<number>(bins).fill(0);
    for (const v of Array.from(s.values)) c[Math.min(bins - 1, Math.floor(v / width))]! += 1;
    return c.map((n) => n / Math.max(1, s.values.length));
  });
  const yMax = Math.max(...counts.flat(), 1e-6);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const xScale = (v: number) => PAD.left + (v / hi) * plotW;
  const yScale = (v: number) => HEIGHT - PAD.bottom - (v / yMax) * plotH;
  const barW = plotW / bins / counts.length;
  const bars = counts
    .flatMap((c, si) =>
      c.map((share, i) => {
        const y = yScale(share);
        return `<rect x="${(xScale(i * width) + si * barW).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(barW - 0.5, 0.5).toFixed(1)}" height="${(HEIGHT - PAD.bottom - y).toFixed(1)}" fill="${COLORS[si % COLORS.length]}" opacity="0.85"/>`;
      }),
    )
    .join('');
  return frame(chart.title, axes(0, hi, yMax * 100, chart.unit, 'share of requests %', xScale, (v) => yScale(v / 100)) + bars, chart.series.map((s) => s.name));
}

function series(chart: Extract<Chart, { kind: 'series' }>): string {
  const points = chart.series.flatMap((s) => s.points);
  if (points.length === 0) return frame(`${chart.title} (no data)`, '', []);
  const xMin = Math.min(...points.map((p) => p[0]));
  const xMax = Math.max(xMin + 1e-6, ...points.map((p) => p[0]));
  const yMax = Math.max(1e-6, ...points.map((p) => p[1])) * 1.05;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const xScale = (v: number) => PAD.left + ((v - xMin) / (xMax - xMin)) * plotW;
  const yScale = (v: number) => HEIGHT - PAD.bottom - (v / yMax) * plotH;
  const lines = chart.series
    .map((s, i) => {
      const d = s.points.map(([x, y], j) => `${j ? 'L' : 'M'}${xScale(x).toFixed(1)},${yScale(y).toFixed(1)}`).join('');
      return `<path d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.8"/>`;
    })
    .join('');
  return frame(chart.title, axes(xMin, xMax, yMax, chart.xLabel, chart.unit, xScale, yScale) + lines, chart.series.map((s) => s.name));
}
