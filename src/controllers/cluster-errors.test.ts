import { describe, expect, it } from 'vitest';
import { ApiError, ServerUnreachableError } from '../kube/errors.js';
import type { Cluster } from '../kube/cluster.js';
import { connectionFailure, unreachableServer } from './cluster-errors.js';

const server = 'https://127.0.0.1:6443';
const cluster = { name: 'staging', server } as Cluster;
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
const unreachable = new ServerUnreachableError(server, refused);

describe('connection failures of a destination cluster', () => {
  it.each([
    ['the cluster itself', unreachable, true],
    ['wrapped by a caller', new Error('rendering failed', { cause: unreachable }), true],
    ['one of several', new AggregateError([new Error('x'), unreachable], 'all failed'), true],
    ['another cluster', new ServerUnreachableError('https://other:6443', refused), false],
    ['a git or helm repository refusing connections', refused, false],
    ['an answer from the API server', new ApiError('forbidden', 403), false],
  ])('%s → %s', (_what, err, expected) => {
    expect(unreachableServer(err, server) !== undefined).toBe(expected);
  });

  it('words the condition with the cluster', () => {
    expect(connectionFailure(unreachable, cluster)).toEqual({
      type: 'ConnectionError',
      message: 'cannot reach cluster staging (https://127.0.0.1:6443): connect ECONNREFUSED 127.0.0.1:6443',
    });
    expect(connectionFailure(new Error('other'), cluster)).toBeUndefined();
    expect(unreachable.code).toBe('ECONNREFUSED');
  });
});
