import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';

const sealed = (conditions?: Array<{ type: string; status: string; message?: string }>) => ({
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  metadata: { name: 's', namespace: 'n' },
  spec: { encryptedData: {} },
  ...(conditions ? { status: { conditions } } : {}),
});

describe('SealedSecret health', () => {
  it.each([
    ['not yet unsealed', undefined, 'Progressing'],
    ['unsealed', [{ type: 'Synced', status: 'True' }], 'Healthy'],
    ['cannot unseal', [{ type: 'Synced', status: 'False', message: 'no key could decrypt it' }], 'Degraded'],
  ])('%s', (_what, conditions, status) => {
    expect(resourceHealth(sealed(conditions))?.status).toBe(status);
  });

  it('passes the controller’s reason on', () => {
    expect(
      resourceHealth(sealed([{ type: 'Synced', status: 'False', message: 'no key could decrypt it' }]))
        ?.message,
    ).toBe('no key could decrypt it');
  });
});
