import { describe, expect, it } from 'vitest';
import type { FluxObject, FluxStatus } from '../../api/flux/index.js';
import {
  deleteCondition,
  getCondition,
  hasReason,
  isTrue,
  markFailedStalled,
  markFalse,
  markReady,
  markReconciling,
  markRetrying,
  markStalled,
  markTrue,
  setCondition,
} from './conditions.js';

const object = (generation = 3): FluxObject<unknown, FluxStatus> => ({
  apiVersion: 'x/v1',
  kind: 'X',
  metadata: { name: 'x', generation },
  spec: {},
});

describe('conditions', () => {
  it('keeps lastTransitionTime while the status stays, moves it when the status changes', () => {
    const o = object();
    setCondition(o, { type: 'Ready', status: 'False', reason: 'A', message: 'a' }, 't1');
    setCondition(o, { type: 'Ready', status: 'False', reason: 'B', message: 'b' }, 't2');
    expect(getCondition(o, 'Ready')).toMatchObject({ reason: 'B', message: 'b', lastTransitionTime: 't1' });
    setCondition(o, { type: 'Ready', status: 'True', reason: 'C', message: 'c' }, 't3');
    expect(getCondition(o, 'Ready')?.lastTransitionTime).toBe('t3');
  });

  it('records the generation it was set for', () => {
    const o = object(7);
    markTrue(o, 'Released', 'InstallSucceeded', 'ok');
    expect(getCondition(o, 'Released')?.observedGeneration).toBe(7);
  });

  it('sorts Ready first, then by type', () => {
    const o = object();
    markTrue(o, 'Stalled', 'r', 'm');
    markTrue(o, 'Released', 'r', 'm');
    markFalse(o, 'Ready', 'r', 'm');
    expect(o.status?.conditions?.map((c) => c.type)).toEqual(['Ready', 'Released', 'Stalled']);
  });

  it('markReady clears Reconciling and Stalled', () => {
    const o = object();
    markReconciling(o, 'Progressing', 'working');
    markStalled(o, 'RetriesExceeded', 'gave up');
    markReady(o, 'Succeeded', 'done');
    expect(o.status?.conditions?.map((c) => [c.type, c.status])).toEqual([['Ready', 'True']]);
  });

  it('markStalled clears Reconciling; markRetrying clears Stalled', () => {
    const o = object();
    markReconciling(o, 'Progressing', 'working');
    markFailedStalled(o, 'InvalidSpec', 'bad');
    expect(o.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['Ready', 'False'],
      ['Stalled', 'True'],
    ]);
    markRetrying(o, 'FetchFailed', 'network');
    expect(o.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Ready', 'False', 'FetchFailed'],
      ['Reconciling', 'True', 'ProgressingWithRetry'],
    ]);
  });

  it('answers questions', () => {
    const o = object();
    markFalse(o, 'Ready', 'ValuesError', 'm');
    expect(isTrue(o, 'Ready')).toBe(false);
    expect(hasReason(o, 'Ready', 'ArtifactFailed', 'ValuesError')).toBe(true);
    deleteCondition(o, 'Ready');
    expect(getCondition(o, 'Ready')).toBeUndefined();
  });
});
