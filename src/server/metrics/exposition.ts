/**
 * Prometheus text exposition format 0.0.4, written by hand: counters and histograms
 * with labels, and one-off samples. Pure; the collector decides what to put in.
 */
export type Labels = Record<string, string>;

const escapeValue = (v: string): string =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (!entries.length) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeValue(v)}"`).join(',')}}`;
}

const formatNumber = (n: number): string =>
  Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';

/** A metric family: `# HELP`, `# TYPE`, then its samples. */
export function family(
  name: string,
  type: 'counter' | 'gauge' | 'histogram',
  help: string,
  samples: Array<{ labels?: Labels; value: number; suffix?: string }>,
): string {
  const lines = [`# HELP ${name} ${help.replace(/\n/g, ' ')}`, `# TYPE ${name} ${type}`];
  for (const s of samples)
    lines.push(`${name}${s.suffix ?? ''}${formatLabels(s.labels ?? {})} ${formatNumber(s.value)}`);
  return `${lines.join('\n')}\n`;
}

/** A counter with labels, kept in memory. */
export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = formatLabels(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  get(labels: Labels = {}): number {
    return this.values.get(formatLabels(labels))?.value ?? 0;
  }

  render(): string {
    return family(this.name, 'counter', this.help, [...this.values.values()]);
  }
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

/**
 * A histogram: cumulative buckets, sum and count, per label set. Without `labeled`, the
 * unlabeled series is shown (all zero) before the first observation.
 */
export class Histogram {
  private readonly series = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[],
    options: { labeled?: boolean } = {},
  ) {
    if (!options.labeled) this.seriesFor({});
  }

  private seriesFor(labels: Labels): HistogramSeries {
    const key = formatLabels(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    return s;
  }

  observe(value: number, labels: Labels = {}): void {
    const s = this.seriesFor(labels);
    s.sum += value;
    s.count += 1;
    this.buckets.forEach((le, i) => {
      if (value <= le) s.counts[i]! += 1;
    });
  }

  render(): string {
    const samples = [...this.series.values()].flatMap((s) => [
      ...this.buckets.map((le, i) => ({
        suffix: '_bucket',
        labels: { ...s.labels, le: String(le) },
        value: s.counts[i]!,
      })),
      { suffix: '_bucket', labels: { ...s.labels, le: '+Inf' }, value: s.count },
      { suffix: '_sum', labels: s.labels, value: s.sum },
      { suffix: '_count', labels: s.labels, value: s.count },
    ]);
    return family(this.name, 'histogram', this.help, samples);
  }
}

/** Parses exposition text into samples (for tests and tools): `name{labels} value`. */
export function parseExposition(text: string): Array<{ name: string; labels: Labels; value: number }> {
  const out: Array<{ name: string; labels: Labels; value: number }> = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Labels = {};
    for (const l of (m[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    out.push({ name: m[1]!, labels, value: m[4] === '+Inf' ? Infinity : Number(m[4]) });
  }
  return out;
}
