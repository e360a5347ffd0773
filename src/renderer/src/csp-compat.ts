/**
 * react-aria's usePress injects an inline <style id="react-aria-pressable-style"> (touch-action for
 * pressable elements) unless an element with that id already exists. Our CSP has no 'unsafe-inline'
 * for styles (SECURITY.md "strict CSP"), so the injection would only raise a violation: the same rule
 * lives in styles/components.css, and this marker tells react-aria it is already there.
 */
export const reactAriaPressableStyleId = 'react-aria-pressable-style';

export function markReactAriaStylesProvided(doc: Document): void {
  if (doc.getElementById(reactAriaPressableStyleId)) return;
  const marker = doc.createElement('meta');
  marker.id = reactAriaPressableStyleId;
  marker.name = reactAriaPressableStyleId;
  marker.content = 'provided by styles/components.css';
  doc.head.append(marker);
}
