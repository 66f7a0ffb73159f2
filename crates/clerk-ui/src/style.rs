//! The one stylesheet every component puts in its shadow root.
//!
//! Scoping: the shadow root keeps page CSS out and ours in; `:host{all:initial}` stops inherited
//! page styles (font, colour, line height) at the boundary. Colours are CSS custom properties with
//! `light-dark()` defaults, so `color-scheme` picks the theme: the system's by default, or forced by
//! the `light`/`dark` class of the root element. Page-level `--clerk-*` variables win over defaults.

/// The stylesheet (minified by hand; every byte ships in the wasm).
pub const STYLE: &str = concat!(
    ":host{all:initial;display:inline-block;position:relative}",
    ".r{--p:var(--clerk-color-primary,light-dark(#4f46e5,#9d9aff));--pf:light-dark(#fff,#12122a);",
    "--bg:var(--clerk-color-background,light-dark(#fff,#1f2227));--fg:var(--clerk-color-text,light-dark(#1f2328,#eceef2));",
    "--mut:var(--clerk-color-text-secondary,light-dark(#5b616e,#a3a9b5));--bd:var(--clerk-color-border,light-dark(#d9dce1,#3a3f47));",
    "--dan:var(--clerk-color-danger,light-dark(#c62828,#ff8a80));--hov:light-dark(#f1f2f4,#2b2f36);",
    "--rad:var(--clerk-border-radius,10px);color-scheme:light dark;color:var(--fg);",
    "font:var(--clerk-font-size,14px)/1.4 var(--clerk-font-family,system-ui,-apple-system,'Segoe UI',Roboto,sans-serif)}",
    ".light{color-scheme:light}.dark{color-scheme:dark}*{box-sizing:border-box}",
    "button{font:inherit;color:inherit;background:none;border:0;margin:0;padding:0;cursor:pointer;text-align:inherit}",
    ":focus-visible{outline:2px solid var(--p);outline-offset:2px}",
    ".av{display:inline-flex;align-items:center;justify-content:center;width:32px;height:32px;border-radius:50%;",
    "background:hsl(var(--h) 45% 42%);color:#fff;font-weight:600;font-size:13px;flex:none;overflow:hidden;text-transform:uppercase}",
    ".av img{width:100%;height:100%;object-fit:cover}.lg{width:40px;height:40px;font-size:15px}",
    ".tr{display:block;border-radius:50%}",
    ".pn{position:absolute;right:0;top:calc(100% + 8px);z-index:2147483000;width:320px;max-width:calc(100vw - 16px);",
    "background:var(--bg);border:1px solid var(--bd);border-radius:var(--rad);box-shadow:0 12px 32px rgb(0 0 0/.2);padding:6px}",
    ".hd{display:flex;gap:12px;align-items:center;padding:10px}.tx{min-width:0;flex:1}",
    ".nm{font-weight:600}.em{color:var(--mut);font-size:.9em}",
    ".nm,.em{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}",
    ".row{display:flex;align-items:center;gap:4px}",
    ".it{display:flex;align-items:center;gap:10px;width:100%;padding:8px 10px;border-radius:6px}",
    ".it:hover,.sm:hover{background:var(--hov)}",
    ".sm{padding:6px 8px;border-radius:6px;color:var(--mut);white-space:nowrap;font-size:.9em}",
    ".sep{border-top:1px solid var(--bd);margin:6px 0}",
    ".lbl{padding:6px 10px 2px;color:var(--mut);font-size:.8em;font-weight:600;letter-spacing:.03em}",
    ".card{display:block;width:min(400px,calc(100vw - 16px));background:var(--bg);border:1px solid var(--bd);",
    "border-radius:var(--rad);padding:28px;box-shadow:0 4px 16px rgb(0 0 0/.08)}",
    "h1{font-size:1.45em;margin:0}h2{font-size:1.25em;margin:0}h3{font-size:.95em;margin:20px 0 6px;color:var(--mut)}",
    ".sub{color:var(--mut);margin:4px 0 18px}",
    "label{display:block;font-weight:500;margin:12px 0 4px}",
    "input{display:block;width:100%;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--bd);",
    "border-radius:6px;padding:9px 11px}input[aria-invalid=true]{border-color:var(--dan)}",
    ".er{color:var(--dan);font-size:.9em;margin:4px 0 0}.er:empty{display:none}.pn .er{padding:0 10px 6px}",
    ".pr{display:block;width:100%;margin-top:20px;padding:10px;border-radius:6px;background:var(--p);color:var(--pf);",
    "font-weight:600;text-align:center}.pr:disabled{opacity:.6;cursor:progress}",
    ".ln{color:var(--p);font-weight:500}.ft{margin:18px 0 0;color:var(--mut)}",
    "ul{list-style:none;margin:0;padding:0}.ch li+li{margin-top:4px}",
    ".bd{font-size:.75em;padding:2px 7px;border-radius:99px;background:var(--hov);color:var(--mut);white-space:nowrap}",
    ".mg li{display:flex;align-items:center;gap:10px;padding:10px 0;border-top:1px solid var(--bd)}",
    ".dz{color:var(--dan)}",
    ".ck{display:flex;align-items:center;gap:8px;font-weight:400}.ck input{width:auto;margin:0}",
    "#f-code{letter-spacing:.3em;font-variant-numeric:tabular-nums}",
    ".lk{display:flex;flex-wrap:wrap;justify-content:space-between;gap:8px;margin-top:10px;font-size:.9em}",
    ".ln:disabled{color:var(--mut);cursor:default}",
);
