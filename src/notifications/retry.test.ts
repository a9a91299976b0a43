import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DedupeWindow } from './dedupe.js';
import { signBody, verifySignature } from './hmac.js';
import { isRetryable, retryDelay } from './retry.js';
import { deliver, safeHost } from './sender.js';

describe('retry policy', () => {
  const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 };
  it('retries 5xx, 429 and no answer; never other statuses', () => {
    expect([500, 503, 429, undefined].map(isRetryable)).toEqual([true, true, true, true]);
    expect([200, 400, 401, 404].map(isRetryable)).toEqual([false, false, false, false]);
  });
  it('backs off exponentially up to the cap, then gives up', () => {
    expect([1, 2, 3].map((a) => retryDelay(policy, a, 500))).toEqual([100, 200, 250]);
    expect(retryDelay(policy, 4, 500)).toBeUndefined();
    expect(retryDelay(policy, 1, 404)).toBeUndefined();
  });
});

describe('dedupe window', () => {
  it('admits a key once per window', () => {
    let now = 0;
    const window = new DedupeWindow(1000, () => now);
    expect(window.admit('a')).toBe(true);
    expect(window.admit('a')).toBe(false);
    expect(window.admit('b')).toBe(true);
    now = 999;
    expect(window.admit('a')).toBe(false);
    now = 1000;
    expect(window.admit('a')).toBe(true);
  });
});

describe('HMAC signature', () => {
  it('is sha256=<hex HMAC-SHA256 of the body>, as openssl computes it', () => {
    // echo -n '{"a":1}' | openssl dgst -sha256 -hmac secret
    const signature = 'sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494';
    expect(signBody('{"a":1}', 'secret')).toBe(signature);
    expect(verifySignature('{"a":1}', 'secret', signature)).toBe(true);
    expect(verifySignature('{"a":2}', 'secret', signature)).toBe(false);
    expect(verifySignature('{"a":1}', 'other', signature)).toBe(false);
    expect(verifySignature('{"a":1}', 'secret', undefined)).toBe(false);
  });
});

describe('deliver', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  /** A local receiver answering the given statuses in turn (then 200); returns its URL. */
  async function receiver(statuses: number[], seen: string[]): Promise<string> {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(body);
        res.writeHead(statuses.shift() ?? 200).end();
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const address = server.address() as { port: number };
    return `http://127.0.0.1:${address.port}/hook/secret-path`;
  }
  const fast = { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } };

  it('retries 500 twice and delivers on the third attempt', async () => {
    const seen: string[] = [];
    const url = await receiver([500, 500], seen);
    const result = await deliver({ url, body: 'x' }, fast);
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 3 });
    expect(seen).toEqual(['x', 'x', 'x']);
  });

  it('gives up after the last attempt and names only the host', async () => {
    const seen: string[] = [];
    const url = await receiver([503, 503, 503, 503], seen);
    const result = await deliver({ url, body: 'x' }, fast);
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(3);
    expect(result.error).toMatch(/^receiver 127\.0\.0\.1:\d+ answered 503$/);
    expect(result.error).not.toContain('secret-path');
  });

  it('does not retry a 4xx', async () => {
    const seen: string[] = [];
    const url = await receiver([400], seen);
    expect(await deliver({ url, body: 'x' }, fast)).toMatchObject({ ok: false, status: 400, attempts: 1 });
  });

  it('reports an unreachable receiver', async () => {
    const result = await deliver({ url: 'http://127.0.0.1:1/x', body: 'x' }, fast);
    expect(result).toMatchObject({ ok: false, attempts: 3, error: 'receiver 127.0.0.1:1 unreachable' });
    expect(safeHost('not a url')).toBe('(invalid URL)');
  });
});
