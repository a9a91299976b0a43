/** Careful readers for untrusted JSON payloads: never throw on a missing or odd field. */
import { WebhookPayloadError } from './errors.js';
import { header, type WebhookHeaders } from './provider.js';
import type { WebhookProvider } from './types.js';

export type JSONRecord = Record<string, unknown>;

/** The body as a JSON object. GitHub's form encoding (`payload=<json>`) is read too. */
export function readPayload(provider: WebhookProvider, headers: WebhookHeaders, body: Buffer): JSONRecord {
  let text = body.toString('utf8');
  const contentType = header(headers, 'content-type') ?? '';
  if (contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    text = new URLSearchParams(text).get('payload') ?? '';
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new WebhookPayloadError(provider, 'body is not valid JSON', { cause: err });
  }
  const payload = record(parsed);
  if (!payload) throw new WebhookPayloadError(provider, 'body is not a JSON object');
  return payload;
}

export function record(value: unknown): JSONRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JSONRecord)
    : undefined;
}

export function records(value: unknown): JSONRecord[] {
  return Array.isArray(value) ? value.map(record).filter((r) => r !== undefined) : [];
}

/** A non-empty string, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The non-empty strings among `values`, first occurrence kept. */
export function texts(values: unknown[]): string[] {
  return [...new Set(values.map(text).filter((v) => v !== undefined))];
}

/** `refs/heads/feature/x` → branch `feature/x`; `refs/tags/v1` → tag `v1`. */
export function refNames(ref: string): { branch?: string; tag?: string } {
  if (ref.startsWith('refs/heads/')) return { branch: ref.slice('refs/heads/'.length) };
  if (ref.startsWith('refs/tags/')) return { tag: ref.slice('refs/tags/'.length) };
  return {};
}

/** Every path the commits added, modified or removed, each once, in payload order. */
export function changedFilesOf(commits: JSONRecord[]): string[] {
  const files = commits.flatMap((c) => [c.added, c.modified, c.removed].flatMap(stringList));
  return [...new Set(files)];
}

/**
 * True when a commit lists so many files that the sender may have cut the list (GitHub
 * caps long file lists; 3000 is below any cap seen documented).
 */
export function hasLongFileList(commits: JSONRecord[]): boolean {
  return commits.some((c) =>
    [c.added, c.modified, c.removed].some((l) => Array.isArray(l) && l.length >= 3000),
  );
}

/** True for git's all-zeros "no commit" id, used for created and deleted refs. */
export function isZeroSha(sha: string | undefined): boolean {
  return sha !== undefined && /^0+$/.test(sha);
}

/** The ref and repository URLs every push needs; a clear error when one is missing. */
export function requirePush(provider: WebhookProvider, ref: string | undefined, urls: string[]): string {
  if (!ref) throw new WebhookPayloadError(provider, 'push without a ref');
  if (urls.length === 0) throw new WebhookPayloadError(provider, 'push without a repository URL');
  return ref;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}
