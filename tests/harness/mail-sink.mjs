// An SMTP sink for end-to-end tests: nodemailer's `smtp-server` on 127.0.0.1 port 0, accepting
// every message without authentication and keeping it, so a test reads the code a real
// clerk-server mailed over real SMTP. `nextCode(to)` waits for the next message to that address
// (one not read before) and returns the 6-digit code in it.

import { SMTPServer } from 'smtp-server';

/** A 6-digit code standing alone between spaces, tags or punctuation (so not a run of digits in
 * a MIME boundary or a message id). */
const CODE = /(?:^|[\s>:(])(\d{6})(?=[\s<.,;)]|$)/m;

/** The text of a MIME message, roughly decoded: quoted-printable soft breaks and `=XX` escapes,
 * and base64 parts. Enough to find a code in what lettre writes. */
export function decodeMessage(raw) {
  const parts = [raw];
  for (const block of raw.split(/\r?\n\r?\n/)) {
    const compact = block.replace(/\s+/g, '');
    if (compact.length >= 16 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
      parts.push(Buffer.from(compact, 'base64').toString('utf8'));
    }
  }
  return parts.join('\n')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** @returns {Promise<{url: string, port: number, messages: {to: string[], raw: string}[],
 *   nextCode: (to: string, timeoutMs?: number) => Promise<string>, stop: () => Promise<void>}>} */
export async function startMailSink() {
  const messages = [];
  const waiters = [];
  const read = new Set();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => { raw += chunk; });
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        messages.push({ to, raw });
        callback();
        wake();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.server.address();

  const nextCode = (to, timeoutMs = 20_000) => new Promise((resolve, reject) => {
    const address = to.toLowerCase();
    const check = () => {
      const index = messages.findIndex((m, i) => !read.has(i) && m.to.includes(address));
      if (index < 0) return false;
      read.add(index);
      const raw = messages[index].raw;
      const body = raw.slice(raw.search(/\r?\n\r?\n/));
      const match = decodeMessage(body).match(CODE);
      finish();
      if (match) resolve(match[1]);
      else reject(new Error(`no code in the message to ${to}:\n${messages[index].raw}`));
      return true;
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`no message to ${to} within ${timeoutMs} ms (${messages.length} received)`));
    }, timeoutMs);
    const waiter = () => { check(); };
    const finish = () => {
      clearTimeout(timer);
      const i = waiters.indexOf(waiter);
      if (i >= 0) waiters.splice(i, 1);
    };
    waiters.push(waiter);
    check();
  });

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    nextCode,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
