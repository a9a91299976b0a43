/**
 * Safe reads from plain Kubernetes objects: every helper tolerates missing or mistyped
 * fields and falls back the way a typed Go struct would (0, "", empty list).
 */
export type FieldPath = ReadonlyArray<string | number>;

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path`, or undefined when any step is missing. Reads own properties only. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let current: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step < 0 || step >= current.length) return undefined;
      current = current[step] as unknown;
    } else {
      if (!isRecord(current) || !Object.hasOwn(current, step)) return undefined;
      current = current[step];
    }
  }
  return current;
}

/** A number at `path`, or undefined when absent or not a number (like a nil Go pointer). */
export function numberAt(root: unknown, path: FieldPath): number | undefined {
  const value = valueAt(root, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A number at `path`, or 0. */
export function countAt(root: unknown, path: FieldPath): number {
  return numberAt(root, path) ?? 0;
}

/** A string at `path`, or "". */
export function stringAt(root: unknown, path: FieldPath): string {
  const value = valueAt(root, path);
  return typeof value === 'string' ? value : '';
}

/** A list at `path`, or []. */
export function listAt(root: unknown, path: FieldPath): unknown[] {
  const value = valueAt(root, path);
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** Conditions at `path` (default `status.conditions`), each field defaulting to "". */
export function conditionsOf(root: unknown, path: FieldPath = ['status', 'conditions']): Condition[] {
  return listAt(root, path).filter(isRecord).map(toCondition);
}

export function toCondition(raw: Record<string, unknown>): Condition {
  return {
    type: stringAt(raw, ['type']),
    status: stringAt(raw, ['status']),
    reason: stringAt(raw, ['reason']),
    message: stringAt(raw, ['message']),
  };
}

/** The first condition of `type`, if any. */
export function findCondition(conditions: Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

/** True when the controller has not yet seen the latest spec (`metadata.generation`). */
export function generationPending(obj: unknown): boolean {
  return countAt(obj, ['metadata', 'generation']) > countAt(obj, ['status', 'observedGeneration']);
}
