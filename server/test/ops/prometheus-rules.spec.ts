import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app';

// The files people who run Prometheus and Grafana already take: their expressions may only name
// series our /metrics really serves (scraped from the real app, not a list kept by hand).
const ROOT = resolve(__dirname, '../../..');
const RULES_FILE = resolve(ROOT, 'deploy/prometheus/levelsync-rules.yml');
const RULES_TESTS = resolve(ROOT, 'deploy/prometheus/levelsync-rules.test.yml');
const DASHBOARD_FILE = resolve(ROOT, 'deploy/grafana/levelsync-dashboard.json');

interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
interface GrafanaPanel {
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: Array<{ expr: string; refId: string }>;
}

const rules = (parse(readFileSync(RULES_FILE, 'utf8')) as { groups: Array<{ name: string; rules: AlertingRule[] }> }).groups.flatMap((g) => g.rules);
const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as {
  uid: string;
  panels: GrafanaPanel[];
  annotations: { list: Array<{ expr: string }> };
};
const panelExprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: panel.title, expr: target.expr })));

const seriesIn = (expr: string) => [...expr.matchAll(/\blevelsync_[a-z0-9_]+/g)].map((match) => match[0]);

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;

/** Every sample name a scrape can carry: histograms and summaries answer to their suffixed names. */
function exposedSeries(metricsText: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of metricsText.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram') ['_bucket', '_sum', '_count'].forEach((suffix) => names.add(`${name}${suffix}`));
    if (type === 'summary') ['_sum', '_count'].forEach((suffix) => names.add(`${name}${suffix}`));
  }
  return names;
}

describe('deploy/prometheus and deploy/grafana', () => {
  let app: TestApp;
  let exposed: Set<string>;

  beforeAll(async () => {
    app = await startTestApp();
    exposed = exposedSeries(await (await fetch(`${app.httpUrl}/metrics`)).text());
  });
  afterAll(() => app?.close());

  describe('the alerting rules', () => {
    it('carry the issue’s defaults, each with a severity, LevelSync’s metric name and a summary', () => {
      const names = rules.map((rule) => rule.alert);
      expect(new Set(names).size).toBe(names.length);
      for (const name of [
        'LevelSyncConsistencyWarning',
        'LevelSyncConsistencyCritical',
        'LevelSyncApiErrorRateWarning',
        'LevelSyncApiErrorRateCritical',
        'LevelSyncApiLatencyWarning',
        'LevelSyncApiLatencyCritical',
        'LevelSyncFailedChecksWarning',
        'LevelSyncFailedChecksCritical',
        'LevelSyncNoWorkersOnline',
        'LevelSyncDatabaseSizeWarning',
        'LevelSyncDatabaseSizeCritical',
        'LevelSyncMemoryWarning',
        'LevelSyncMemoryCritical',
      ]) {
        expect(names).toContain(name);
      }
      for (const rule of rules) {
        expect(['warning', 'critical'], rule.alert).toContain(rule.labels.severity);
        expect(rule.labels.metric, rule.alert).toMatch(/^[A-Z0-9_]+$/);
        expect(rule.annotations.summary, rule.alert).toBeTruthy();
      }
      const consistency = rules.find((rule) => rule.alert === 'LevelSyncConsistencyCritical')!;
      expect(consistency.expr).toContain('< 0.95');
      expect(rules.find((rule) => rule.alert === 'LevelSyncNoWorkersOnline')!.for).toBe('2m');
    });

    it('name only series our /metrics serves', () => {
      for (const rule of rules) {
        const series = seriesIn(rule.expr);
        expect(series.length, rule.alert).toBeGreaterThan(0);
        for (const name of series) expect(exposed, `${rule.alert}: ${name}`).toContain(name);
      }
    });

    it.skipIf(!promtool)('pass `promtool check rules` (skipped without promtool: apt-get install prometheus)', () => {
      const result = spawnSync('promtool', ['check', 'rules', RULES_FILE], { encoding: 'utf8' });
      expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
      expect(result.stdout).toContain(`SUCCESS: ${rules.length} rules found`);
    });

    it.skipIf(!promtool)('fire, hold inside the recovery margin and resolve as their unit tests say (`promtool test rules`)', () => {
      const result = spawnSync('promtool', ['test', 'rules', RULES_TESTS], { encoding: 'utf8' });
      expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
      expect(result.stdout).toContain('SUCCESS');
    });
  });

  describe('the Grafana dashboard', () => {
    it('has panels on a 24-column grid, each with at least one query', () => {
      expect(dashboard.uid).toBe('levelsync');
      const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');
      expect(graphs.length).toBeGreaterThanOrEqual(12);
      for (const panel of graphs) {
        expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
        expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
      }
    });

    it('queries only series our /metrics serves (annotations: Prometheus’s own ALERTS)', () => {
      for (const { where, expr } of panelExprs) {
        const series = seriesIn(expr);
        expect(series.length, where).toBeGreaterThan(0);
        for (const name of series) expect(exposed, `${where}: ${name}`).toContain(name);
      }
      for (const { expr } of dashboard.annotations.list) expect(expr).toMatch(/^ALERTS\{/);
    });

    it('shows every series the alerting rules watch', () => {
      const charted = new Set(panelExprs.flatMap(({ expr }) => seriesIn(expr)));
      for (const rule of rules) for (const name of seriesIn(rule.expr)) expect(charted, `${rule.alert}: ${name}`).toContain(name);
    });
  });
});
