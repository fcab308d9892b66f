// Time from clicking "Run check now" to the result on screen, in Chromium, against a running stack:
//   node -r @swc-node/register web/e2e/measure/click-to-result.ts <dashboard-url> <email> <password> [runs]
// Both moments are taken inside the page (performance.now), so Playwright's own round trips do not count.
import { launchBrowser, openPage } from '../support/browser';
import { DashboardPage } from '../support/dashboard-page';

interface Timing {
  /** Click → the finished run's result shown (badge, gauge and "Last check" change together, from the pushed event). */
  resultMs: number;
  /** Click → the panels refetched after it (the history chart shows the new run). */
  refreshedMs: number;
}

/** Successful runs in the history chart, from its accessible summary ("… the last 7 successful checks …"). */
function chartedRuns(): number {
  const label = document.querySelector('[data-testid="history-chart"] svg')?.getAttribute('aria-label') ?? '';
  return Number(/last (\d+) successful/.exec(label)?.[1] ?? 0);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const [url, email, password, runsArg] = process.argv.slice(2);
  if (!url || !email || !password) throw new Error('usage: click-to-result.ts <dashboard-url> <email> <password> [runs]');
  const browser = await launchBrowser();
  const { page } = await openPage(browser, url);
  const ui = new DashboardPage(page);
  await ui.signIn(email, password);
  const timings: Timing[] = [];

  // Each successful run adds one point to the history chart (up to its 50): the sign that every panel refetched.
  // The stack's worker runs a scheduled check at boot, so the chart is never empty here.
  await page.getByTestId('history-chart').waitFor();
  let points = await page.evaluate(chartedRuns);
  for (let run = 0; run < Number(runsArg ?? 5); run += 1) {
    // Settled: the button is enabled again and the previous run's refetch has landed.
    await page.locator('[data-testid="run-check"]:enabled').waitFor();
    await page.waitForFunction((expected) => {
      const label = document.querySelector('[data-testid="history-chart"] svg')?.getAttribute('aria-label') ?? '';
      return Number(/last (\d+) successful/.exec(label)?.[1] ?? 0) === expected;
    }, points).catch(async (error: unknown) => {
      throw new Error(`history never showed ${points} runs (it says "${await page.locator('[data-testid="history-chart"] svg').getAttribute('aria-label')}"): ${String(error)}`);
    });
    const timing = await page.evaluate(
      ({ pointsBefore }) =>
        new Promise<Timing>((resolve, reject) => {
          const charted = () => {
            const label = document.querySelector('[data-testid="history-chart"] svg')?.getAttribute('aria-label') ?? '';
            return Number(/last (\d+) successful/.exec(label)?.[1] ?? 0);
          };
          // "Last check" in the health panel: the finished run's time, set from the pushed event.
          const lastCheck = () => document.querySelector('.health__facts time')?.getAttribute('datetime') ?? null;
          const before = lastCheck();
          const button = document.querySelector<HTMLButtonElement>('[data-testid="run-check"]')!;
          let resultMs: number | null = null;
          const started = performance.now();
          const observer = new MutationObserver(() => {
            if (resultMs === null && lastCheck() !== before) resultMs = performance.now() - started;
            if (resultMs !== null && charted() > pointsBefore) {
              observer.disconnect();
              resolve({ resultMs, refreshedMs: performance.now() - started });
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          window.setTimeout(() => {
            observer.disconnect();
            reject(new Error(`no result within 30 s: last check ${before} → ${lastCheck()}, ${charted()} charted (${pointsBefore} before)`));
          }, 30_000);
          button.click();
        }),
      { pointsBefore: points },
    );
    timings.push(timing);
    points = Math.min(points + 1, 50);
    process.stdout.write(`run ${run + 1}: result ${timing.resultMs.toFixed(0)} ms, panels refreshed ${timing.refreshedMs.toFixed(0)} ms\n`);
  }
  process.stdout.write(
    `median of ${timings.length}: result ${median(timings.map((t) => t.resultMs)).toFixed(0)} ms, ` +
      `panels refreshed ${median(timings.map((t) => t.refreshedMs)).toFixed(0)} ms\n`,
  );
  await browser.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
