import { describe, expect, it } from 'vitest';
import { Counter, family, Histogram, parseExposition } from './exposition.js';

describe('exposition', () => {
  it('writes families that parse back', () => {
    const c = new Counter('ferry_syncs_total', 'Syncs.');
    c.inc({ name: 'web', result: 'succeeded' });
    c.inc({ name: 'web', result: 'succeeded' });
    c.inc({ name: 'a"b\\c', result: 'failed' });
    const h = new Histogram('ferry_reconcile_duration_seconds', 'Durations.', [0.1, 1]);
    h.observe(0.05);
    h.observe(0.5);
    const text =
      c.render() +
      h.render() +
      family('argocd_app_info', 'gauge', 'Info.', [{ labels: { name: 'x' }, value: 1 }]);
    expect(text).toContain('# TYPE ferry_syncs_total counter\n');
    expect(text).toContain('ferry_syncs_total{name="a\\"b\\\\c",result="failed"} 1\n');
    const samples = parseExposition(text);
    expect(samples).toContainEqual({
      name: 'ferry_syncs_total',
      labels: { name: 'web', result: 'succeeded' },
      value: 2,
    });
    expect(samples).toContainEqual({
      name: 'ferry_syncs_total',
      labels: { name: 'a"b\\c', result: 'failed' },
      value: 1,
    });
    expect(
      samples
        .filter((s) => s.name === 'ferry_reconcile_duration_seconds_bucket')
        .map((s) => [s.labels.le, s.value]),
    ).toEqual([
      ['0.1', 1],
      ['1', 2],
      ['+Inf', 2],
    ]);
    expect(samples).toContainEqual({ name: 'ferry_reconcile_duration_seconds_sum', labels: {}, value: 0.55 });
    expect(samples).toContainEqual({ name: 'argocd_app_info', labels: { name: 'x' }, value: 1 });
  });
});
