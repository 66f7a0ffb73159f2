// Injected into every benchmark page before its own scripts (Playwright addInitScript): in-page
// timing with performance.now() and a requestAnimationFrame counter, so results do not include
// Playwright's round trips. `__bench.when(name, pred)` records the time and frame at which `pred()`
// first holds, re-checking on every DOM mutation (also inside open shadow roots);
// `__bench.until(name)` is a promise of that mark, for `page.evaluate` to await (unlike
// `page.waitForFunction`, which first evaluates Playwright's injected script in the page: about
// 300 KB of JS compiled on the main thread in the middle of the load it measures).
(() => {
  let frame = 0;
  const tick = () => { frame += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const marks = {};
  const watchers = [];
  const waiting = [];
  const observed = new WeakSet();
  const roots = () => {
    const out = [document];
    for (let i = 0; i < out.length; i += 1) {
      for (const el of out[i].querySelectorAll('*')) if (el.shadowRoot) out.push(el.shadowRoot);
    }
    return out;
  };
  const check = () => {
    for (const root of roots()) {
      if (!observed.has(root)) {
        observed.add(root);
        observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
      }
    }
    for (let i = watchers.length - 1; i >= 0; i -= 1) {
      const w = watchers[i];
      if (w.pred()) {
        marks[w.name] = { t: performance.now(), frame };
        watchers.splice(i, 1);
      }
    }
    for (let i = waiting.length - 1; i >= 0; i -= 1) {
      const w = waiting[i];
      if (marks[w.name]) {
        waiting.splice(i, 1);
        w.resolve(marks[w.name]);
      }
    }
  };
  const observer = new MutationObserver(check);
  const find = (selector) => {
    for (const root of roots()) { const el = root.querySelector(selector); if (el) return el; }
    return null;
  };
  window.__bench = {
    marks,
    frame: () => frame,
    find,
    when(name, pred) { delete marks[name]; watchers.push({ name, pred }); check(); },
    until(name, timeoutMs = 20_000) {
      if (marks[name]) return Promise.resolve(marks[name]);
      return new Promise((resolve, reject) => {
        waiting.push({ name, resolve });
        setTimeout(() => reject(new Error(`no "${name}" mark within ${timeoutMs} ms`)), timeoutMs);
      });
    },
    /** Marks `name + ':click'` at the next click (capture phase, the event's own timestamp). */
    armClick(name) {
      delete marks[`${name}:click`];
      addEventListener('click', (e) => { marks[`${name}:click`] = { t: e.timeStamp, frame }; }, { capture: true, once: true });
    },
  };
  document.addEventListener('DOMContentLoaded', check);
})();
