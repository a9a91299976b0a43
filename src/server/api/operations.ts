/**
 * The operations an API action writes on an Application, built exactly as `ferry app
 * sync|rollback` builds them (src/cli/app.ts); the controller carries them out. Pure:
 * request body in, `Operation` out, or an `HttpError` saying what is wrong.
 */
import type { Application, Operation, SyncOperationResource } from '../../api/argo/index.js';
import { badRequest, boolField, HttpError, stringField } from './http.js';

function resourceOf(value: unknown, index: number): SyncOperationResource {
  const r = value as Record<string, unknown> | null;
  const where = `resources[${index}]`;
  if (!r || typeof r !== 'object') throw badRequest(`${where} must be an object {group, kind, name}`);
  const field = (k: string, required: boolean): string | undefined => {
    const v = r[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || (required && !v)) throw badRequest(`${where}.${k} must be a string`);
    return v;
  };
  const namespace = field('namespace', false);
  return {
    group: field('group', false) ?? '',
    kind: field('kind', true)!,
    name: field('name', true)!,
    ...(namespace ? { namespace } : {}),
  };
}

/** POST …/sync: `{ prune?, dryRun?, revision?, resources?: [{group, kind, name, namespace?}] }`. */
export function syncOperation(body: Record<string, unknown>, username: string): Operation {
  const revision = stringField(body, 'revision');
  const raw = body.resources;
  if (raw !== undefined && !Array.isArray(raw)) throw badRequest('"resources" must be an array');
  const resources = (raw ?? []).map(resourceOf);
  return {
    sync: {
      prune: boolField(body, 'prune'),
      dryRun: boolField(body, 'dryRun'),
      ...(revision ? { revision } : {}),
      ...(resources.length ? { resources } : {}),
    },
    initiatedBy: { username },
  };
}

/** The history id a rollback body names, if any; 400 when it is not an integer. */
export function rollbackId(body: Record<string, unknown>): number | undefined {
  const id = body.id;
  if (id === undefined) return undefined;
  if (typeof id !== 'number' || !Number.isInteger(id)) throw badRequest('"id" must be an integer history id');
  return id;
}

/** POST …/rollback: `{ id? }` (default: the entry before the current one). Refused while automated. */
export function rollbackOperation(
  app: Application,
  body: Record<string, unknown>,
  username: string,
): Operation {
  const name = app.metadata.name ?? '';
  const id = rollbackId(body);
  const auto = app.spec.syncPolicy?.automated;
  if (auto && auto.enabled !== false)
    throw new HttpError(
      409,
      `rollback cannot be initiated when auto-sync is enabled: turn off spec.syncPolicy.automated of ${name} first (as in Argo CD)`,
    );
  const history = app.status?.history ?? [];
  const entry = id === undefined ? history.at(-2) : history.find((h) => h.id === id);
  if (!entry)
    throw new HttpError(
      id === undefined ? 409 : 404,
      id === undefined
        ? `${name} has no earlier deployment to roll back to`
        : `${name} has no history entry ${String(id)}`,
    );
  return {
    sync: {
      revision: entry.revision,
      ...(entry.sources ? { sources: entry.sources } : { source: entry.source }),
      prune: true,
    },
    initiatedBy: { username },
  };
}
