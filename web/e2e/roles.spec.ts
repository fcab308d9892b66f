import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser';
import { DashboardPage } from './support/dashboard-page';
import { startLiveStack, type LiveStack } from './support/live-stack';
import { desyncLicense, insertStudent, seedConsistentStudents } from './support/students';

const VIEWER = { email: 'viewer@levelsync.test', password: 'watching-the-gauge-all-day' };
const OPERATOR = { email: 'operator@levelsync.test', password: 'fixing-drift-on-call' };

/** What the dashboard offers each role: a viewer sees everything and can change nothing; an operator repairs. */
describe('the dashboard by role, in Chromium', () => {
  let stack: LiveStack;
  let browser: Browser;
  let viewerStudentId = 0;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLiveStack(), launchBrowser()]);
    await seedConsistentStudents(stack.sql, 20);
    viewerStudentId = await insertStudent(stack.sql, 'Vera Viewed');
    await desyncLicense(stack.sql, viewerStudentId);
    await insertStudent(stack.sql, 'Otto Operated').then((id) => desyncLicense(stack.sql, id));
    await stack.services.users.create({ ...VIEWER, fullName: 'Val Viewer', role: 'VIEWER' });
    await stack.services.users.create({ ...OPERATOR, fullName: 'Opal Operator', role: 'OPERATOR' });
    // The violations show once a check has found them.
    await stack.gql('mutation { runHealthCheck { id } }');
    for (let i = 0; ; i += 1) {
      const { data } = await stack.gql<{ healthMetrics: { openViolations: number } }>('{ healthMetrics { openViolations } }');
      if (data?.healthMetrics.openViolations === 2) break;
      if (i > 300) throw new Error('the check never found the two violations');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows a viewer everything, with run check and every repair disabled and the reason on hover', async () => {
    const { page, context, errors } = await openPage(browser, stack.url);
    const ui = new DashboardPage(page);
    await ui.signIn(VIEWER.email, VIEWER.password);
    await ui.violationRowFor('Vera Viewed').waitFor();
    expect(await ui.violationRows().count()).toBe(2);
    expect(await ui.runCheckButton().isDisabled()).toBe(true);
    const reason = 'Your role (Viewer) cannot run checks. Ask an admin if you need to.';
    expect(await page.locator('.permission-gate', { has: ui.runCheckButton() }).getAttribute('title')).toBe(reason);
    const repairs = page.getByRole('button', { name: /^Repair/ });
    expect(await repairs.count()).toBe(2);
    for (const button of await repairs.all()) {
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('aria-description')).toBe('Your role (Viewer) cannot repair licenses. Ask an admin if you need to.');
    }
    // Hovering shows the reason (the wrapper's title), and a click through a disabled button opens nothing.
    const gate = ui.violationRowFor('Vera Viewed').locator('.permission-gate');
    expect(await gate.getAttribute('title')).toBe('Your role (Viewer) cannot repair licenses. Ask an admin if you need to.');
    await gate.hover();
    await gate.getByRole('button').click({ force: true });
    expect(await page.getByRole('dialog').count()).toBe(0);
    // And were a button forced back on, the API refuses the viewer's token the repair.
    const forced = await page.evaluate(async (studentId) => {
      const { accessToken } = JSON.parse(window.sessionStorage.getItem('levelsync.session')!) as { accessToken: string };
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ query: `mutation { resyncLicense(studentId: "${studentId}", specialization: PLAYER) { id } }` }),
      });
      return (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    }, viewerStudentId);
    expect(forced.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stack.sql('select count(*)::int as n from repairs')).toEqual([{ n: 0 }]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets an operator repair from the dashboard and run a check', async () => {
    const { page, context, errors } = await openPage(browser, stack.url);
    const ui = new DashboardPage(page);
    await ui.signIn(OPERATOR.email, OPERATOR.password);
    await ui.violationRowFor('Otto Operated').waitFor();
    expect(await ui.runCheckButton().isDisabled()).toBe(false);
    expect(await page.locator('.permission-gate', { has: ui.runCheckButton() }).getAttribute('title')).toBeNull();
    await ui.repair('Otto Operated');
    await ui.violationRowFor('Otto Operated').getByText('Repaired').waitFor();
    const [repair] = await stack.sql<{ actor_id: number; email: string }>(
      'select r.actor_id, u.email from repairs r join users u on u.id = r.actor_id order by r.id desc limit 1',
    );
    expect(repair!.email).toBe(OPERATOR.email);
    const audited = await stack.sql<{ action: string }>(`select action from audit_log where actor_id = ? and action = 'LICENSE_RESYNCED'`, [repair!.actor_id]);
    expect(audited).toHaveLength(1);
    await ui.runCheckButton().click();
    await ui.progressBar().or(page.getByText('Check running…')).or(page.getByText(/Last check/)).first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
