/**
 * A V8 CPU profile (`node --cpu-prof`) summarised for the report: self time per
 * function and per area (Ferry folder, npm package, Node internals, GC) inside a
 * window of the process's life, so cold converge and steady state are told apart.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  /** Sampled time in the window that was not idle, ms. */
  busyMs: number;
  idleMs: number;
  functions: ProfileEntry[];
  areas: ProfileEntry[];
}

const SPECIAL: Record<string, string> = {
  '(garbage collector)': 'V8: garbage collection',
  '(program)': 'V8: native / compiler',
  '(root)': 'V8: native / compiler',
};

export function areaOf(frame: CallFrame): string {
  const special = SPECIAL[frame.functionName];
  if (special && !frame.url) return special;
  const url = frame.url;
  const src = /\/dist\/(?:src|bench)\/([^/]+)\//.exec(url);
  if (src) return `ferry: src/${src[1]}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm: ${pkg[1]}`;
  if (url.startsWith('node:'))
    return `node: ${
      url
        .slice(5)
        .replace(/^internal\//, '')
        .split('/')[0]
    }`;
  return url ? 'other' : 'V8: native / compiler';
}

function shortUrl(url: string): string {
  const i = url.search(/\/(dist|node_modules)\//);
  return i >= 0 ? url.slice(i + 1) : url;
}

function top(map: Map<string, number>, busy: number, limit: number): ProfileEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: busy > 0 ? us / 1000 / busy : 0 }));
}

/** Summarises samples taken between fromMs and toMs after the profile started. */
export function summariseProfile(
  file: string,
  window: { fromMs: number; toMs: number },
  limit = 12,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let t = 0;
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    const ms = t / 1000;
    if (ms < window.fromMs || ms > window.toMs) return;
    const frame = frames.get(id);
    if (!frame || frame.functionName === '(idle)') {
      idle += delta;
      return;
    }
    busy += delta;
    const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + delta);
  });
  const busyMs = busy / 1000;
  return {
    busyMs,
    idleMs: idle / 1000,
    functions: top(byFunction, busyMs, limit),
    areas: top(byArea, busyMs, limit),
  };
}
