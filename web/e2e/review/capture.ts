// Visual review against the in-browser mock API:
//   npx vite preview --config web/vite.config.mts --port 4173 &
//   node -r @swc-node/register web/e2e/review/capture.ts http://127.0.0.1:4173
import { seriousAxeViolations } from '../support/axe';
import { launchBrowser, openPage, viewports } from '../support/browser';
import { saveScreenshot } from '../support/screenshot';
import { mockApi, type MockOptions } from './mock-api';

const baseURL = process.argv[2] ?? 'http://127.0.0.1:4173';

async function main() {
  const browser = await launchBrowser();
  const report: string[] = [];

  async function session(name: string, viewport: { width: number; height: number }, options: MockOptions, steps: (page: import('playwright-core').Page, api: Awaited<ReturnType<typeof mockApi>>) => Promise<void>) {
    const { page, context, errors, dialogs } = await openPage(browser, baseURL, viewport);
    const api = await mockApi(page, options);
    await page.goto('/');
    await steps(page, api);
    const axe = await seriousAxeViolations(page);
    report.push(`${name}: errors=${JSON.stringify(errors)} dialogs=${JSON.stringify(dialogs)} axe=${JSON.stringify(axe, null, 1)}`);
    await context.close();
  }

  async function login(page: import('playwright-core').Page) {
    await page.getByLabel('Email').fill('admin@levelsync.dev');
    await page.getByLabel('Password').fill('secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('violations-count').filter({ hasText: 'violation' }).waitFor();
    await page.getByTestId('connection-indicator').filter({ hasText: 'Live' }).waitFor();
  }

  await session('login', viewports.desktop, {}, async (page) => {
    await saveScreenshot(page, 'review-login-desktop');
    await page.getByLabel('Email').fill('admin@levelsync.dev');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await saveScreenshot(page, 'review-login-error');
  });

  await session('dashboard-desktop', viewports.desktop, {}, async (page) => {
    await login(page);
    await page.waitForTimeout(1000);
    await saveScreenshot(page, 'review-dashboard-desktop');
    await page.getByTestId('run-check').click();
    await page.waitForTimeout(900);
    await page.screenshot({ path: 'test-results/screenshots/review-run-progress.png' });
    await page.getByText('Health check finished', { exact: false }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: /^Repair .* license of Amelia Hart/ }).click();
    await page.getByRole('dialog').waitFor();
    await page.screenshot({ path: 'test-results/screenshots/review-repair-dialog.png' });
    await page.getByRole('button', { name: 'Repair license' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.waitForTimeout(400);
    await saveScreenshot(page, 'review-after-repair');
  });

  await session('dashboard-mobile', viewports.mobile, {}, async (page) => {
    await login(page);
    await page.waitForTimeout(600);
    await saveScreenshot(page, 'review-dashboard-mobile');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, part = 0; y < Math.min(height, 4400); y += 1100, part += 1) {
      await page.screenshot({ path: `test-results/screenshots/review-mobile-part-${part}.png`, fullPage: true, clip: { x: 0, y, width: 375, height: 1100 } });
    }
  });

  await session('empty-and-failed', viewports.desktop, { emptyViolations: true, failedLastRun: true }, async (page, api) => {
    await login(page);
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'review-empty-failed');
    api.closeSockets();
    await page.getByTestId('api-unreachable').waitFor({ timeout: 5000 }).catch(() => undefined);
    await page.screenshot({ path: 'test-results/screenshots/review-unreachable.png' });
  });

  await browser.close();
  console.log(report.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
