/**
 * The sync wave of an object: `argocd.argoproj.io/sync-wave`, else Helm's
 * `helm.sh/hook-weight` (Argo CD reads it for any object, not only hooks), else 0. A value that
 * is not a plain integer (as Go's strconv.Atoi reads it) counts as absent.
 */
import type { KubeObject } from '../../kube/object.js';
import { ANNOTATION, annotation } from './annotations.js';

function parseInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return undefined;
  return value === 0 ? 0 : value; // no -0
}

export function syncWave(obj: KubeObject): number {
  return (
    parseInteger(annotation(obj, ANNOTATION.syncWave)) ??
    parseInteger(annotation(obj, ANNOTATION.helmHookWeight)) ??
    0
  );
}
