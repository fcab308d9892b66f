import type { Page } from 'playwright-core';

/** What a person does on the dashboard, by role and label, so tests read as behaviour. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto('/');
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.waitUntilLive();
  }

  async waitUntilLive(): Promise<void> {
    await this.page.getByTestId('connection-indicator').and(this.page.locator('[data-phase="connected"]')).waitFor();
    // Loaded, not "Loading violations…"; and the health answer is in (the badge appears with it).
    await this.page.getByTestId('violations-count').filter({ hasText: /^[\d,]+ (open )?violations?/ }).waitFor();
    await this.statusBadge().waitFor();
  }

  statusBadge() {
    return this.page.getByTestId('status-badge');
  }

  gauge() {
    return this.page.getByTestId('consistency-gauge');
  }

  runCheckButton() {
    return this.page.getByTestId('run-check');
  }

  progressBar() {
    return this.page.getByRole('progressbar', { name: 'Health check progress' });
  }

  violationRows() {
    return this.page.getByTestId('violation-row');
  }

  violationRowFor(studentName: string) {
    return this.violationRows().filter({ hasText: studentName });
  }

  async repair(studentName: string): Promise<void> {
    await this.violationRowFor(studentName).getByRole('button', { name: /^Repair/ }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Repair license' }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  /** Counts HTTP GraphQL requests from now on: with no events, the dashboard must send none. */
  countGraphqlRequests(): () => number {
    let count = 0;
    this.page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') count += 1;
    });
    return () => count;
  }
}
