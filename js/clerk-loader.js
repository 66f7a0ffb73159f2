/*
 * clerk-wasm script-tag loader (a classic script: no bundler, no `type="module"` needed).
 *
 *   <script src="/pkg/clerk-loader.js" data-frontend-api="https://clerk.example.com"></script>
 *   <script>
 *     addEventListener('clerk:ready', async () => {
 *       await Clerk.load();            // already started by the loader; same promise
 *       console.log(Clerk.user?.fullName);
 *     });
 *   </script>
 *
 * It imports `clerk_wasm.js` and `clerk_wasm_bg.wasm` from its own directory, creates
 * `window.Clerk` (a `Clerk` for `data-frontend-api`, default: the page's origin; optional
 * `data-sign-in-url`, `data-after-sign-out-url`, `data-after-multi-session-single-sign-out-url`),
 * starts `Clerk.load()`, exposes the module's classes as `window.ClerkWasm`, and dispatches
 * `clerk:ready` on `window` (or `clerk:error` with `detail` if the wasm cannot load).
 * `window.ClerkReady` is a promise of the same instance.
 */
(function () {
  var script = document.currentScript;
  var base = new URL('.', (script && script.src) || location.href).href;
  var attr = function (name) { return script && script.getAttribute('data-' + name); };
  // The wasm download starts now, beside the glue's import, not after it (one round trip less on
  // a cold load). A failed download rejects `init` below; the no-op catch only keeps the
  // browser from reporting it as unhandled before then.
  var wasm = fetch(base + 'clerk_wasm_bg.wasm');
  wasm.catch(function () {});
  window.ClerkReady = import(base + 'clerk_wasm.js')
    .then(function (mod) {
      return mod.default({ module_or_path: wasm }).then(function () {
        var options = {};
        if (attr('sign-in-url')) options.signInUrl = attr('sign-in-url');
        if (attr('after-sign-out-url')) options.afterSignOutUrl = attr('after-sign-out-url');
        if (attr('after-multi-session-single-sign-out-url')) {
          options.afterMultiSessionSingleSignOutUrl = attr('after-multi-session-single-sign-out-url');
        }
        var clerk = new mod.Clerk(attr('frontend-api') || location.origin, options);
        window.ClerkWasm = mod;
        window.Clerk = clerk;
        clerk.load();
        window.dispatchEvent(new CustomEvent('clerk:ready', { detail: clerk }));
        return clerk;
      });
    })
    .catch(function (error) {
      window.dispatchEvent(new CustomEvent('clerk:error', { detail: error }));
      throw error;
    });
})();
