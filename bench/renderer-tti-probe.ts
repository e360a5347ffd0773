/**
 * The in-page side of the time-to-interactive benchmark, as script text installed with
 * `page.addInitScript` (it runs before the renderer's own scripts; the node tsconfig that checks
 * bench/ has no DOM lib). Every time is `performance.now()`, i.e. milliseconds since the navigation
 * started (the document's time origin), so no clock is shared with Node.
 */

/** What the probe recorded, read back with `readTtiProbe`. Null: not (yet) seen. */
export interface TtiProbe {
  /** html[data-app-state=ready] set (the first `app.info` answered). */
  readonly ready: number | null;
  /** The first animation frame in which the main area's "Add a Server" button exists. */
  readonly buttonShown: number | null;
  /** The click on it: the trusted pointerdown's event.timeStamp, or when the probe clicked it itself. */
  readonly pointerDown: number | null;
  /** Whether the button took focus when the probe clicked it (null: a trusted click was used). */
  readonly focused: boolean | null;
  /** The first animation frame in which the "Add a Server" dialog exists. */
  readonly dialogShown: number | null;
  /** After that frame's rendering work (a message posted from its animation frame callback). */
  readonly dialogPainted: number | null;
  readonly firstContentfulPaint: number | null;
  readonly largestContentfulPaint: number | null;
  readonly responseEnd: number | null;
  readonly domContentLoaded: number | null;
}

/**
 * The probe. With `clickItself`, in the first animation frame in which the button exists the probe
 * focuses it and clicks it (`button.click()`: a virtual click, which react-aria answers as a press, as
 * it does for screen readers), so the time is the app's own; otherwise the test drives a trusted click.
 */
export function ttiProbeScript(clickItself: boolean): string {
  return `(() => {
  const clickItself = ${clickItself};
  const probe = { ready: null, buttonShown: null, pointerDown: null, focused: null, dialogShown: null, dialogPainted: null, lcp: null };
  Object.defineProperty(window, '__ttiProbe', { value: probe });
  // The document has no <html> element yet when this runs: watch the document for the attribute.
  const readyNow = () => document.documentElement?.dataset.appState === 'ready';
  new MutationObserver((_records, observer) => {
    if (probe.ready === null && readyNow()) {
      probe.ready = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app-state'] });
  const addButton = () =>
    [...document.querySelectorAll('main button')].find((button) => button.textContent.trim() === 'Add a Server');
  const watchDialog = () => {
    if (!document.querySelector('[role=dialog]')) {
      requestAnimationFrame(watchDialog);
      return;
    }
    probe.dialogShown = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { probe.dialogPainted = performance.now(); };
    channel.port2.postMessage(null);
  };
  window.addEventListener('pointerdown', (event) => {
    if (clickItself || !event.isTrusted || probe.pointerDown !== null) return;
    probe.pointerDown = event.timeStamp;
    requestAnimationFrame(watchDialog);
  }, { capture: true });
  const watchButton = () => {
    const button = addButton();
    if (!button) {
      requestAnimationFrame(watchButton);
      return;
    }
    probe.buttonShown = performance.now();
    if (!clickItself) return;
    button.focus();
    probe.focused = document.activeElement === button;
    probe.pointerDown = performance.now();
    button.click();
    requestAnimationFrame(watchDialog);
  };
  requestAnimationFrame(watchButton);
  try {
    new PerformanceObserver((list) => {
      // Before the click only: the dialog it opens would become the largest paint.
      for (const entry of list.getEntries()) {
        if (probe.pointerDown === null || entry.startTime <= probe.pointerDown) probe.lcp = entry.startTime;
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
})();`;
}

/** Reads the probe once the dialog has painted. */
export const READ_TTI_PROBE = `(() => {
  const probe = window.__ttiProbe;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const navigation = performance.getEntriesByType('navigation')[0];
  return {
    ready: probe.ready,
    buttonShown: probe.buttonShown,
    pointerDown: probe.pointerDown,
    focused: probe.focused,
    dialogShown: probe.dialogShown,
    dialogPainted: probe.dialogPainted,
    firstContentfulPaint: fcp ? fcp.startTime : null,
    largestContentfulPaint: probe.lcp,
    responseEnd: navigation ? navigation.responseEnd : null,
    domContentLoaded: navigation ? navigation.domContentLoadedEventEnd : null,
  };
})()`;
