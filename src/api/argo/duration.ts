/**
 * Go duration strings (time.ParseDuration): a sign, then one or more decimal numbers each with
 * a unit (ns, us, µs, ms, s, m, h), e.g. "300ms", "1.5h", "3m0s"; "0" alone is also valid.
 */
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = String.raw`(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)`;
const WHOLE = new RegExp(`^[-+]?(?:${PART})+$`);

/** Milliseconds in a Go duration string, or undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  if (/^[-+]?0$/.test(text)) return 0;
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(new RegExp(PART, 'g'))) {
    total += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0);
  }
  return text.startsWith('-') ? -total : total;
}

/**
 * Milliseconds in a retry backoff duration. Argo CD reads a bare integer as seconds ("30") and
 * anything else as a Go duration ("30s").
 */
export function parseBackoffDuration(text: string): number | undefined {
  if (/^[-+]?\d+$/.test(text)) return Number(text) * 1000;
  return parseGoDuration(text);
}
