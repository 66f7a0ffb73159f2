// Accessibility of what the components can draw beyond the states the other tests reach: every
// avatar colour the palette can produce (the hue comes from the email address, 0–359) keeps its
// white initials at a contrast of at least 4.5:1 (WCAG 1.4.3), in light and in dark, measured on
// the pixels Chromium paints from the components' own stylesheet, and axe-core agrees.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADA, activeEmail, setUp, signUpWithMouse, waitForPath } from './demo-helpers.mjs';
import { assertAccessible } from './a11y.mjs';

for (const scheme of ['light', 'dark']) {
  test(`every avatar hue keeps white initials readable in ${scheme} mode`, async () => {
    const { open, done } = await setUp();
    try {
      const page = await open('/sign-up/');
      await page.emulateMedia({ colorScheme: scheme });
      await signUpWithMouse(page, ADA);
      await waitForPath(page, '/');
      await activeEmail(page);
      const worst = await page.evaluate(() => {
        const root = document.querySelector('#user-button').shadowRoot;
        const avatar = root.querySelector('.av');
        const host = document.createElement('div');
        root.querySelector('.r').append(host);
        const ctx = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
        // sRGB as painted: a canvas filled with the computed colour (oklch/hsl resolved by Chromium).
        const painted = (css) => {
          ctx.clearRect(0, 0, 1, 1);
          ctx.fillStyle = css;
          ctx.fillRect(0, 0, 1, 1);
          return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
        };
        const luminance = (rgb) => {
          const [r, g, b] = rgb.map((v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        let worst = { ratio: Infinity, hue: -1 };
        for (let hue = 0; hue < 360; hue += 1) {
          const copy = avatar.cloneNode(true);
          copy.removeAttribute('aria-hidden');
          copy.style.setProperty('--h', String(hue));
          host.append(copy);
          const style = getComputedStyle(copy);
          const [bg, fg] = [luminance(painted(style.backgroundColor)), luminance(painted(style.color))];
          const ratio = (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05);
          if (ratio < worst.ratio) worst = { ratio, hue };
        }
        return worst;
      });
      assert.ok(worst.ratio >= 4.5, `hue ${worst.hue}: contrast ${worst.ratio.toFixed(2)}:1 is below 4.5:1`);
      // The 360 avatars are on the page now: axe's own colour-contrast check agrees.
      await assertAccessible(page, `360 avatar hues in ${scheme} mode`);
    } finally {
      await done();
    }
  });
}
