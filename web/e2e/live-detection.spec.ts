import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../server/test/support/wait-for';
import { launchBrowser, openPage, type BrowserPage } from './support/browser';
import { DashboardPage } from './support/dashboard-page';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startLiveStack, type LiveStack } from './support/live-stack';
import { saveScreenshot } from './support/screenshot';
import { desyncLicense, insertStudent, seedConsistentStudents } from './support/students';

// A desync written behind the API's back reaches an open dashboard without any check being run:
// the worker's live checker finds it, the API pushes it, the table, the gauge and the counts move.
describe('live detection on the dashboard, in Chromium against a real API, worker, PostgreSQL and Redis', () => {
  let stack: LiveStack;
  let browser: Browser;
  let session: BrowserPage;
  let ui: DashboardPage;

  const runCount = async () => (await stack.sql<{ n: number }>('select count(*)::int as n from check_runs'))[0]!.n;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLiveStack(), launchBrowser()]);
    await seedConsistentStudents(stack.sql, 50);
    // A check over the seeded pairs: the rate the gauge moves from, and the pairs it is a share of.
    await waitFor(async () => (await stack.sql<{ n: number }>('select count(*)::int as n from check_runs where finished_at is null'))[0]!.n === 0, 60_000);
    await stack.gql('mutation { runHealthCheck { id } }');
    await waitFor(async () => (await stack.sql<{ n: number }>(`select count(*)::int as n from check_runs where state = 'SUCCEEDED' and pairs_checked > 0`))[0]!.n > 0, 60_000);
    await waitFor(async () => (await stack.sql<{ n: number }>('select count(*)::int as n from pair_changes'))[0]!.n === 0, 30_000);
    session = await openPage(browser, stack.url);
    ui = new DashboardPage(session.page);
    await ui.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows live detection on', async () => {
    await ui.page.getByTestId('live-detection').and(ui.page.locator('[data-state="ON"]')).waitFor();
    expect(await ui.page.getByTestId('live-detection').textContent()).toContain('Live detection on');
  });

  it('puts an out-of-band desync at the top of the table, marked new, and moves the gauge and the count, with no check run', async () => {
    const runsBefore = await runCount();
    const gaugeBefore = Number(await ui.gauge().getAttribute('aria-valuenow'));
    const countBefore = await ui.page.getByTestId('violations-count').textContent();

    const studentId = await insertStudent(stack.sql, 'Drifting Dora');
    await desyncLicense(stack.sql, studentId);

    const row = ui.violationRows().first();
    await row.filter({ hasText: 'Drifting Dora' }).waitFor();
    expect(await row.getAttribute('data-new')).toBe('true');
    expect(await row.textContent()).toContain('New');
    await waitFor(async () => Number(await ui.gauge().getAttribute('aria-valuenow')) < gaugeBefore, 10_000, 100);
    await waitFor(async () => (await ui.page.getByTestId('violations-count').textContent()) !== countBefore, 10_000, 100);
    expect(await ui.page.getByTestId('violations-count').textContent()).toBe('1 open violation');
    await ui.page.getByTestId('open-violations').filter({ hasText: /^1$/ }).waitFor();
    await saveScreenshot(ui.page, 'live-detection-new-violation');
    expect(await runCount()).toBe(runsBefore);
  });

  it('takes the violation away when it is fixed out of band', async () => {
    const [dora] = await stack.sql<{ id: number }>(`select id from users where full_name = 'Drifting Dora'`);
    await stack.sql(`update licenses set current_level = 1 where user_id = ?`, [dora!.id]);
    await ui.violationRowFor('Drifting Dora').waitFor({ state: 'detached' });
    await ui.page.getByTestId('violations-count').filter({ hasText: '0 open violations' }).waitFor();
    await waitFor(async () => Number(await ui.gauge().getAttribute('aria-valuenow')) === 100, 10_000, 100);
    await ui.page.getByTestId('open-violations').filter({ hasText: /^0$/ }).waitFor();
    expect(session.errors).toEqual([]);
  });

  it('shows live detection off, without a reload, when the worker stops', async () => {
    stack.worker.child.kill('SIGTERM');
    await ui.page.getByTestId('live-detection').and(ui.page.locator('[data-state="OFF"]')).waitFor({ timeout: 15_000 });
    expect(await ui.page.getByTestId('live-detection').textContent()).toContain('Live detection off');
    await saveScreenshot(ui.page, 'live-detection-off');
  });
});
