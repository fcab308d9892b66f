import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckRunRepository } from '../../server/src/domain/integrity/check-run.repository';
import { launchBrowser, openPage, type BrowserPage } from './support/browser';
import { DashboardPage } from './support/dashboard-page';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startLiveStack, type LiveStack } from './support/live-stack';
import { saveScreenshot } from './support/screenshot';

// The details an admin reads before acting: what a wrong password prints, a run's figures on hover,
// and what a repair will change. One stack and one browser for the file.
describe('dashboard details in Chromium against a real API, worker, PostgreSQL and Redis', () => {
  let stack: LiveStack;
  let browser: Browser;
  let orphanId: number;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLiveStack(), launchBrowser()]);
    const [orphan] = await stack.sql<{ id: number }>(
      `insert into users (email, password_hash, full_name, role) values ('orphan-olga@levelsync.test', 'not-a-login-hash', 'Orphan Olga', 'STUDENT') returning id`,
    );
    orphanId = orphan!.id;
    // A license without progress: an ORPHAN_LICENSE the repair resolves by creating progress.
    await stack.sql(`insert into licenses (user_id, specialization, current_level, max_achieved_level) values (?, 'PLAYER', 3, 3)`, [orphanId]);
    const runs = new CheckRunRepository(stack.orm);
    for (const trigger of ['SCHEDULED', 'MANUAL'] as const) await stack.services.integrity.run((await runs.createQueued(trigger)).id);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function signedIn(): Promise<{ session: BrowserPage; ui: DashboardPage }> {
    const session = await openPage(browser, stack.url);
    const ui = new DashboardPage(session.page);
    await ui.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    return { session, ui };
  }

  /** Every error or warning the console shows, the browser's own lines included. */
  function consoleProblems(messages: ConsoleMessage[]): string[] {
    return messages.filter((m) => m.type() === 'error' || m.type() === 'warning').map((m) => `${m.type()}: ${m.text()}`);
  }

  /**
   * What the page's own scripts print. Chromium itself logs "Failed to load resource: … status of 429"
   * for any non-2xx answer; no script can silence that line, only the status the API chooses can.
   */
  function scriptMessages(messages: ConsoleMessage[]): string[] {
    return consoleProblems(messages).filter((m) => !m.includes('Failed to load resource:'));
  }

  it('prints no console error at all for a wrong password (a 200 with UNAUTHENTICATED), and says what went wrong', async () => {
    const { page, context, errors } = await openPage(browser, stack.url);
    const messages: ConsoleMessage[] = [];
    page.on('console', (message) => messages.push(message));
    await page.goto('/');
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill('not-the-password');
    const answered = page.waitForResponse((response) => response.url().endsWith('/graphql'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    const response = await answered;
    // A field error of login, not a 401: Chromium then has no failed resource to report either.
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(consoleProblems(messages)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints no error of its own for a 429 at sign-in, and says how long to wait', async () => {
    const { page, context, errors } = await openPage(browser, stack.url);
    const messages: ConsoleMessage[] = [];
    page.on('console', (message) => messages.push(message));
    // The API's own 429 (see server/src/http/rate-limit.ts), without spending a real budget.
    await page.route('**/graphql', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '17' },
        json: { errors: [{ message: 'Too many requests; retry in 17 s.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 17 } }] },
      }),
    );
    await page.goto('/');
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wait 17 seconds' }).waitFor();
    expect(scriptMessages(messages)).toEqual([]);
    expect(errors.filter((e) => !e.startsWith('Failed to load resource:'))).toEqual([]);
    await context.close();
  });

  it('shows a run’s time, rate, counts and trigger on hover, with time labels that never repeat', async () => {
    const { session, ui } = await signedIn();
    const chart = ui.page.getByTestId('history-chart');
    await chart.waitFor();
    const labels = await chart.getByTestId('time-tick').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(new Set(labels).size).toBe(labels.length);

    const [latest] = await stack.sql<{ pairs_checked: number; inconsistent: number; consistency_rate: number }>(
      `select pairs_checked, inconsistent, consistency_rate from check_runs where state = 'SUCCEEDED' order by finished_at desc limit 1`,
    );
    const box = (await chart.getByTestId('history-hit-area').boundingBox())!;
    // The right edge of the plot is the latest run.
    await ui.page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    const tooltip = ui.page.getByRole('tooltip');
    await tooltip.waitFor();
    const text = (await tooltip.textContent())!;
    expect(text).toContain('Manual check');
    expect(text).toContain(`Pairs checked${latest!.pairs_checked.toLocaleString('en-US')}`);
    expect(text).toContain(`Inconsistent${latest!.inconsistent.toLocaleString('en-US')}`);
    expect(text).toContain(`${(Math.floor(latest!.consistency_rate * 10_000) / 100).toFixed(2)}%`);
    await saveScreenshot(ui.page, 'e2e-details-history-tooltip');
    await ui.page.mouse.move(box.x + box.width / 2, box.y - 40);
    await tooltip.waitFor({ state: 'detached' });

    // Without a mouse: focus the chart and walk the runs with the arrow keys.
    await chart.focus();
    await tooltip.filter({ hasText: 'Manual check' }).waitFor();
    await ui.page.keyboard.press('ArrowLeft');
    await tooltip.filter({ hasText: 'Scheduled check' }).waitFor();
    expect(session.errors).toEqual([]);
    await session.context.close();
  });

  it('shows that repairing an orphan license creates progress with XP, and applies exactly that', async () => {
    const { session, ui } = await signedIn();
    await ui.violationRowFor('Orphan Olga').getByRole('button', { name: /^Repair/ }).click();
    const dialog = ui.page.getByRole('dialog');
    const changes = dialog.getByTestId('repair-changes');
    await changes.waitFor();
    expect(await dialog.textContent()).toContain('creates their progress at level 3 with 1,500 XP');
    const row = (field: string) => changes.locator(`[data-field="${field}"] td`).allTextContents();
    expect(await row('PROGRESS_TOTAL_XP')).toEqual(['none', '1,500']);
    expect(await row('PROGRESS_LEVEL')).toEqual(['none', '3']);
    expect(await row('LICENSE_LEVEL')).toEqual(['3', '3 unchanged']);
    await saveScreenshot(ui.page, 'e2e-details-repair-orphan');

    await dialog.getByRole('button', { name: 'Repair license' }).click();
    await dialog.waitFor({ state: 'detached' });
    const [progress] = await stack.sql<{ total_xp: number; current_level: number }>(
      `select total_xp, current_level from specialization_progress where student_id = ? and specialization = 'PLAYER'`,
      [orphanId],
    );
    expect(progress).toEqual({ total_xp: 1500, current_level: 3 });
    const [repair] = await stack.sql<{ action: string }>(`select action from repairs where student_id = ?`, [orphanId]);
    expect(repair!.action).toBe('PROGRESS_RESTORED');
    expect(session.errors).toEqual([]);
    await session.context.close();
  });
});
