import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../server/test/support/wait-for';
import { expectNoSeriousAxeViolations } from './support/axe';
import { launchBrowser, openPage, viewports, type BrowserPage } from './support/browser';
import { DashboardPage } from './support/dashboard-page';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startLiveStack, type LiveStack } from './support/live-stack';
import { saveScreenshot } from './support/screenshot';
import { desyncLicense, insertStudent, seedConsistentStudents } from './support/students';

// A desync that drops consistency below 95 % reaches an open dashboard as a CRITICAL alert, pushed
// (alertsChanged), never polled; the admin acknowledges it and silences it from the strip.
describe('alerts on the dashboard, in Chromium against a real API, worker, PostgreSQL and Redis', () => {
  let stack: LiveStack;
  let browser: Browser;
  let session: BrowserPage;
  let ui: DashboardPage;
  let receiver: Server;
  const received: Array<{ headers: Record<string, unknown>; body: string }> = [];

  const finishedRuns = async () => (await stack.sql<{ n: number }>(`select count(*)::int as n from check_runs where state = 'SUCCEEDED'`))[0]!.n;

  async function runCheck(): Promise<void> {
    const before = await finishedRuns();
    await stack.gql('mutation { runHealthCheck { id } }');
    await waitFor(async () => (await finishedRuns()) > before, 60_000);
  }

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    [stack, browser] = await Promise.all([startLiveStack(), launchBrowser()]);
    await seedConsistentStudents(stack.sql, 40);
    await waitFor(async () => (await stack.sql<{ n: number }>('select count(*)::int as n from check_runs where finished_at is null'))[0]!.n === 0, 60_000);
    await runCheck();
    session = await openPage(browser, stack.url);
    ui = new DashboardPage(session.page);
    await ui.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const strip = () => ui.page.getByTestId('alerts-strip');
  const criticalAlert = () => ui.page.getByTestId('firing-alert').and(ui.page.locator('[data-severity="CRITICAL"]'));

  it('shows a quiet strip while nothing fires', async () => {
    await strip().filter({ hasText: 'No alerts firing' }).waitFor();
  });

  it('adds a webhook channel, sends it a test and shows the delivery, the secret never shown again', async () => {
    await ui.page.getByRole('link', { name: 'Channels' }).click();
    const form = ui.page.getByTestId('channel-form');
    await form.getByLabel('Name').fill('Loopback webhook');
    await form.getByLabel('URL').fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
    await form.getByLabel(/Signing secret/).fill('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    await form.getByRole('button', { name: 'Add channel' }).click();
    const channel = ui.page.getByTestId('channels').locator('li', { hasText: 'Loopback webhook' });
    await channel.waitFor();
    expect(await form.getByLabel(/Signing secret/).inputValue()).toBe('');
    await channel.getByRole('button', { name: /Send a test notification/ }).click();
    await channel.getByTestId('test-result').filter({ hasText: 'Test delivered' }).waitFor({ timeout: 20_000 });
    expect(received.some((request) => JSON.parse(request.body).event === 'test')).toBe(true);
    await ui.page.getByTestId('deliveries').locator('tr', { hasText: 'test' }).first().waitFor();
    expect(await ui.page.content()).not.toContain('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    await ui.page.getByTestId('deliveries').getByRole('button', { name: 'Attempts' }).first().click();
    await ui.page.getByTestId('attempt-log').filter({ hasText: '204' }).waitFor();
    await expectNoSeriousAxeViolations(ui.page, 'the channels page');
    await saveScreenshot(ui.page, 'alerts-channels-page');
  });

  it('shows the CRITICAL consistency alert live when a desync drops consistency below 95 %', async () => {
    await ui.page.getByRole('link', { name: 'Integrity' }).click();
    for (const name of ['Drift A', 'Drift B', 'Drift C']) await desyncLicense(stack.sql, await insertStudent(stack.sql, name));
    await runCheck();
    await criticalAlert().waitFor({ timeout: 30_000 });
    const text = await criticalAlert().textContent();
    expect(text).toContain('Critical');
    expect(text).toMatch(/\d+(\.\d+)? %/);
    expect(text).toContain('since');
    await ui.page.getByTestId('alert-mark').and(ui.page.locator('[data-kind="fired"]')).first().waitFor();
    await saveScreenshot(ui.page, 'alerts-critical-firing');
  });

  it('acknowledges it: who and when show on the alert', async () => {
    await criticalAlert().getByRole('button', { name: 'Acknowledge' }).click();
    await criticalAlert().getByTestId('alert-acknowledged').filter({ hasText: 'Acknowledged by' }).waitFor();
    expect(await criticalAlert().getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
  });

  it('silences it for 15 minutes: the alert still shows, marked silenced', async () => {
    await criticalAlert().getByRole('button', { name: /^Silence/ }).click();
    await criticalAlert().getByRole('button', { name: 'For 15 min' }).click();
    await criticalAlert().getByTestId('alert-silenced').waitFor();
    expect(await criticalAlert().getByTestId('alert-silenced').textContent()).toMatch(/Silenced until/);
    await saveScreenshot(ui.page, 'alerts-critical-acknowledged-silenced');
  });

  it('lists the rule firing on the rules page, with the alert in the history', async () => {
    await ui.page.getByRole('link', { name: 'Alert rules' }).click();
    const rules = ui.page.getByTestId('alert-rules');
    await rules.locator('tr', { hasText: 'Consistency' }).getByTestId('severity-badge').and(ui.page.locator('[data-severity="CRITICAL"]')).first().waitFor();
    await ui.page.getByTestId('alert-history').locator('tr', { hasText: 'firing' }).first().waitFor();
    await rules.getByRole('button', { name: 'Edit Consistency rate' }).click();
    await ui.page.getByRole('form', { name: 'Edit Consistency rate' }).getByLabel('Critical').waitFor();
    await rules.getByRole('button', { name: 'History of Consistency rate' }).click();
    await ui.page.getByTestId('rule-history').filter({ hasText: 'fired' }).waitFor();
    await expectNoSeriousAxeViolations(ui.page, 'the alert rules page');
    await saveScreenshot(ui.page, 'alerts-rules-page');
    expect(session.errors).toEqual([]);
  });

  it('fits the strip with its firing alert on a 375 × 812 phone, axe-clean', async () => {
    const phone = await openPage(browser, stack.url, viewports.mobile);
    const mobile = new DashboardPage(phone.page);
    await mobile.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await phone.page.getByTestId('firing-alert').first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectNoSeriousAxeViolations(phone.page, 'the alerts strip at 375 × 812');
    await saveScreenshot(phone.page, 'alerts-strip-mobile');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });
});
