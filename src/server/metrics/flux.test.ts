import { describe, expect, it } from 'vitest';
import { parseExposition } from './exposition.js';
import { conditionSamples, fluxReconcileDuration, renderFluxGauges } from './flux.js';

const hr = (ready: string | undefined, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'web', namespace: 'apps', ...extra },
  spec: { suspend: true },
  status: ready ? { conditions: [{ type: 'Ready', status: ready }] } : {},
});

describe('Flux metrics', () => {
  it('marks the current Ready status with 1 and the others with 0, as Flux', () => {
    const values = (o: ReturnType<typeof hr>): Record<string, number> =>
      Object.fromEntries(conditionSamples(o).map((s): [string, number] => [s.labels.status ?? '', s.value]));
    expect(values(hr('False'))).toEqual({ True: 0, False: 1, Unknown: 0, Deleted: 0 });
    expect(values(hr(undefined))).toEqual({ True: 0, False: 0, Unknown: 1, Deleted: 0 });
    expect(values(hr('True', { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toMatchObject({
      True: 0,
      Deleted: 1,
    });
    const text = renderFluxGauges([hr('True')]);
    const samples = parseExposition(text);
    expect(samples.find((s) => s.name === 'gotk_reconcile_condition' && s.labels.status === 'True')).toEqual({
      name: 'gotk_reconcile_condition',
      labels: { kind: 'HelmRelease', name: 'web', namespace: 'apps', type: 'Ready', status: 'True' },
      value: 1,
    });
    expect(samples.find((s) => s.name === 'gotk_suspend_status')?.value).toBe(1);
  });

  it('keeps a duration histogram per object', () => {
    const h = fluxReconcileDuration();
    expect(parseExposition(h.render())).toEqual([]);
    h.observe(0.2, { kind: 'HelmRelease', name: 'web', namespace: 'apps' });
    const samples = parseExposition(h.render());
    expect(samples.find((s) => s.name === 'gotk_reconcile_duration_seconds_count')).toMatchObject({
      labels: { kind: 'HelmRelease', name: 'web', namespace: 'apps' },
      value: 1,
    });
    expect(
      samples.find((s) => s.name === 'gotk_reconcile_duration_seconds_bucket' && s.labels.le === '0.25')
        ?.value,
    ).toBe(1);
  });
});
