/**
 * The human view of a DiffResult: both objects as YAML with sorted keys, compared line by
 * line, in unified format under `--- live` / `+++ desired` headers. Secrets are masked
 * again here, so a hand-built DiffResult cannot leak either. Equal sides render as "".
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../kube/object.js';
import { diffLines, unifiedHunks } from './line-diff.js';
import { redactSecrets } from './redact.js';
import type { DiffResult } from './types.js';

function yamlLines(obj: KubeObject | undefined): string[] {
  if (obj === undefined) return [];
  const text = stringify(obj, { sortMapEntries: true, lineWidth: 0 });
  return text.replace(/\n$/, '').split('\n');
}

export function renderDiff(result: DiffResult): string {
  const { desired, live } = redactSecrets(result.desired, result.live);
  const ops = diffLines(yamlLines(live), yamlLines(desired));
  if (ops.every((o) => o.op === ' ')) return '';
  return ['--- live', '+++ desired', ...unifiedHunks(ops)].join('\n') + '\n';
}
