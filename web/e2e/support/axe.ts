import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** WCAG 2.1 A/AA findings of impact serious or critical; an empty list means the page passes. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** Throws with a readable list when axe finds serious or critical issues. */
export async function expectNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  const findings = await seriousAxeViolations(page);
  if (findings.length > 0) {
    const lines = findings.map((f) => `  [${f.impact}] ${f.id}: ${f.help}\n    ${f.targets.slice(0, 5).join('\n    ')}`);
    throw new Error(`axe found ${findings.length} serious/critical issue(s) on ${label}:\n${lines.join('\n')}`);
  }
}
