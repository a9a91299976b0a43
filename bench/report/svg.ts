/**
 * The converge-time-versus-N plot, as a small hand-written SVG (no dependency): one
 * line per contender through its points, a linear time axis, an N axis that turns
 * logarithmic when N spans more than a factor of ten, a legend.
 */
export interface Series {
  name: string;
  points: Array<{ n: number; seconds: number }>;
}

const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf'];
/** The same contender keeps its colour from report to report. */
const FIXED: Record<string, string> = {
  ferry: '#d62728',
  'ferry (Flux dialect)': '#ff9896',
  'kubectl-apply': '#2ca02c',
  'helm-parallel-10': '#ff7f0e',
  'helm-sequential': '#9467bd',
  'flux-helm-controller': '#1f77b4',
};
const W = 680;
const H = 380;
const M = { left: 60, right: 190, top: 30, bottom: 50 };

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** Where N goes on the x axis: linear from 0, or logarithmic around the data. */
function xScale(ns: number[]): (n: number) => number {
  const width = W - M.left - M.right;
  const lo = Math.min(...ns);
  const hi = Math.max(...ns, 1);
  if (lo > 0 && hi / lo > 10) {
    const a = Math.log(lo / 1.5);
    const b = Math.log(hi * 1.5);
    return (n) => M.left + ((Math.log(n) - a) / (b - a)) * width;
  }
  const xMax = niceMax(hi * 1.05);
  return (n) => M.left + (n / xMax) * width;
}

function axes(x: (n: number) => number, yMax: number, ns: number[]): string[] {
  const y = (s: number): number => H - M.bottom - (s / yMax) * (H - M.top - M.bottom);
  const out = [
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">N (apps${ns.length > 1 && Math.max(...ns) / Math.min(...ns) > 10 ? ', log scale' : ''})</text>`,
    `<text x="16" y="${(M.top + H - M.bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(M.top + H - M.bottom) / 2})">converge time (s)</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = (yMax * i) / 5;
    out.push(`<line x1="${M.left}" y1="${y(v)}" x2="${W - M.right}" y2="${y(v)}" stroke="#eee"/>`);
    out.push(`<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${+v.toFixed(1)}</text>`);
  }
  for (const n of ns) out.push(`<text x="${x(n)}" y="${H - M.bottom + 16}" text-anchor="middle">${n}</text>`);
  return out;
}

export function convergePlot(series: Series[], title: string): string {
  const all = series.flatMap((s) => s.points);
  const ns = [...new Set(all.map((p) => p.n))].sort((a, b) => a - b);
  const yMax = niceMax(Math.max(...all.map((p) => p.seconds), 1) * 1.05);
  const x = xScale(ns);
  const y = (s: number): number => H - M.bottom - (s / yMax) * (H - M.top - M.bottom);
  const body = axes(x, yMax, ns);
  series.forEach((s, i) => {
    const color = FIXED[s.name] ?? COLORS[i % COLORS.length]!;
    const pts = [...s.points].sort((a, b) => a.n - b.n);
    if (pts.length > 1) {
      const path = pts.map((p) => `${x(p.n).toFixed(1)},${y(p.seconds).toFixed(1)}`).join(' ');
      body.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${path}"/>`);
    }
    for (const p of pts)
      body.push(`<circle cx="${x(p.n).toFixed(1)}" cy="${y(p.seconds).toFixed(1)}" r="4" fill="${color}"/>`);
    const ly = M.top + 10 + i * 20;
    body.push(`<rect x="${W - M.right + 14}" y="${ly - 9}" width="12" height="12" fill="${color}"/>`);
    body.push(`<text x="${W - M.right + 32}" y="${ly + 1}">${esc(s.name)}</text>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left}" y="18" font-weight="bold">${esc(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
