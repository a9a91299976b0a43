/**
 * Parameter sets: what generators produce and templates consume. With the default
 * template syntax they are flat string maps (`path.basename`, `values.env`); with
 * goTemplate they are nested JSON (`.path.basename`). Values print as Go's `%v` does,
 * since Argo CD formats them with fmt.Sprintf("%v").
 */
export type Params = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON number as Go's %v prints a float64: shortest form, exponent below 1e-4 and from 1e21. */
export function goNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(n);
  if (n !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [mantissa = '', exponent = '0'] = n.toExponential().split('e');
    const e = Number(exponent);
    return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Go's %v of a decoded JSON value. */
export function goString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `map[${entries.map(([k, v]) => `${k}:${goString(v)}`).join(' ')}]`;
}

/**
 * Nested maps and lists as dotted keys (`a.b`, `list.0`), values as Go prints them:
 * jeremywohl/flatten's DotStyle, which Argo CD uses for post selectors and git files.
 * Empty maps and lists leave no key.
 */
export function flattenParams(params: Params, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: Array<[string, unknown]> = Array.isArray(params)
    ? (params as unknown[]).map((v, i) => [String(i), v])
    : Object.entries(params);
  for (const [key, value] of entries) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(value) || Array.isArray(value))
      Object.assign(out, flattenParams(value as Params, name));
    else out[name] = goString(value);
  }
  return out;
}

/** A deep copy of JSON data. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Argo CD's SanitizeName (the `normalize` function, `nameNormalized`, `basenameNormalized`). */
export function sanitizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^-a-z0-9.]/gu, '-')
    .slice(0, 253)
    .replace(/^[-.]+|[-.]+$/g, '');
}
