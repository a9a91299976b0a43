import { describe, expect, it } from 'vitest';
import type { SealedSecret } from '../../api/bitnami/types.js';
import { nextStatus } from './status.js';

const t1 = new Date('2026-01-01T00:00:00.123Z');
const t2 = new Date('2026-01-02T00:00:00Z');

function ss(status?: SealedSecret['status'], generation = 1): SealedSecret {
  return {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: { name: 'db', generation },
    spec: { encryptedData: {} },
    status,
  };
}

const failed = {
  ok: false,
  reason: 'ErrUnsealFailed',
  message: 'cannot unseal a: no key could decrypt it',
} as const;

describe('nextStatus', () => {
  it('writes Synced=True with observedGeneration the first time', () => {
    expect(nextStatus(ss(), { ok: true }, t1)).toEqual({
      observedGeneration: 1,
      conditions: [
        {
          type: 'Synced',
          status: 'True',
          reason: 'Unsealed',
          lastUpdateTime: '2026-01-01T00:00:00Z',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    });
  });

  it('writes nothing when the condition and generation already say it', () => {
    const first = nextStatus(ss(), failed, t1);
    expect(nextStatus(ss(first), failed, t2)).toBeUndefined();
    expect(nextStatus(ss(first, 2), failed, t2)?.observedGeneration).toBe(2);
  });

  it('keeps lastTransitionTime while the status stays, moves it when it flips', () => {
    const first = nextStatus(ss(), failed, t1);
    const other = nextStatus(ss(first), { ...failed, message: 'another reason' }, t2)!;
    expect(other.conditions![0]).toMatchObject({
      status: 'False',
      message: 'another reason',
      lastTransitionTime: '2026-01-01T00:00:00Z',
      lastUpdateTime: '2026-01-02T00:00:00Z',
    });
    const healed = nextStatus(ss(other), { ok: true }, t2)!;
    expect(healed.conditions![0]).toEqual({
      type: 'Synced',
      status: 'True',
      reason: 'Unsealed',
      lastUpdateTime: '2026-01-02T00:00:00Z',
      lastTransitionTime: '2026-01-02T00:00:00Z',
    });
  });
});
