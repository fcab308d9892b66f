import type { Browser, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../server/test/support/wait-for';
import { expectNoSeriousAxeViolations } from './support/axe';
import { launchBrowser, openPage, viewports, type BrowserPage } from './support/browser';
import { DashboardPage } from './support/dashboard-page';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startLiveStack, type LiveStack } from './support/live-stack';
import { saveScreenshot } from './support/screenshot';
import { desyncLicense, insertStudent, seedConsistentStudents } from './support/students';
import { TrafficLog } from './support/traffic-log';

const XSS_NAME = '<img src=x onerror=alert(1)>';

interface HealthNow {
  healthStatus: { state: string; consistencyRate: number | null };
  healthMetrics: { pairsChecked: number; openViolations: number };
  systemInfo: { version: string; workersOnline: number | null };
}

// One stack, one browser, sessions reused in order: the scenarios build on each other like a day at
// the dashboard (first check, a desync, its repair), which keeps the file well under a minute and a half.
describe('the live dashboard in Chromium against a real API, worker, PostgreSQL and Redis', () => {
  let stack: LiveStack;
  let browser: Browser;
  let admin: BrowserPage;
  let ui: DashboardPage;
  /** A second admin who only watches: everything it shows must arrive by push. */
  let watcher: BrowserPage;
  let watcherTraffic: TrafficLog;
  let watchingSince = 0;

  beforeAll(async () => {
    // A pause after each progress step makes a check on 200 students last long enough to watch.
    [stack, browser] = await Promise.all([startLiveStack({ WORKER_STEP_DELAY_MS: '150' }), launchBrowser()]);
    await seedConsistentStudents(stack.sql, 200);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function signedIn(viewport: { width: number; height: number } = viewports.desktop): Promise<{ session: BrowserPage; page: DashboardPage }> {
    const session = await openPage(browser, stack.url, viewport);
    const page = new DashboardPage(session.page);
    await page.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    return { session, page };
  }

  function apiNow(): Promise<HealthNow> {
    return stack
      .gql<HealthNow>('{ healthStatus { state consistencyRate } healthMetrics { pairsChecked openViolations } systemInfo { version workersOnline } }')
      .then((result) => result.data!);
  }

  async function runCheckFromTheButton(): Promise<void> {
    await ui.runCheckButton().click();
    await ui.progressBar().waitFor();
    await ui.page.getByRole('progressbar', { name: 'Health check progress' }).and(ui.page.locator('[aria-valuenow]')).waitFor();
    // Read in one browser task: on a loaded machine the run can finish between two round trips.
    const screen = await ui.page.evaluate(() => ({
      progressShown: document.querySelector('[role="progressbar"][aria-label="Health check progress"][aria-valuenow]') !== null,
      buttonDisabled: (document.querySelector('[data-testid="run-check"]') as HTMLButtonElement | null)?.disabled ?? null,
    }));
    if (screen.progressShown) expect(screen.buttonDisabled).toBe(true);
    await ui.progressBar().waitFor({ state: 'detached', timeout: 30_000 });
  }

  it('signs an admin in from an axe-clean login page to an axe-clean dashboard, credentials never in the URL', async () => {
    admin = await openPage(browser, stack.url);
    await admin.page.goto('/');
    await admin.page.getByRole('heading', { name: /sign in/i }).waitFor();
    await expectNoSeriousAxeViolations(admin.page, 'the login page');
    await saveScreenshot(admin.page, 'e2e-01-login');

    ui = new DashboardPage(admin.page);
    await ui.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(admin.page.url()).toBe(`${stack.url}/`);
    await expectNoSeriousAxeViolations(admin.page, 'the dashboard');
    await saveScreenshot(admin.page, 'e2e-02-dashboard-before-first-check');

    watcher = await openPage(browser, stack.url);
    watcherTraffic = new TrafficLog(watcher.page);
    await new DashboardPage(watcher.page).signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    watchingSince = Date.now();
  });

  it('says so when the password is wrong', async () => {
    const { page, context } = await openPage(browser, stack.url);
    await page.goto('/');
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill('not-the-password-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    expect(page.url()).not.toContain('not-the-password');
    await context.close();
  });

  it('shows every panel, with the health the API reports, no violations and accurate system info', async () => {
    for (const name of ['Health', 'Metrics', 'Consistency history', 'System', 'Violations', 'Recent repairs']) {
      await admin.page.getByRole('region', { name }).waitFor();
    }
    const api = await apiNow();
    // The worker's schedule fires a first check at boot, so the state is whatever it found.
    expect(await ui.statusBadge().getAttribute('data-state')).toBe(api.healthStatus.state);
    expect((await ui.statusBadge().textContent())?.toUpperCase()).toContain(api.healthStatus.state);
    await admin.page.getByTestId('no-violations').waitFor();
    await admin.page.getByTestId('no-repairs').waitFor();
    const system = admin.page.getByTestId('system-info');
    await system.filter({ hasText: api.systemInfo.version }).waitFor();
    expect(api.systemInfo.workersOnline).toBe(1);
    expect(await system.textContent()).toMatch(/Workers online\s*1/);
  });

  it('runs a check from the button: live progress, then the result everywhere without a reload', async () => {
    await admin.page.evaluate(() => Object.assign(window, { __noReload: true }));
    await runCheckFromTheButton();
    await ui.statusBadge().and(admin.page.locator('[data-state="HEALTHY"]')).waitFor();

    const api = await apiNow();
    expect(api.healthStatus).toEqual({ state: 'HEALTHY', consistencyRate: 1 });
    expect(await ui.gauge().getAttribute('aria-valuenow')).toBe('100');
    const metrics = admin.page.getByRole('region', { name: 'Metrics' });
    await metrics.filter({ hasText: new RegExp(`Pairs checked\\s*${api.healthMetrics.pairsChecked}`) }).waitFor();
    await admin.page.getByTestId('history-chart').waitFor();
    await admin.page.getByTestId('run-announcement').filter({ hasText: 'Health check finished: 100.0% consistent, 0 inconsistent pairs.' }).waitFor();
    expect(await admin.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await saveScreenshot(admin.page, 'e2e-03-after-first-check');
  });

  it('shows a desync written by another client as a new row after a check, on every open dashboard, names as plain text', async () => {
    const dana = await insertStudent(stack.sql, 'Desync Dana');
    const payload = await insertStudent(stack.sql, XSS_NAME);
    await desyncLicense(stack.sql, dana, 2);
    await desyncLicense(stack.sql, payload, 1);

    await runCheckFromTheButton();
    for (const page of [ui, new DashboardPage(watcher.page)]) {
      await page.violationRowFor('Desync Dana').waitFor();
      await page.violationRowFor(XSS_NAME).waitFor();
    }
    const row = ui.violationRowFor('Desync Dana');
    expect(await row.textContent()).toContain('License 2 levels ahead of progress');
    expect(await ui.statusBadge().getAttribute('data-state')).toBe((await apiNow()).healthStatus.state);

    // The payload is text: no <img> was created from it and no alert fired, in either browser.
    expect(await ui.violationRowFor(XSS_NAME).locator('.violation-row__name').textContent()).toBe(XSS_NAME);
    expect(await admin.page.locator('img[src="x"]').count()).toBe(0);
    expect([...admin.dialogs, ...watcher.dialogs]).toEqual([]);
    await saveScreenshot(admin.page, 'e2e-04-new-violations');
  });

  it('filters violations by type, specialization and student name, with a clear empty state', async () => {
    const filters = admin.page.getByRole('search', { name: 'Filter violations' });
    await filters.getByLabel('Type').selectOption('ORPHAN_LICENSE');
    await admin.page.getByTestId('no-violations').filter({ hasText: 'No violations match these filters' }).waitFor();
    await filters.getByLabel('Type').selectOption('LEVEL_MISMATCH');
    await filters.getByLabel('Specialization').selectOption('PLAYER');
    await ui.violationRowFor('Desync Dana').waitFor();
    await admin.page.getByTestId('violations-count').filter({ hasText: '2 open violations matching the filters' }).waitFor();
    await filters.getByRole('searchbox', { name: 'Student' }).fill('desync d');
    await admin.page.getByTestId('violations-count').filter({ hasText: '1 open violation matching the filters' }).waitFor();
    await ui.violationRowFor('Desync Dana').waitFor();
    await filters.getByRole('searchbox', { name: 'Student' }).fill('');
    await filters.getByLabel('Type').selectOption('');
    await filters.getByLabel('Specialization').selectOption('');
    await admin.page.getByTestId('violations-count').filter({ hasText: /^2 open violations$/ }).waitFor();
  });

  it('repairs a violation after confirmation: the row resolves live and the audit shows who did it, on every open dashboard', async () => {
    const watcherUi = new DashboardPage(watcher.page);
    await watcherUi.violationRowFor('Desync Dana').waitFor();
    const runsFinishedBefore = watcherTraffic.finishedRunEvents().length;
    await ui.violationRowFor('Desync Dana').getByRole('button', { name: /^Repair/ }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.filter({ hasText: 'Desync Dana' }).waitFor();
    await expectNoSeriousAxeViolations(admin.page, 'the repair dialog');
    await saveScreenshot(admin.page, 'e2e-05-repair-dialog');
    await dialog.getByRole('button', { name: 'Repair license' }).click();
    await dialog.waitFor({ state: 'detached' });

    await ui.violationRowFor('Desync Dana').waitFor({ state: 'detached' });
    const audit = admin.page.getByTestId('repair-row').filter({ hasText: 'Desync Dana' });
    await audit.waitFor();
    expect(await audit.textContent()).toMatch(/License level synced.*by /);
    const [stored] = await stack.sql<{ trigger: string; actor: string }>(
      `select r.trigger, a.email as actor from repairs r join users s on s.id = r.student_id join users a on a.id = r.actor_id
       where s.full_name = 'Desync Dana'`,
    );
    expect(stored).toEqual({ trigger: 'MANUAL', actor: ADMIN_EMAIL });
    await saveScreenshot(admin.page, 'e2e-06-after-repair');

    // The other admin's dashboard follows the repair's pushed event, not a check run or a reload.
    await watcherUi.violationRowFor('Desync Dana').waitFor({ state: 'detached' });
    await watcher.page.getByTestId('repair-row').filter({ hasText: 'Desync Dana' }).waitFor();
    expect(watcherTraffic.repairEvents().length).toBeGreaterThanOrEqual(1);
    expect(watcherTraffic.finishedRunEvents().length).toBe(runsFinishedBefore);
  });

  it('never polls: every query of a dashboard left alone followed a pushed run or repair event', async () => {
    expect(watcherTraffic.finishedRunEvents().length).toBeGreaterThanOrEqual(2);
    expect(watcherTraffic.requests.filter((r) => r.at >= watchingSince).length).toBeGreaterThan(0);
    expect(watcherTraffic.requestsWithoutEvent(watchingSince, 5_000)).toEqual([]);
    expect(watcher.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  });

  it('shows the API as unreachable, recovers by itself and refetches what it missed', async () => {
    const session = await openPage(browser, stack.url);
    let down = false;
    const open = new Set<WebSocketRoute>();
    await session.context.routeWebSocket(/\/graphql$/, (socket) => {
      if (down) return void socket.close({ code: 1012, reason: 'API down' });
      const server = socket.connectToServer();
      open.add(socket);
      socket.onClose(() => {
        open.delete(socket);
        void server.close();
      });
    });
    await session.context.route(/\/graphql$/, (route) => (down ? route.abort('connectionrefused') : route.continue()));
    const page = new DashboardPage(session.page);
    await page.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

    down = true;
    for (const socket of open) await socket.close({ code: 1012, reason: 'API down' });
    await session.page.getByTestId('api-unreachable').waitFor();
    await session.page.getByTestId('connection-indicator').and(session.page.locator('[data-phase="reconnecting"]')).waitFor();
    expect(await page.runCheckButton().isDisabled()).toBe(true);
    await saveScreenshot(session.page, 'e2e-07-api-unreachable');

    // While this browser is cut off, another client desyncs a student and a check finds it.
    const olga = await insertStudent(stack.sql, 'Offline Olga');
    await desyncLicense(stack.sql, olga, 1);
    const started = await stack.gql<{ runHealthCheck: { id: string } }>('mutation { runHealthCheck { id } }');
    const runId = started.data!.runHealthCheck.id;
    await waitFor(async () => (await stack.sql<{ state: string }>('select state from check_runs where id = ?', [runId]))[0]?.state === 'SUCCEEDED');

    down = false;
    await session.page.getByTestId('api-unreachable').waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitUntilLive();
    await page.violationRowFor('Offline Olga').waitFor();
    await session.context.close();
  });

  it('returns to the login page, axe-clean, when the server ends an expired session', async () => {
    const [{ id }] = await stack.sql<{ id: number }>('select id from users where email = ?', [ADMIN_EMAIL]);
    const ttlSeconds = stack.config.domain.jwt.ttlMinutes * 60;
    // A real token with 8 s left; the stored expiry claims an hour, so only the server's 4401 can end it.
    const { accessToken } = await stack.services.tokens.issue({ id: id!, role: 'ADMIN' }, new Date(Date.now() - (ttlSeconds - 8) * 1000));
    const stored = {
      accessToken,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      user: { id: String(id), email: ADMIN_EMAIL, fullName: 'Admin', role: 'ADMIN', permissions: ['Query.healthStatus', 'Mutation.runHealthCheck', 'Mutation.resyncLicense'] },
    };
    const session = await openPage(browser, stack.url);
    await session.context.addInitScript((value) => window.sessionStorage.setItem('levelsync.session', value), JSON.stringify(stored));
    await session.page.goto('/');
    await new DashboardPage(session.page).waitUntilLive();
    await session.page.getByText('Your session has expired. Sign in again to continue.').waitFor({ timeout: 20_000 });
    await session.page.getByLabel('Email').waitFor();
    await expectNoSeriousAxeViolations(session.page, 'the login page after expiry');
    await saveScreenshot(session.page, 'e2e-08-session-expired');
    await session.context.close();
  });

  it('works at 375 × 812: no sideways scrolling, every panel reachable, axe-clean', async () => {
    const { session, page } = await signedIn(viewports.mobile);
    await page.violationRowFor(XSS_NAME).waitFor();
    const overflow = await session.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.runCheckButton().waitFor();
    await expectNoSeriousAxeViolations(session.page, 'the dashboard at 375 × 812');
    await saveScreenshot(session.page, 'e2e-09-dashboard-mobile');
    expect(session.errors).toEqual([]);
    await session.context.close();
  });
});
