import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './support/axe';
import { launchBrowser, openPage, viewports, type BrowserPage } from './support/browser';
import { DashboardPage } from './support/dashboard-page';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startLiveStack, type LiveStack } from './support/live-stack';

const NEW_EMAIL = 'olga.operator@levelsync.test';
const NEW_NAME = 'Olga Operator';
const NEW_PASSWORD = 'a-password-of-olga-own-9';

/** Screenshots to look at after a run (also kept when the test fails midway). */
function shot(page: Page, name: string) {
  return page.screenshot({ path: `/tmp/teams-ui-${name}.png`, fullPage: true, animations: 'disabled' });
}

// An admin adds a user, makes them an operator and resets their password; the user signs in with the
// one-time password and chooses their own. A second admin tab on the audit page sees each step arrive
// live, and its CSV export holds them all. Real API, worker, PostgreSQL, Redis and Chromium.
describe('users and the audit trail on the dashboard, in Chromium against the real stack', () => {
  let stack: LiveStack;
  let browser: Browser;
  let admin: BrowserPage;
  let audit: Page;
  let oneTimePassword = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLiveStack(), launchBrowser()]);
    admin = await openPage(browser, stack.url);
    await new DashboardPage(admin.page).signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    // The second tab shares nothing with the first (sessionStorage is per tab): it signs in itself.
    audit = await admin.context.newPage();
    await new DashboardPage(audit).signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await audit.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Audit' }).click();
    await audit.getByTestId('audit-count').filter({ hasText: /^\d+ entr/ }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const auditRow = (action: string) => audit.getByTestId('audit-row').and(audit.locator(`[data-action="${action}"]`));
  const userRow = () => admin.page.getByTestId('user-row').filter({ hasText: NEW_EMAIL });

  async function readSecretAndClose(page: Page): Promise<string> {
    const value = await page.getByTestId('one-time-secret').inputValue();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('one-time-secret').waitFor({ state: 'detached' });
    return value;
  }

  it('shows an admin the users page from the header, axe-clean', async () => {
    await admin.page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Users' }).click();
    await admin.page.getByTestId('user-row').first().waitFor();
    expect(admin.page.url()).toBe(`${stack.url}/#/users`);
    await expectNoSeriousAxeViolations(admin.page, 'the users page');
    await shot(admin.page, '01-users');
  });

  it('creates a user and shows their one-time password once', async () => {
    await admin.page.getByRole('button', { name: 'Add user' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('Email').fill(NEW_EMAIL);
    await dialog.getByLabel('Full name').fill(NEW_NAME);
    await dialog.getByRole('radio', { name: /^Viewer/ }).check();
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await admin.page.getByTestId('one-time-secret').waitFor();
    await shot(admin.page, '02-created');
    oneTimePassword = await readSecretAndClose(admin.page);
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
    await userRow().waitFor();
    expect(await userRow().getByRole('combobox').inputValue()).toBe('VIEWER');
    await auditRow('USER_CREATED').first().waitFor();
  });

  it('makes the user an operator', async () => {
    await userRow().getByRole('combobox').selectOption('OPERATOR');
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Change role' }).click();
    await admin.page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await userRow().getByRole('combobox').inputValue()).toBe('OPERATOR');
  });

  it('refuses, in plain words, to leave no active admin', async () => {
    const self = admin.page.getByTestId('user-row').filter({ hasText: ADMIN_EMAIL });
    await self.getByRole('combobox').selectOption('VIEWER');
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Change role' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'This is the last active admin. Make another user an admin first.' }).waitFor();
    await shot(admin.page, '03-last-admin');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await self.getByRole('combobox').inputValue()).toBe('ADMIN');
  });

  it('refuses, in plain words, to let the admin deactivate themself', async () => {
    const self = admin.page.getByTestId('user-row').filter({ hasText: ADMIN_EMAIL });
    expect(await self.getByRole('button', { name: 'Deactivate' }).isDisabled()).toBe(true);
    expect(await self.locator('[title]').filter({ has: admin.page.getByRole('button', { name: 'Deactivate' }) }).getAttribute('title')).toBe(
      'You cannot deactivate your own account. Ask another admin.',
    );
  });

  it('resets the password and shows the new one-time password once', async () => {
    await userRow().getByRole('button', { name: 'Reset password' }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Reset password' }).click();
    await admin.page.getByTestId('one-time-secret').waitFor();
    await shot(admin.page, '03-reset-password');
    const reset = await readSecretAndClose(admin.page);
    expect(reset).not.toBe(oneTimePassword);
    oneTimePassword = reset;
  });

  it('lets the new user sign in with the one-time password and choose their own', async () => {
    const olga = await openPage(browser, stack.url);
    await olga.page.goto('/');
    await olga.page.getByLabel('Email').fill(NEW_EMAIL);
    await olga.page.getByLabel('Password').fill(oneTimePassword);
    await olga.page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in with a one-time password: the password screen and nothing else.
    await olga.page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    expect(await olga.page.getByRole('banner').count()).toBe(0);
    await shot(olga.page, '04-first-password');
    await olga.page.getByLabel('One-time password').fill(oneTimePassword);
    await olga.page.getByLabel('New password').fill('short');
    await olga.page.getByLabel('Confirm the password').fill('short');
    await olga.page.getByRole('button', { name: 'Change password' }).click();
    expect(await olga.page.getByRole('alert').textContent()).toBe('The new password needs at least 12 characters.');
    await olga.page.getByLabel('One-time password').fill('not-the-one-time-password');
    await olga.page.getByLabel('New password').fill(NEW_PASSWORD);
    await olga.page.getByLabel('Confirm the password').fill(NEW_PASSWORD);
    await olga.page.getByRole('button', { name: 'Change password' }).click();
    await olga.page.getByRole('alert').filter({ hasText: 'The current password is wrong.' }).waitFor();
    await olga.page.getByLabel('One-time password').fill(oneTimePassword);
    await olga.page.getByRole('button', { name: 'Change password' }).click();

    // Then the dashboard, as an operator: the integrity and alerting views, no users or audit pages.
    const ui = new DashboardPage(olga.page);
    await ui.waitUntilLive();
    await olga.page.getByRole('banner').getByText(NEW_NAME).waitFor();
    expect(await olga.page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allInnerTexts()).toEqual(['Integrity', 'Alert rules', 'Channels']);
    await olga.page.getByRole('banner').getByRole('link', { name: 'Password' }).click();
    await olga.page.getByRole('heading', { name: 'Change password' }).waitFor();
    // A page this role may not open, asked for by address, shows the integrity view.
    await olga.page.goto('/#/audit');
    await ui.waitUntilLive();
    expect(await olga.page.getByTestId('audit-count').count()).toBe(0);
    await shot(olga.page, '05-operator-password-page');
    expect(olga.errors).toEqual([]);
    await olga.context.close();

    // The new password works, the one-time one no longer does.
    await expect(stack.services.auth.login(NEW_EMAIL, NEW_PASSWORD)).resolves.toMatchObject({ user: { email: NEW_EMAIL } });
    await expect(stack.services.auth.login(NEW_EMAIL, oneTimePassword)).rejects.toThrow();
  });

  it('shows every step on the open audit page, live and marked new', async () => {
    for (const action of ['USER_CREATED', 'ROLE_CHANGED', 'PASSWORD_RESET', 'SIGN_IN', 'PASSWORD_CHANGED']) await auditRow(action).first().waitFor();
    for (const action of ['USER_CREATED', 'ROLE_CHANGED', 'PASSWORD_RESET', 'PASSWORD_CHANGED']) expect(await auditRow(action).first().getAttribute('data-new')).toBe('true');
    await auditRow('ROLE_CHANGED').first().getByRole('button', { name: /^Details/ }).click();
    const details = audit.getByTestId('audit-details').first();
    expect(await details.textContent()).toContain('OPERATOR');
    await shot(audit, '06-audit-live');
    await expectNoSeriousAxeViolations(audit, 'the audit page');
  });

  it('fits both pages at 375 × 812 without sideways scrolling', async () => {
    await audit.setViewportSize(viewports.mobile);
    await admin.page.setViewportSize(viewports.mobile);
    for (const page of [audit, admin.page]) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
    await shot(audit, '07-audit-mobile');
    await shot(admin.page, '08-users-mobile');
    await audit.setViewportSize(viewports.desktop);
  });

  it('exports the filtered trail as CSV, all pages', async () => {
    const [download] = await Promise.all([audit.waitForEvent('download'), audit.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,action,actor_id,actor_email,actor_name,target_type,target_id,client_address,request_id,before,after');
    const [{ n }] = await stack.sql<{ n: number }>('select count(*)::int as n from audit_log');
    expect(lines).toHaveLength(n + 1);
    for (const action of ['USER_CREATED', 'ROLE_CHANGED', 'PASSWORD_RESET', 'PASSWORD_CHANGED']) expect(lines.some((line) => line.includes(`,${action},`))).toBe(true);
    expect(lines.some((line) => line.includes(`,SIGN_IN,`) && line.includes(NEW_EMAIL))).toBe(true);

    // Filtered by action, the export holds only that action.
    await audit.getByLabel('Action').fill('ROLE_CHANGED');
    await audit.getByTestId('audit-count').filter({ hasText: 'matching the filters' }).waitFor();
    const [filtered] = await Promise.all([audit.waitForEvent('download'), audit.getByRole('button', { name: 'Export CSV' }).click()]);
    const rows = (await readFile((await filtered.path())!, 'utf8')).trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((line) => line.split(',')[2] === 'ROLE_CHANGED')).toBe(true);
    expect(admin.errors).toEqual([]);
  });
});
