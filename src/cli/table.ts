/** kubectl-style output: aligned tables, or the objects as YAML/JSON with -o. */
import { stringify } from 'yaml';

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]! + 2)))
      .join('')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

export type OutputFormat = 'table' | 'wide' | 'yaml' | 'json' | 'name';

export function printObjects(objects: unknown[], format: OutputFormat, single: boolean): boolean {
  if (format === 'yaml') process.stdout.write(stringify(single ? objects[0] : objects));
  else if (format === 'json')
    process.stdout.write(`${JSON.stringify(single ? objects[0] : objects, null, 2)}\n`);
  else return false;
  return true;
}

export function age(timestamp: string | undefined, now = Date.now()): string {
  if (!timestamp) return '';
  const s = Math.max(0, Math.round((now - Date.parse(timestamp)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}
