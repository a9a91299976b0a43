/**
 * Writing a Flux object's status through its /status subresource, only when something
 * changed (no writes in a steady state). The patch is a JSON merge patch of the whole
 * status with removed fields set to null.
 */
import type { FluxObject, FluxStatus } from '../../api/flux/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { refOf } from '../../kube/cluster.js';
import { isNotFound } from '../../kube/errors.js';
import { stableJson } from '../../render/cache.js';

/** The merge patch that turns `before` into `after` at the top level of status. */
export function statusPatch(before: FluxStatus | undefined, after: FluxStatus): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...after };
  for (const key of Object.keys(before ?? {})) if (!(key in after)) patch[key] = null;
  return patch;
}

/**
 * Writes `draft.status` if it differs from `original.status`. Returns whether it wrote.
 * A vanished object is not an error (it was deleted meanwhile).
 */
export async function patchStatus(
  cluster: Cluster,
  original: FluxObject<unknown>,
  draft: FluxObject<unknown>,
): Promise<boolean> {
  const after = draft.status ?? {};
  if (stableJson(original.status ?? {}) === stableJson(after)) return false;
  try {
    await cluster.mergePatch(refOf(original), { status: statusPatch(original.status, after) }, 'status');
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
  original.status = structuredClone(after);
  return true;
}
