import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../stack/api-process';
import type { ScenarioReport } from '../scenarios/scenario.types';
import { renderChart } from './svg-charts';
import { markdownTable, tableCells, TABLE_HEADER } from './summary-table';

export const REPORTS_DIR = join(REPO_ROOT, 'loadtests', 'reports');

export interface RunInfo {
  name: string;
  command: string;
  source: string;
  startedAt: Date;
  finishedAt: Date;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
}

function machineLine(report: ScenarioReport): string {
  const m = report.machine;
  return `${m.cores} cores; before the run, other tenants kept ${m.idleBusyPercent.toFixed(0)} % of the CPU busy (load average ${m.loadAverage1m.toFixed(2)})`;
}

export function markdownReport(run: RunInfo, reports: ScenarioReport[]): string {
  const parts = [
    `# LevelSync load report: ${run.name}`,
    '',
    `- Command: \`${run.command}\``,
    `- API under test: ${run.source} (HEAD ${commit()}); started ${run.startedAt.toISOString()}, took ${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(0)} s`,
    '- Every ratio compares with a reference measured in the same run on the same machine; absolute numbers move with the machine\'s other load.',
    '',
    markdownTable(reports),
    '',
  ];
  for (const r of reports) {
    parts.push(`## ${r.title}`, '', `- Machine: ${machineLine(r)}`, `- Settings: ${Object.entries(r.settings).map(([k, v]) => `${k}=${v}`).join(', ')}`);
    for (const note of r.notes) parts.push(`- ${note}`);
    parts.push('');
  }
  parts.push(`Charts: see \`${run.name}.html\` next to this file.`, '');
  return parts.join('\n');
}

export function htmlReport(run: RunInfo, reports: ScenarioReport[]): string {
  const rows = reports
    .flatMap((r) => r.rows)
    .map((row) => {
      const cells = tableCells(row);
      const cls = row.pass === undefined ? '' : row.pass ? 'pass' : 'miss';
      return `<tr>${cells.map((c, i) => `<td${i === cells.length - 1 && cls ? ` class="${cls}"` : ''}>${escape(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const sections = reports
    .map(
      (r) => `<section><h2>${escape(r.title)}</h2>
<p class="meta">Machine: ${escape(machineLine(r))}.<br>Settings: ${escape(Object.entries(r.settings).map(([k, v]) => `${k}=${v}`).join(', '))}</p>
<ul>${r.notes.map((n) => `<li>${escape(n)}</li>`).join('')}</ul>
<div class="charts">${r.charts.map(renderChart).join('\n')}</div></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LevelSync load report: ${escape(run.name)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#111827;max-width:1360px}
table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #d1d5db;padding:4px 8px;text-align:left}
th{background:#f3f4f6}.pass{color:#047857;font-weight:600}.miss{color:#b91c1c;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #e5e7eb}.meta{color:#4b5563;font-size:13px}
</style></head><body>
<h1>LevelSync load report: ${escape(run.name)}</h1>
<p class="meta">Command: <code>${escape(run.command)}</code> · API under test: ${escape(run.source)} (HEAD ${escape(commit())}) · ${escape(run.startedAt.toISOString())} · ${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(0)} s.
Every ratio compares with a reference measured in the same run.</p>
<table><thead><tr>${TABLE_HEADER.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
${sections}
</body></html>
`;
}

/** Writes `<name>.md` and `<name>.html` (the latest run of that name) and returns their paths. */
export function writeRunReport(run: RunInfo, reports: ScenarioReport[]): { markdown: string; html: string } {
  mkdirSync(REPORTS_DIR, { recursive: true });
  const markdown = join(REPORTS_DIR, `${run.name}.md`);
  const html = join(REPORTS_DIR, `${run.name}.html`);
  writeFileSync(markdown, markdownReport(run, reports));
  writeFileSync(html, htmlReport(run, reports));
  return { markdown, html };
}
