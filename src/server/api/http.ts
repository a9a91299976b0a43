/**
 * Small HTTP helpers for the API: JSON answers, typed errors that carry their status,
 * and a bounded JSON body reader. Handlers throw `HttpError`; the router answers it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error the client caused (4xx) or a known server-side failure, answered as `{ error }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);
export const notFound = (message: string): HttpError => new HttpError(404, message);

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
    .end(`${JSON.stringify(body)}\n`);
}

/** The request body parsed as a JSON object; `{}` when empty. 400 on invalid JSON, 413 when too big. */
export async function readJsonObject(
  req: IncomingMessage,
  limit = 1024 * 1024,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw badRequest('request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** A boolean field of a request body: absent → false; anything but a boolean → 400. */
export function boolField(body: Record<string, unknown>, field: string): boolean {
  const v = body[field];
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw badRequest(`"${field}" must be true or false`);
  return v;
}

/** An optional string field of a request body; anything but a non-empty string → 400. */
export function stringField(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v) throw badRequest(`"${field}" must be a non-empty string`);
  return v;
}
