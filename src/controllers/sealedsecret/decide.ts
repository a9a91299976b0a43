/**
 * What to do with the Secret a SealedSecret stands for, decided apart from doing it (as the
 * sealed-secrets controller decides): create it; leave a Secret alone that someone else owns
 * unless it is annotated `sealedsecrets.bitnami.com/managed: "true"` (take it over) or
 * `…/patch: "true"` (merge into it); otherwise replace data, labels, annotations and owner;
 * write nothing when nothing differs.
 */
import { MANAGED_ANNOTATION, PATCH_ANNOTATION, type SecretObject } from '../../api/bitnami/types.js';

export type SecretAction =
  | { kind: 'create'; secret: SecretObject }
  | { kind: 'update'; secret: SecretObject }
  | { kind: 'unchanged' }
  | { kind: 'unmanaged'; message: string };

function controlledBy(live: SecretObject, ownerUid: string | undefined): boolean {
  return (live.metadata.ownerReferences ?? []).some(
    (r) => r.controller === true && ownerUid !== undefined && r.uid === ownerUid,
  );
}

/** The parts of a Secret the controller writes, normalized for comparison. */
function written(s: SecretObject): string {
  const m = s.metadata;
  const sorted = (o: Record<string, unknown> | undefined): Record<string, unknown> =>
    Object.fromEntries(Object.entries(o ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([
    sorted(s.data),
    sorted(m.labels),
    sorted(m.annotations),
    m.ownerReferences ?? [],
    s.type ?? 'Opaque',
    s.immutable ?? false,
  ]);
}

function merged(live: SecretObject, desired: SecretObject): SecretObject {
  const managed = live.metadata.annotations?.[MANAGED_ANNOTATION] === 'true';
  return {
    ...live,
    metadata: {
      ...live.metadata,
      labels: { ...live.metadata.labels, ...desired.metadata.labels },
      annotations: { ...live.metadata.annotations, ...desired.metadata.annotations },
      ownerReferences: managed ? desired.metadata.ownerReferences : live.metadata.ownerReferences,
    },
    data: { ...live.data, ...desired.data },
  };
}

function replaced(live: SecretObject, desired: SecretObject): SecretObject {
  return {
    ...live,
    metadata: {
      ...live.metadata,
      labels: desired.metadata.labels,
      annotations: desired.metadata.annotations,
      ownerReferences: desired.metadata.ownerReferences,
    },
    data: desired.data,
  };
}

export function secretAction(
  live: SecretObject | undefined,
  desired: SecretObject,
  ownerUid: string | undefined,
): SecretAction {
  if (!live) return { kind: 'create', secret: desired };
  const annotations = live.metadata.annotations ?? {};
  const patch = annotations[PATCH_ANNOTATION] === 'true';
  if (!controlledBy(live, ownerUid) && annotations[MANAGED_ANNOTATION] !== 'true' && !patch) {
    return {
      kind: 'unmanaged',
      message: `Resource "${live.metadata.name ?? ''}" already exists and is not managed by SealedSecret`,
    };
  }
  const next = patch ? merged(live, desired) : replaced(live, desired);
  next.type = desired.type;
  if (desired.immutable !== undefined) next.immutable = desired.immutable;
  return written(next) === written(live) ? { kind: 'unchanged' } : { kind: 'update', secret: next };
}
