import type { ScenarioReport, SummaryRow } from '../scenarios/scenario.types';

const verdict = (row: SummaryRow) => (row.pass === undefined ? '' : row.pass ? 'PASS' : 'MISS');
const ratio = (row: SummaryRow) => (row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`);

export const TABLE_HEADER = ['Scenario', 'Metric', 'Ours', 'Reference (same run)', 'Ratio', 'Target', 'Result'];

export function tableCells(row: SummaryRow): string[] {
  return [row.scenario, row.metric, row.ours, row.reference ?? '', ratio(row), row.target, verdict(row)];
}

/** The one table `npm run bench` prints: fixed-width text for a terminal. */
export function textTable(reports: ScenarioReport[]): string {
  const rows = [TABLE_HEADER, ...reports.flatMap((r) => r.rows.map(tableCells))];
  const widths = TABLE_HEADER.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ');
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTable(reports: ScenarioReport[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${TABLE_HEADER.join(' | ')} |`,
    `|${TABLE_HEADER.map(() => '---').join('|')}|`,
    ...reports.flatMap((r) => r.rows.map((row) => `| ${tableCells(row).map(esc).join(' | ')} |`)),
  ].join('\n');
}
