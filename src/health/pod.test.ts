import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { loadFixture, makeObject } from './testdata/load.js';

const pod = (
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  annotations?: Record<string, string>,
) => makeObject('v1', 'Pod', { spec, status }, annotations ? { annotations } : {});

const ready = { conditions: [{ type: 'Ready', status: 'True' }] };
const notReady = { conditions: [{ type: 'Ready', status: 'False' }] };

describe('Pod health', () => {
  it.each([
    [
      'pod-crashloop',
      {
        status: 'Degraded',
        message: 'back-off 2m40s restarting failed container=web pod=web-7d9c-abcde_shop',
      },
    ],
    ['pod-pending', { status: 'Progressing', message: '0/3 nodes are available: 3 Insufficient cpu.' }],
    ['pod-failed', { status: 'Degraded', message: 'container "migrate" failed with exit code 3' }],
  ])('%s', (fixture, expected) => {
    expect(resourceHealth(loadFixture(fixture))).toEqual(expected);
  });

  it.each([
    ['running and ready', pod({}, { phase: 'Running', ...ready }), 'Healthy'],
    ['running, not ready, never restarted', pod({}, { phase: 'Running', ...notReady }), 'Progressing'],
    [
      'running, not ready, restarted before',
      pod(
        {},
        {
          phase: 'Running',
          ...notReady,
          containerStatuses: [{ lastState: { terminated: { exitCode: 1 } } }],
        },
      ),
      'Degraded',
    ],
    [
      'a finite pod (Never) that runs',
      pod({ restartPolicy: 'Never' }, { phase: 'Running', ...ready }),
      'Progressing',
    ],
    [
      'a finite pod (OnFailure) that runs',
      pod({ restartPolicy: 'OnFailure' }, { phase: 'Running', ...ready }),
      'Progressing',
    ],
    [
      'a finite pod with the ignore-restart-policy annotation',
      pod(
        { restartPolicy: 'Never' },
        { phase: 'Running', ...ready },
        { 'argocd.argoproj.io/ignore-restart-policy': 'true' },
      ),
      'Healthy',
    ],
    ['succeeded', pod({ restartPolicy: 'Never' }, { phase: 'Succeeded' }), 'Healthy'],
    ['no phase', pod({}, {}), 'Unknown'],
  ])('%s is %s', (_name, obj, status) => {
    expect(resourceHealth(obj)?.status).toBe(status);
  });

  it('joins the messages of every container waiting on an error', () => {
    const obj = pod(
      {},
      {
        phase: 'Pending',
        containerStatuses: [
          { state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "a"' } } },
          { state: { waiting: { reason: 'ContainerCreating' } } },
          { state: { waiting: { reason: 'ErrImagePull' } } },
          { state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "s" not found' } } },
        ],
      },
    );
    expect(resourceHealth(obj)).toEqual({
      status: 'Degraded',
      message: 'Back-off pulling image "a", ErrImagePull, secret "s" not found',
    });
  });

  it('leaves waiting errors of hook-like pods to the phase (they may still recover)', () => {
    const obj = pod(
      { restartPolicy: 'Never' },
      { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] },
    );
    expect(resourceHealth(obj)?.status).toBe('Progressing');
  });

  it.each([
    ['the pod message', { message: 'Pod was evicted', reason: 'Evicted' }, 'Pod was evicted'],
    ['a container message', { containerStatuses: [{ state: { terminated: { message: 'boom' } } }] }, 'boom'],
    [
      'OOMKilled',
      { containerStatuses: [{ state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] },
      'OOMKilled',
    ],
    ['nothing', {}, undefined],
  ])('a failed pod explains itself with %s', (_name, status, message) => {
    const obj = pod({ restartPolicy: 'Never' }, { phase: 'Failed', ...status });
    expect(resourceHealth(obj)).toEqual(message ? { status: 'Degraded', message } : { status: 'Degraded' });
  });
});
