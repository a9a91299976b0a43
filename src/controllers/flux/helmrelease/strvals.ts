/**
 * Setting one value at a `--set`-style path, as Flux does for `valuesFrom[].targetPath`
 * (helm's strvals.ParseInto): `a.b.c`, `list[0].name`, `\.` for a literal dot. The value is
 * typed as helm types it (true/false, null, integers; else a string); a single- or
 * double-quoted value stays a string without its quotes; `{a,b}` is a list.
 * Not supported: several comma-separated assignments in one value (the whole value is one).
 */
export type Values = Record<string, unknown>;

type Step = { key: string } | { index: number };

/** `a.b[0].c` → steps; `\.` escapes a dot inside a key. */
export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  let key = '';
  const flush = (): void => {
    if (key !== '') steps.push({ key });
    key = '';
  };
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '\\' && i + 1 < path.length) key += path[++i];
    else if (ch === '.') flush();
    else if (ch === '[') {
      flush();
      const close = path.indexOf(']', i);
      const index = Number(path.slice(i + 1, close));
      if (close < 0 || !Number.isInteger(index) || index < 0)
        throw new Error(`invalid index in path "${path}"`);
      steps.push({ index });
      i = close;
    } else key += ch;
  }
  flush();
  if (steps.length === 0 || !('key' in steps[0]!)) throw new Error(`path "${path}" must start with a key`);
  return steps;
}

/** A scalar typed as helm's strvals types --set values. */
export function typedValue(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?(0|[1-9]\d*)$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  return raw;
}

/** The value as Flux passes it: quoted → string, `{a,b}` → list, else typed. */
export function parseValue(raw: string): unknown {
  const quoted = /^'.*'$|^".*"$/s.test(raw) && raw.length >= 2;
  if (quoted) return raw.slice(1, -1);
  if (raw.startsWith('{') && raw.endsWith('}')) {
    const inner = raw.slice(1, -1);
    return inner === '' ? [] : inner.split(',').map(typedValue);
  }
  return typedValue(raw);
}

function container(next: Step): Values | unknown[] {
  return 'index' in next ? [] : {};
}

/** Sets `raw` at `path` inside `values` (mutated), creating maps and lists on the way. */
export function setPath(values: Values, path: string, raw: string): void {
  const steps = parsePath(path);
  let node: Values | unknown[] = values;
  steps.forEach((step, i) => {
    const next = steps[i + 1];
    const last = next === undefined;
    if ('key' in step) {
      if (Array.isArray(node)) throw new Error(`path "${path}": ${step.key} is a key inside a list`);
      const map: Values = node;
      if (last) map[step.key] = parseValue(raw);
      else {
        const child = map[step.key];
        const fits = 'index' in next ? Array.isArray(child) : isMap(child);
        node = fits ? (child as Values | unknown[]) : (map[step.key] = container(next));
      }
      return;
    }
    if (!Array.isArray(node))
      throw new Error(`path "${path}": [${step.index}] on a value that is not a list`);
    const list: unknown[] = node;
    while (list.length <= step.index) list.push(null);
    if (last) list[step.index] = parseValue(raw);
    else {
      const child = list[step.index];
      const fits = 'index' in next ? Array.isArray(child) : isMap(child);
      node = fits ? (child as Values | unknown[]) : (list[step.index] = container(next));
    }
  });
}

export function isMap(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
