import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../server/test/support/wait-for';
import { launchBrowser, openPage, type BrowserPage } from './support/browser';
import { DashboardPage } from './support/dashboard-page';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startLiveStack, type LiveStack } from './support/live-stack';
import { saveScreenshot } from './support/screenshot';
import { desyncLicense, insertStudent, seedConsistentStudents } from './support/students';
import { TrafficLog } from './support/traffic-log';

const REPAIRS = 30;
const SIGN_IN_QUERIES = ['HealthStatus', 'HealthMetrics', 'CheckRunHistory', 'SystemInfo', 'Violations', 'RecentRepairs'];
/** The alerts strip and the chart's marks: asked at sign-in, then again only after an alert transition. */
const ALERT_QUERIES = ['ActiveAlerts', 'AlertMarks'];

interface Numbers {
  healthMetrics: { openViolations: number };
  violations: { totalCount: number };
}

// The API runs with its DEFAULT rate limits here (the harness raises them for the other tests): what an
// admin working flat out meets in production.
const defaultRateLimits = Object.fromEntries(
  ['RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_LOGIN_PER_MINUTE', 'RATE_LIMIT_LOGIN_IP_PER_MINUTE', 'WS_SUBSCRIBE_PER_MINUTE', 'WS_MAX_CONNECTIONS_PER_USER'].map((name) => [name, undefined]),
);

describe('an admin repairing violations as fast as the dashboard allows', () => {
  let stack: LiveStack;
  let browser: Browser;
  let admin: BrowserPage;
  let ui: DashboardPage;
  let traffic: TrafficLog;

  async function checkAndWait(): Promise<void> {
    const started = await stack.gql<{ runHealthCheck: { id: string } }>('mutation { runHealthCheck { id } }');
    const id = started.data!.runHealthCheck.id;
    await waitFor(async () => (await stack.sql<{ state: string }>('select state from check_runs where id = ?', [id]))[0]?.state === 'SUCCEEDED');
  }

  function apiNumbers(): Promise<Numbers> {
    return stack.gql<Numbers>('{ healthMetrics { openViolations } violations(first: 1) { totalCount } }').then((result) => result.data!);
  }

  async function shownNumbers(): Promise<{ list: number; metrics: number }> {
    const count = (await ui.page.getByTestId('violations-count').textContent()) ?? '';
    const metric = (await ui.page.getByTestId('open-violations').textContent()) ?? '';
    return { list: Number(/^([\d,]+) open violation/.exec(count)?.[1]?.replace(/,/g, '') ?? NaN), metrics: Number(metric.replace(/,/g, '')) };
  }

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLiveStack({}, defaultRateLimits), launchBrowser()]);
    await seedConsistentStudents(stack.sql, 200);
    for (let i = 0; i < REPAIRS + 2; i += 1) await desyncLicense(stack.sql, await insertStudent(stack.sql, `Burst student ${i}`), 1 + (i % 2));
    // The worker's boot-time check may already be running on the data before the desyncs: check until it sees them all.
    await waitFor(async () => {
      await checkAndWait();
      return (await apiNumbers()).healthMetrics.openViolations === REPAIRS + 2;
    });
    admin = await openPage(browser, stack.url);
    traffic = new TrafficLog(admin.page);
    ui = new DashboardPage(admin.page);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('asks once for each query at sign-in', async () => {
    await ui.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await traffic.settled();
    const counts = traffic.requestCounts();
    console.info('sign-in requests', counts);
    expect(counts).toEqual({ Login: 1, ...Object.fromEntries([...SIGN_IN_QUERIES, ...ALERT_QUERIES].map((name) => [name, 1])) });
  });

  it('asks once for each query after a check it started', async () => {
    const since = Date.now();
    await ui.runCheckButton().click();
    await ui.page.getByTestId('run-announcement').filter({ hasText: 'Health check finished' }).waitFor({ timeout: 30_000 });
    await traffic.settled();
    const counts = traffic.requestCounts(since);
    console.info('requests for one check', counts);
    const alertPushes = traffic.alertEvents().filter((frame) => frame.at >= since).length;
    for (const name of ALERT_QUERIES) {
      expect(counts[name] ?? 0).toBeLessThanOrEqual(alertPushes);
      delete counts[name];
    }
    expect(counts).toEqual({ RunHealthCheck: 1, ...Object.fromEntries(SIGN_IN_QUERIES.map((name) => [name, 1])) });
  });

  it(`repairs ${REPAIRS} violations back to back without a single 429, and every number agrees afterwards`, async () => {
    const since = Date.now();
    const dialog = admin.page.getByRole('dialog');
    for (let i = 0; i < REPAIRS; i += 1) {
      await admin.page.getByRole('button', { name: /^Repair .+ license of / }).first().click();
      await dialog.getByRole('button', { name: 'Repair license' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    const clickedFor = Date.now() - since;
    await traffic.settled();
    const counts = traffic.requestCounts(since);
    const sent = Object.values(counts).reduce((sum, n) => sum + n, 0);
    console.info(`${REPAIRS} repairs in ${clickedFor} ms: ${sent} requests`, counts);
    await saveScreenshot(admin.page, 'e2e-burst-01-after-30-repairs');

    expect(traffic.responses.filter((response) => response.status === 429)).toEqual([]);
    expect(counts.ResyncLicense).toBe(REPAIRS);
    const repaired = await stack.sql<{ n: number }>(`select count(*)::int as n from repairs where trigger = 'MANUAL'`);
    expect(repaired[0]!.n).toBe(REPAIRS);

    const api = await apiNumbers();
    expect(api.healthMetrics.openViolations).toBe(2);
    expect(api.violations.totalCount).toBe(2);
    await ui.page.getByTestId('violations-count').filter({ hasText: /^2 open violations$/ }).waitFor();
    expect(await ui.violationRows().count()).toBe(2);
    expect(await shownNumbers()).toEqual({ list: 2, metrics: 2 });
    expect(await admin.page.getByTestId('repairs-total').textContent()).toBe(`${REPAIRS} in the audit log`);
    expect(admin.errors).toEqual([]);
  }, 240_000);

  it('rides out a 429 by itself: says it is retrying, then the repair goes through and the row resolves', async () => {
    // The API's budget is not spent by the UI any more, so the refusal is played by the network.
    let refused = false;
    await admin.page.route(/\/graphql$/, async (route) => {
      if (refused || (route.request().postDataJSON() as { operationName?: string }).operationName !== 'ResyncLicense') return route.fallback();
      refused = true;
      await route.fulfill({
        status: 429,
        headers: { 'retry-after': '3', 'content-type': 'application/json' },
        body: JSON.stringify({ errors: [{ message: 'Too many requests; retry in 3 s.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 } }] }),
      });
    });
    const row = ui.violationRows().first();
    const name = (await row.locator('.violation-row__name').textContent())!;
    await row.getByRole('button', { name: /^Repair/ }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Repair license' }).click();

    await admin.page.getByTestId('rate-limited').filter({ hasText: /Too many requests — retrying in \d s/ }).waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await saveScreenshot(admin.page, 'e2e-burst-02-retrying-after-429');

    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await admin.page.getByTestId('rate-limited').waitFor({ state: 'detached' });
    await ui.violationRowFor(name).waitFor({ state: 'detached' });
    await ui.page.getByTestId('violations-count').filter({ hasText: /^1 open violation$/ }).waitFor();
    await ui.page.getByTestId('open-violations').filter({ hasText: /^1$/ }).waitFor();
    expect((await apiNumbers()).healthMetrics.openViolations).toBe(1);
    await admin.page.unroute(/\/graphql$/);
  });
});
