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
 * It imports `clerk_wasm.js` and `clerk_wasm_bg.wasm` from its own directory (or from the URLs of
 * `data-module` and `data-wasm`: a page whose server gives them content-hashed names, as
 * clerk-server does, names them so, the same as in its preload hints), creates
 * `window.Clerk` (a `Clerk` for `data-frontend-api`, default: the page's origin; optional
 * `data-sign-in-url`, `data-after-sign-out-url`, `data-after-multi-session-single-sign-out-url`),
 * starts `Clerk.load()`, exposes the module's classes as `window.ClerkWasm`, and dispatches
 * `clerk:ready` on `window` (or `clerk:error` with `detail` if the wasm cannot load), never
 * before the document is parsed, so listeners added by later scripts of the page see it.
 * `window.ClerkReady` is a promise of the same instance.
 */
(function () {
  var script = document.currentScript;
  var base = new URL('.', (script && script.src) || location.href).href;
  var attr = function (name) { return script && script.getAttribute('data-' + name); };
  // Downloads start now, not when the glue asks: the wasm beside the glue's import, and the SDK's
  // first two requests too (the `prefetch` option hands them over as the same `fetch` the SDK
  // would make), so neither waits for the glue nor the wasm (round trips off a cold load). A failure
  // rejects where the SDK awaits it; the no-op catches only keep the browser from reporting it as
  // unhandled before then.
  var url = function (name, file) {
    var value = attr(name);
    return value ? new URL(value, location.href).href : base + file;
  };
  var wasm = fetch(url('wasm', 'clerk_wasm_bg.wasm'));
  wasm.catch(function () {});
  var api = (attr('frontend-api') || location.origin).replace(/\/+$/, '');
  var prefetch = {};
  ['/v1/client', '/v1/environment'].forEach(function (path) {
    prefetch[path] = fetch(api + path, { credentials: 'include' });
    prefetch[path].catch(function () {});
  });
  // `clerk:ready` / `clerk:error` wait until the document is parsed: with the files already cached
  // (or preloaded) the SDK can be ready before the page's own scripts further down have added
  // their listeners, and the event would be missed.
  var announce = function (name, detail) {
    return new Promise(function (resolve) {
      var fire = function () {
        window.dispatchEvent(new CustomEvent(name, { detail: detail }));
        resolve();
      };
      if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', fire, { once: true });
      } else {
        fire();
      }
    });
  };
  window.ClerkReady = import(url('module', 'clerk_wasm.js'))
    .then(function (mod) {
      return mod.default({ module_or_path: wasm }).then(function () {
        var options = { prefetch: prefetch };
        // Each `data-` option is the `ClerkOptions` key of the same name in camelCase
        // (`data-sign-in-url` is `signInUrl`).
        ['sign-in-url', 'after-sign-out-url', 'after-multi-session-single-sign-out-url'].forEach(
          function (name) {
            var value = attr(name);
            if (value) {
              options[name.replace(/-(.)/g, function (_, c) { return c.toUpperCase(); })] = value;
            }
          }
        );
        var clerk = new mod.Clerk(api, options);
        window.ClerkWasm = mod;
        window.Clerk = clerk;
        clerk.load();
        return announce('clerk:ready', clerk).then(function () {
          return clerk;
        });
      });
    })
    .catch(function (error) {
      return announce('clerk:error', error).then(function () {
        throw error;
      });
    });
})();
