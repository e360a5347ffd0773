import type { Page } from 'playwright-core';

// In-page code is written as script text: the node tsconfig (which checks test/e2e) has no DOM lib.

export interface CspViolation {
  readonly directive: string;
  readonly blockedUri: string;
}

/**
 * Records every securitypolicyviolation from the first script on (the init script runs before the
 * page's own, through the browser's debugging protocol, so CSP does not apply to it).
 */
export async function recordCspViolations(page: Page): Promise<() => Promise<readonly CspViolation[]>> {
  await page.addInitScript({
    content: `(() => {
      const seen = [];
      Object.defineProperty(window, '__cspViolations', { value: seen });
      document.addEventListener('securitypolicyviolation', (event) => {
        seen.push({ directive: event.effectiveDirective, blockedUri: event.blockedURI });
      });
    })();`,
  });
  return async () => (await page.evaluate('[...(window.__cspViolations ?? [])]')) as CspViolation[];
}

/**
 * Injects an inline script and reports what happened: whether it ran, and the violation the page
 * raised (SECURITY.md: "an injected inline script raises a CSP violation").
 */
export async function injectInlineScript(
  page: Page,
): Promise<{ readonly ran: boolean; readonly directive: string | null }> {
  return (await page.evaluate(`new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ran: '__inlineScriptRan' in window, directive: null }), 2000);
    document.addEventListener('securitypolicyviolation', (event) => {
      clearTimeout(timer);
      // Give a script that slipped through the chance to run before reporting.
      setTimeout(() => resolve({ ran: '__inlineScriptRan' in window, directive: event.effectiveDirective }), 50);
    }, { once: true });
    const script = document.createElement('script');
    script.textContent = 'window.__inlineScriptRan = true;';
    document.body.append(script);
  })`)) as { ran: boolean; directive: string | null };
}
