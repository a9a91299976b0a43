import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../kube/cluster.js';
import { registryAuth } from './credentials.js';

/** env: and malformed references never reach the cluster. */
const noCluster = {} as Cluster;

describe('pull-secret references', () => {
  it('reads env:VAR as username:password', async () => {
    expect(await registryAuth(noCluster, 'env:REG', 'ghcr.io', { REG: 'bot:s3cret:with-colon' })).toEqual({
      username: 'bot',
      password: 's3cret:with-colon',
    });
  });

  it('names what is wrong without showing the value', async () => {
    await expect(registryAuth(noCluster, 'env:REG', 'ghcr.io', { REG: 'tokenonly' })).rejects.toThrow(
      'pull-secret "env:REG": expected <username>:<password>',
    );
    await expect(registryAuth(noCluster, 'env:NOPE', 'ghcr.io', {})).rejects.toThrow(/NOPE is not set/);
    await expect(registryAuth(noCluster, 'ext:/bin/creds', 'ghcr.io', {})).rejects.toThrow(
      /ext: is not supported/,
    );
  });
});
