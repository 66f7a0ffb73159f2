// Injected into every benchmark page before its own scripts (Playwright addInitScript): in-page
// timing with performance.now() and a requestAnimationFrame counter, so results do not include
// Playwright's round trips. `__bench.when(name, pred)` records the time and frame at which `pred()`
// first holds, re-checking on every DOM mutation (also inside open shadow roots).
(() => {
  let frame = 0;
  const tick = () => { frame += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const marks = {};
  const watchers = [];
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
    /** Marks `name + ':click'` at the next click (capture phase, the event's own timestamp). */
    armClick(name) {
      delete marks[`${name}:click`];
      addEventListener('click', (e) => { marks[`${name}:click`] = { t: e.timeStamp, frame }; }, { capture: true, once: true });
    },
  };
  document.addEventListener('DOMContentLoaded', check);
})();
