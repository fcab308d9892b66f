// Visual review of the gauge, the history tooltip and the repair dialog, against the mock API:
//   npx vite build --config web/vite.config.mts --outDir /tmp/levelsync-review
//   npx vite preview --config web/vite.config.mts --outDir /tmp/levelsync-review --port 4173 &
//   node -r @swc-node/register web/e2e/review/capture-gauge-chart-repair.ts http://127.0.0.1:4173
import type { Page } from 'playwright-core';
import { launchBrowser, openPage, viewports } from '../support/browser';
import { saveScreenshot, screenshotDir } from '../support/screenshot';
import * as fixtures from './fixtures';
import { mockApi } from './mock-api';

const baseURL = process.argv[2] ?? 'http://127.0.0.1:4173';

const orphanPreview = {
  __typename: 'RepairPreview',
  studentId: '1042',
  specialization: 'PLAYER',
  alreadyConsistent: false,
  action: 'PROGRESS_RESTORED',
  violationType: 'ORPHAN_LICENSE',
  progress: 'CREATED',
  license: 'UNCHANGED',
  changes: [
    { __typename: 'PairFieldChange', field: 'PROGRESS_TOTAL_XP', before: null, after: 1500, changed: true },
    { __typename: 'PairFieldChange', field: 'PROGRESS_LEVEL', before: null, after: 3, changed: true },
    { __typename: 'PairFieldChange', field: 'LICENSE_LEVEL', before: 3, after: 3, changed: false },
    { __typename: 'PairFieldChange', field: 'LICENSE_MAX_ACHIEVED_LEVEL', before: 3, after: 3, changed: false },
  ],
};

/** Answers what the shared mock does not know (routes added later win), and the gauge's rate. */
async function extendMock(page: Page, rate: number) {
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName: string };
    if (body.operationName === 'RepairPreview') return route.fulfill({ json: { data: { repairPreview: orphanPreview } } });
    if (body.operationName === 'HealthStatus') {
      const state = rate >= 0.99 ? 'HEALTHY' : rate >= 0.95 ? 'DEGRADED' : 'CRITICAL';
      return route.fulfill({ json: { data: { healthStatus: { ...fixtures.healthStatus, state, consistencyRate: rate } } } });
    }
    return route.fallback();
  });
}

async function signIn(page: Page) {
  await page.getByLabel('Email').fill('admin@levelsync.dev');
  await page.getByLabel('Password').fill('secret');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('violations-count').filter({ hasText: 'violation' }).waitFor();
}

async function main() {
  const browser = await launchBrowser();
  const report: string[] = [];
  for (const rate of [0.938, 0.97, 0.995]) {
    const { page, context, errors } = await openPage(browser, baseURL, viewports.desktop);
    await mockApi(page);
    await extendMock(page, rate);
    await page.goto('/');
    await signIn(page);
    await page.waitForTimeout(1200);
    await page.getByTestId('consistency-gauge').screenshot({ path: `${screenshotDir}/review-gauge-${(rate * 1000).toFixed(0)}.png` });
    if (rate === 0.97) {
      const hit = page.getByTestId('history-hit-area');
      const box = (await hit.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.62, box.y + box.height / 2);
      await page.getByTestId('history-tooltip').waitFor();
      await page.locator('.history-panel').screenshot({ path: `${screenshotDir}/review-history-tooltip.png` });
      await page.getByRole('button', { name: /^Repair .* license of/ }).first().click();
      await page.getByTestId('repair-changes').waitFor();
      await page.getByRole('dialog').screenshot({ path: `${screenshotDir}/review-repair-orphan.png` });
      await saveScreenshot(page, 'review-dashboard-issue-15');
    }
    report.push(`rate ${rate}: errors=${JSON.stringify(errors)}`);
    await context.close();
  }
  await browser.close();
  console.log(report.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
