/**
 * Delivers one HTTP request to a receiver with a timeout and retries (retry.ts). Results
 * name the receiver by host only: URLs may carry tokens (Slack's webhook paths do).
 */
import { DEFAULT_RETRY, retryDelay, type RetryPolicy } from './retry.js';

export interface OutgoingRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body: string;
}

export interface DeliveryResult {
  ok: boolean;
  /** The last HTTP status, undefined when no answer came. */
  status?: number;
  attempts: number;
  /** What went wrong, safe to log: status or error class, and the receiver's host. */
  error?: string;
}

export interface SendOptions {
  timeoutMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

export async function deliver(request: OutgoingRequest, options: SendOptions = {}): Promise<DeliveryResult> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(request, options.timeoutMs ?? 15_000);
    if (outcome.ok) return { ok: true, status: outcome.status, attempts: attempt };
    const delay = retryDelay(policy, attempt, outcome.status);
    if (delay === undefined) return { ...outcome, attempts: attempt };
    await sleep(delay);
  }
}

async function attemptOnce(
  request: OutgoingRequest,
  timeoutMs: number,
): Promise<{ ok: boolean; status?: number; error?: string }> {
  const host = safeHost(request.url);
  try {
    const res = await fetch(request.url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      body: request.method === 'GET' ? undefined : request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `receiver ${host} answered ${res.status}` };
  } catch (err) {
    const kind =
      err instanceof Error && err.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'unreachable';
    return { ok: false, error: `receiver ${host} ${kind}` };
  }
}

/** host[:port] of a URL, never its path, query or credentials. */
export function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
