/**
 * A line diff (longest common subsequence) and unified-format hunks. Common leading and
 * trailing lines are set aside first; if the rest is still too large for the quadratic
 * table, it is shown as all removed then all added rather than taking long.
 */
export interface LineOp {
  op: ' ' | '-' | '+';
  line: string;
}

const MAX_TABLE_CELLS = 4_000_000;

/** table[i * (m + 1) + j] = length of the longest common subsequence of a[i:] and b[j:]. */
function lcsTable(a: readonly string[], b: readonly string[]): (i: number, j: number) => number {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  const at = (i: number, j: number): number => table[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      table[i * width + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  return at;
}

function lcsOps(a: readonly string[], b: readonly string[]): LineOp[] {
  const removed = a.map((line): LineOp => ({ op: '-', line }));
  const added = b.map((line): LineOp => ({ op: '+', line }));
  if ((a.length + 1) * (b.length + 1) > MAX_TABLE_CELLS) return [...removed, ...added];
  const lcs = lcsTable(a, b);
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ op: ' ', line: a[i] ?? '' });
      i += 1;
      j += 1;
    } else if (lcs(i + 1, j) >= lcs(i, j + 1)) {
      ops.push({ op: '-', line: a[i] ?? '' });
      i += 1;
    } else {
      ops.push({ op: '+', line: b[j] ?? '' });
      j += 1;
    }
  }
  return [...ops, ...removed.slice(i), ...added.slice(j)];
}

/** The edit script turning `a` into `b`. */
export function diffLines(a: readonly string[], b: readonly string[]): LineOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end += 1;
  const same = (line: string): LineOp => ({ op: ' ', line });
  return [
    ...a.slice(0, start).map(same),
    ...lcsOps(a.slice(start, a.length - end), b.slice(start, b.length - end)),
    ...a.slice(a.length - end).map(same),
  ];
}

function range(start: number, count: number): string {
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/** Unified hunks (`@@ -a,b +c,d @@` then lines) with `context` unchanged lines around changes. */
export function unifiedHunks(ops: readonly LineOp[], context = 3): string[] {
  const changed = ops.flatMap((o, i) => (o.op === ' ' ? [] : [i]));
  const groups: Array<[number, number]> = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= 2 * context + 1) last[1] = i;
    else groups.push([i, i]);
  }
  return groups.flatMap(([first, lastChange]) => {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length, lastChange + context + 1);
    const before = ops.slice(0, from);
    const slice = ops.slice(from, to);
    const oldStart = before.filter((o) => o.op !== '+').length + 1;
    const newStart = before.filter((o) => o.op !== '-').length + 1;
    const oldCount = slice.filter((o) => o.op !== '+').length;
    const newCount = slice.filter((o) => o.op !== '-').length;
    const header = `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`;
    return [header, ...slice.map((o) => o.op + o.line)];
  });
}
