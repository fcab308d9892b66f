import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveSubscription } from '../../server/test/support/live-subscription';
import { waitFor } from '../../server/test/support/wait-for';
import { launchBrowser, openPage, type BrowserPage } from './support/browser';
import { DashboardPage } from './support/dashboard-page';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startLiveStack, type LiveStack } from './support/live-stack';
import { saveScreenshot } from './support/screenshot';
import { seedConsistentStudents } from './support/students';

interface RunEvent {
  checkRunUpdated: { id: string; state: string; progress: number; error: string | null };
}

/**
 * A database-side fault, as a check meets one in production (a statement refused mid-run): the first
 * attempt's progress step past 40 % is refused. Its retry carries the attempt's error on the run, so
 * the trigger lets every step of the retry through.
 */
const FAIL_FIRST_ATTEMPT = [
  `create function refuse_first_attempt() returns trigger language plpgsql as $$
   begin raise exception 'injected fault: the database refused the progress step'; end $$`,
  `create trigger refuse_first_attempt before update of progress on check_runs for each row
   when (new.state = 'RUNNING' and new.error is null and new.progress >= 0.4 and old.progress < 0.4)
   execute function refuse_first_attempt()`,
];

describe('a check whose first attempt fails, watched live in Chromium and over graphql-ws', () => {
  let stack: LiveStack;
  let browser: Browser;
  let admin: BrowserPage;
  let ui: DashboardPage;
  let subscriber: LiveSubscription<RunEvent>;

  beforeAll(async () => {
    // Paced steps, and students spread over five chunks: each attempt is long enough to watch.
    [stack, browser] = await Promise.all([startLiveStack({ WORKER_STEP_DELAY_MS: '400' }), launchBrowser()]);
    // The schedule's first check (at the worker's boot) finishes before the fault goes in.
    await waitFor(async () => {
      const runs = await stack.sql<{ finished: boolean }>('select finished_at is not null as finished from check_runs');
      return runs.length > 0 && runs.every((r) => r.finished);
    }, 60_000);
    await seedConsistentStudents(stack.sql, 200);
    for (const statement of FAIL_FIRST_ATTEMPT) await stack.sql(statement);

    const token = (await stack.services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)).accessToken;
    subscriber = new LiveSubscription<RunEvent>(
      `${stack.url.replace(/^http/, 'ws')}/graphql`,
      'subscription { checkRunUpdated { id state progress error } }',
      `Bearer ${token}`,
    );
    await subscriber.waitFor(() => true); // the current state comes first: the subscription is live
    admin = await openPage(browser, stack.url);
    ui = new DashboardPage(admin.page);
    await ui.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await subscriber?.dispose();
    await browser?.close();
    await stack?.close();
  });

  it('shows the failed attempt, then the retry’s progress and its result — and never publishes FAILED', async () => {
    await ui.runCheckButton().click();
    await ui.progressBar().and(admin.page.locator('[aria-valuetext^="Checking…"][aria-valuenow="20"]')).waitFor({ timeout: 30_000 });

    // The attempt fails; the run stays on screen as active, saying why and that it is retried.
    const retry = admin.page.getByTestId('check-retry');
    await retry.waitFor({ timeout: 30_000 });
    expect(await retry.textContent()).toMatch(/^Attempt 1 of 3 failed: Integrity check failed: .*injected fault: the database refused the progress step.* — retrying$/);
    expect(await ui.runCheckButton().isDisabled()).toBe(true);
    expect(await admin.page.getByTestId('failed-run').count()).toBe(0);
    const screenshot = await saveScreenshot(admin.page, 'e2e-retry-01-attempt-failed');
    expect(screenshot).toMatch(/\.png$/);

    // The retry (after BullMQ's backoff) reports its own progress on the same run. Every value the
    // bar shows is recorded in the page: a CPU-starved browser may render two quick steps as one, so
    // the test asks for retry progress, not for one exact frame.
    await admin.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { retryProgressSeen: string[] }).retryProgressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][aria-label="Health check progress"]');
        const text = bar?.getAttribute('aria-valuetext');
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuetext'] });
    });
    await ui.progressBar().and(admin.page.locator('[aria-valuetext^="Retrying…"]:not([aria-valuenow="0"])')).waitFor({ timeout: 30_000 });
    await saveScreenshot(admin.page, 'e2e-retry-02-retry-progress');
    await ui.progressBar().waitFor({ state: 'detached', timeout: 30_000 });
    const shown = await admin.page.evaluate(() => (window as unknown as { retryProgressSeen: string[] }).retryProgressSeen);
    expect(shown.some((text) => /^Retrying… [1-9]\d*%/.test(text))).toBe(true);
    expect(shown.some((text) => text.startsWith('Checking…'))).toBe(false);
    await admin.page.getByTestId('run-announcement').filter({ hasText: 'Health check finished: 100.0% consistent, 0 inconsistent pairs.' }).waitFor();
    expect(await admin.page.getByTestId('failed-run').count()).toBe(0);
    await saveScreenshot(admin.page, 'e2e-retry-03-retry-succeeded');

    const [run] = await stack.sql<{ id: number; state: string; error: string | null }>('select id, state, error from check_runs order by id desc limit 1');
    expect(run).toMatchObject({ state: 'SUCCEEDED', error: null });
    await subscriber.waitFor((d) => d.checkRunUpdated.id === String(run!.id) && d.checkRunUpdated.state === 'SUCCEEDED');
    const events = subscriber.received.map((r) => r.data.checkRunUpdated).filter((e) => e.id === String(run!.id));
    expect(events.map((e) => e.state)).not.toContain('FAILED');
    expect(events.filter((e) => e.state === 'SUCCEEDED' || e.state === 'FAILED')).toHaveLength(1);
    expect(events.at(-1)!.state).toBe('SUCCEEDED');

    // QUEUED → RUNNING… → RUNNING(error, 0) → RUNNING(error)… → SUCCEEDED, in that order.
    const phase = (e: RunEvent['checkRunUpdated']) =>
      e.state === 'QUEUED' ? 'queued' : e.state === 'SUCCEEDED' ? 'succeeded' : e.error === null ? 'first attempt' : 'retry';
    const phases = events.map(phase).filter((p, i, all) => i === 0 || all[i - 1] !== p);
    expect(phases).toEqual(['queued', 'first attempt', 'retry', 'succeeded']);
    expect(events.some((e) => phase(e) === 'first attempt' && e.progress > 0)).toBe(true);
    const retrying = events.find((e) => phase(e) === 'retry')!;
    expect(retrying).toMatchObject({ state: 'RUNNING', progress: 0 });
    expect(retrying.error).toMatch(/^Attempt 1 of 3 failed: /);
    expect(events.some((e) => phase(e) === 'retry' && e.progress > 0)).toBe(true);
    expect(admin.errors).toEqual([]);
  });
});
