// The Better Auth peer for `cargo xtask bench`: Better Auth with its memory adapter, the
// multiSession() plugin and the jwt plugin (the nearest equivalent of our session tokens), on
// 127.0.0.1. Usage: node server.mjs [--port N] [--static DIR]
// Once listening it prints one line, `better-auth listening on http://127.0.0.1:PORT`.
// Better Auth's rate limiter is switched off and the server's own origin is trusted, so benchmark
// traffic (which sends that Origin) is answered, not refused; the bench counts non-2xx answers.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { multiSession, jwt } from 'better-auth/plugins';
import { toNodeHandler } from 'better-auth/node';

const args = process.argv.slice(2);
const arg = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const port = Number(arg('--port') ?? 0);
const staticDir = arg('--static');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

let handler = null;
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/api/auth/')) return handler(req, res);
  if (!staticDir) { res.writeHead(404).end(); return; }
  const rel = decodeURIComponent(req.url.split('?')[0]).replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(staticDir, rel);
  if (!file.startsWith(path.resolve(staticDir))) { res.writeHead(403).end(); return; }
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(data);
  });
});

server.listen(port, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  const db = { user: [], session: [], account: [], verification: [], jwks: [] };
  const auth = betterAuth({
    baseURL: url,
    secret: 'bench-secret-bench-secret-bench-secret-0123456789',
    database: memoryAdapter(db),
    emailAndPassword: { enabled: true },
    trustedOrigins: [url],
    rateLimit: { enabled: false },
    logger: { level: 'error' },
    telemetry: { enabled: false },
    // disableSettingJwtHeader: otherwise every get-session answer also signs a JWT (set-auth-jwt
    // header), which our GET /v1/client does not do; tokens are measured on /api/auth/token.
    plugins: [multiSession({ maximumSessions: 25 }), jwt({ disableSettingJwtHeader: true })],
  });
  handler = toNodeHandler(auth);
  process.stdout.write(`better-auth listening on ${url}\n`);
});
