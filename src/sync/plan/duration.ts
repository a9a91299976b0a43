/**
 * Go duration strings ("5s", "3m0s", "1h30m", "500ms") as Argo CD and Flux write them, read and
 * written with the same rules as Go's time.ParseDuration and Duration.String. Milliseconds on
 * our side; nanosecond precision is kept while parsing and formatting.
 */

/** Raised for text Go's time.ParseDuration would reject; `text` is the input as given. */
export class InvalidDurationError extends Error {
  override readonly name = 'InvalidDurationError';

  constructor(
    readonly text: string,
    readonly reason: string,
  ) {
    super(`invalid duration ${JSON.stringify(text)}: ${reason}`);
  }
}

const NANOS_PER_UNIT = new Map<string, number>([
  ['ns', 1],
  ['us', 1e3],
  ['\u00b5s', 1e3], // micro sign
  ['\u03bcs', 1e3], // Greek mu
  ['ms', 1e6],
  ['s', 1e9],
  ['m', 60e9],
  ['h', 3600e9],
]);

/** Go's Duration is an int64 of nanoseconds (2^63 - 1, as near as a double gets). */
const MAX_NANOS = 2 ** 63;

/** One "<number><unit>" element: digits, an optional fraction, then the unit letters. */
const ELEMENT = /^(\d*)(?:\.(\d*))?([^\d.]*)/;

/** Milliseconds in a Go duration string; throws InvalidDurationError. */
export function parseDuration(text: string): number {
  const negative = text.startsWith('-');
  const unsigned = negative || text.startsWith('+') ? text.slice(1) : text;
  if (unsigned === '0') return 0;
  if (unsigned === '') throw new InvalidDurationError(text, 'empty');
  const millis = unsignedNanos(text, unsigned) / 1e6;
  return negative && millis !== 0 ? -millis : millis;
}

/** The sum of the "<number><unit>" elements of `rest`; `text` is kept for the error. */
function unsignedNanos(text: string, rest: string): number {
  let nanos = 0;
  while (rest !== '') {
    const [element = '', whole = '', fraction = '', unit = ''] = ELEMENT.exec(rest) ?? [];
    if (whole === '' && fraction === '') throw new InvalidDurationError(text, 'expected a number');
    if (unit === '') throw new InvalidDurationError(text, 'missing unit');
    const perUnit = NANOS_PER_UNIT.get(unit);
    if (perUnit === undefined) throw new InvalidDurationError(text, `unknown unit ${JSON.stringify(unit)}`);
    nanos += elementNanos(whole, fraction, perUnit);
    if (nanos > MAX_NANOS) throw new InvalidDurationError(text, 'out of range');
    rest = rest.slice(element.length);
  }
  return nanos;
}

/** Go keeps whole nanoseconds: the fractional part is scaled, then truncated. */
function elementNanos(whole: string, fraction: string, perUnit: number): number {
  const wholeNanos = whole === '' ? 0 : Number(whole) * perUnit;
  if (fraction === '') return wholeNanos;
  return wholeNanos + Math.floor((Number(fraction) * perUnit) / 10 ** fraction.length);
}

/** Go's Duration.String of a millisecond count: "3m0s", "1h30m0s", "1.5s", "500ms", "0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`cannot format ${ms} as a duration`);
  const nanos = BigInt(Math.round(ms * 1e6));
  return nanos < 0n ? `-${formatNanos(-nanos)}` : formatNanos(nanos);
}

function formatNanos(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  if (nanos < 1_000n) return `${nanos}ns`;
  if (nanos < 1_000_000n) return `${decimal(nanos, 3)}\u00b5s`;
  if (nanos < 1_000_000_000n) return `${decimal(nanos, 6)}ms`;
  const seconds = `${decimal(nanos % 60_000_000_000n, 9)}s`;
  const totalMinutes = nanos / 60_000_000_000n;
  if (totalMinutes === 0n) return seconds;
  const minutes = `${totalMinutes % 60n}m${seconds}`;
  const hours = totalMinutes / 60n;
  return hours === 0n ? minutes : `${hours}h${minutes}`;
}

/** `value / 10^digits` written with its fraction, trailing zeros dropped ("1.5", "3"). */
function decimal(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const fraction = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  const whole = (value / scale).toString();
  return fraction === '' ? whole : `${whole}.${fraction}`;
}
