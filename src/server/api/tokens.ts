/**
 * API bearer tokens. A token is `ferry_<id>_<secret>`; only its sha256 is stored, in the
 * Secret `ferry-api-tokens` of the control namespace (one key per token id, the value a
 * small JSON record). The plain token is shown once, when it is created.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { parseProjectRole } from './rbac/policy.js';

export const tokenSecretName = 'ferry-api-tokens';
/** admin, readonly, or an AppProject role `proj:<project>:<role>` whose policies decide. */
export type Role = 'admin' | 'readonly' | `proj:${string}:${string}`;

/** What is stored per token: never the token itself. */
export interface TokenRecord {
  sha256: string;
  role: Role;
  name?: string;
  createdAt: string;
}

/** Who made a request: the token's id, name and role. */
export interface Principal {
  id: string;
  name: string;
  role: Role;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function isRole(value: unknown): value is Role {
  return (
    value === 'admin' ||
    value === 'readonly' ||
    (typeof value === 'string' && parseProjectRole(value) !== undefined)
  );
}

/** A new token and the record to store for it. */
export function newToken(
  role: Role,
  name?: string,
  now = new Date(),
): { id: string; token: string; record: TokenRecord } {
  const id = randomBytes(4).toString('hex');
  const token = `ferry_${id}_${randomBytes(24).toString('base64url')}`;
  return {
    id,
    token,
    record: { sha256: sha256(token), role, ...(name ? { name } : {}), createdAt: now.toISOString() },
  };
}

/** The token records of a Secret's data, by id (unreadable entries left out). */
export function parseTokenSecret(secret: KubeObject | undefined): Map<string, TokenRecord> {
  const records = new Map<string, TokenRecord>();
  for (const [id, value] of Object.entries((secret?.data ?? {}) as Record<string, string>)) {
    try {
      const record = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as TokenRecord;
      if (typeof record.sha256 === 'string' && isRole(record.role)) records.set(id, record);
    } catch {
      // not one of ours
    }
  }
  return records;
}

/** The principal a presented token belongs to, or undefined. Compares hashes in constant time. */
export function verifyToken(records: Map<string, TokenRecord>, token: string): Principal | undefined {
  const id = /^ferry_([0-9a-f]{8})_/.exec(token)?.[1];
  const record = id ? records.get(id) : undefined;
  if (!id || !record) return undefined;
  const presented = Buffer.from(sha256(token), 'hex');
  const stored = Buffer.from(record.sha256, 'hex');
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return undefined;
  return { id, name: record.name ?? `token-${id}`, role: record.role };
}

export async function readTokens(home: Cluster, namespace: string): Promise<Map<string, TokenRecord>> {
  return parseTokenSecret(
    await home.get({ apiVersion: 'v1', kind: 'Secret', namespace, name: tokenSecretName }),
  );
}

/** Creates a token and stores its hash (merge-patch, so concurrent creations keep each other). */
export async function createToken(
  home: Cluster,
  namespace: string,
  options: { role: Role; name?: string },
): Promise<{ id: string; token: string }> {
  const { id, token, record } = newToken(options.role, options.name);
  const data = { [id]: Buffer.from(JSON.stringify(record)).toString('base64') };
  const ref = { apiVersion: 'v1', kind: 'Secret', namespace, name: tokenSecretName };
  if (await home.get(ref)) await home.mergePatch(ref, { data });
  else
    await home.create({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: tokenSecretName, namespace, labels: { 'app.kubernetes.io/part-of': 'ferry' } },
      data,
    });
  return { id, token };
}

/** Creates a first admin token when none exists; returns it (to show once), or undefined. */
export async function ensureInitialToken(home: Cluster, namespace: string): Promise<string | undefined> {
  if ((await readTokens(home, namespace)).size > 0) return undefined;
  return (await createToken(home, namespace, { role: 'admin', name: 'initial-admin' })).token;
}

/** Token records re-read at most every `ttlMs`, so new and revoked tokens take effect quickly. */
export class TokenCache {
  private cached: { at: number; records: Promise<Map<string, TokenRecord>> } | undefined;

  constructor(
    private readonly home: Cluster,
    private readonly namespace: string,
    private readonly ttlMs = 2000,
  ) {}

  async verify(token: string): Promise<Principal | undefined> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      const records = readTokens(this.home, this.namespace);
      this.cached = { at: Date.now(), records };
      records.catch(() => (this.cached = undefined));
    }
    const principal = verifyToken(await this.cached.records, token);
    // An unknown token may have just been created: look once more, without the cache.
    if (!principal && Date.now() - this.cached.at > 200) {
      this.cached = undefined;
      return verifyToken(await readTokens(this.home, this.namespace), token);
    }
    return principal;
  }
}
