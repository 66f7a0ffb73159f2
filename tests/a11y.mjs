// The accessibility engine of the end-to-end suite: axe-core (npm, pinned in package.json) run
// inside the page over the document and every open shadow root, as the components render them.
// `assertAccessible(page, where)` fails with each violation's rule, impact, help text and the
// elements it found, so a regression names what to fix. Every rule axe runs by default applies
// (WCAG 2.0/2.1/2.2 A and AA plus best practices), none is switched off.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
/** axe-core's browser bundle, read once. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe over `page` (loading it into the page first if needed): its violations. */
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  // Through evaluate, not a <script> tag: the demo pages' CSP allows only their own scripts.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
    }));
  });
}

/** Fails unless axe finds no violation on `page`; `where` names the state in the message. */
export async function assertAccessible(page, where) {
  const violations = await axeViolations(page);
  const report = violations
    .map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe-core found ${violations.length} violation(s) at ${where}:\n${report}`);
}
