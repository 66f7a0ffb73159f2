// Shared helpers of the end-to-end tests:
// `import { startApp, startServer, launchBrowser } from './harness/index.mjs'`.

export { startServer, repoRoot } from './server.mjs';
export { launchBrowser, CHROMIUM_ARGS, executablePath } from './browser.mjs';
export { startApp } from './app.mjs';
export { startMailSink } from './mail-sink.mjs';
export { configFile, emailTo } from './config-file.mjs';
