import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface A11yFinding {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules plus best practices) on the page as it is now and returns the
 * serious and critical findings: the bar every view must pass is zero.
 */
export async function seriousA11yViolations(page: Page): Promise<readonly A11yFinding[]> {
  const results = await new AxeBuilder({ page })
    // react-aria's LiveAnnouncer: a visually hidden log whose transient role=img nodes point (by
    // aria-labelledby) at a toast that may already have changed. It is speech output, not content.
    .exclude('[data-live-announcer]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}
