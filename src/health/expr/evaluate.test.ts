import { describe, expect, it } from 'vitest';
import { ExpressionEvaluationError } from './errors.js';
import { evaluate, truthy } from './evaluate.js';
import { parseExpression } from './parser.js';

const obj = {
  kind: 'Widget',
  metadata: {
    name: 'w',
    generation: 3,
    labels: { tier: 'web' },
    annotations: { 'example.com/mode': 'fast' },
  },
  spec: { replicas: 2, paused: false, tags: ['a', 'b'] },
  status: {
    observedGeneration: 3,
    phase: 'Running',
    readyReplicas: 2,
    lastScheduleTime: '2024-05-01T10:00:00Z',
    lastSuccessfulTime: '2024-05-01T10:01:00Z',
    conditions: [
      { type: 'Ready', status: 'True', message: 'all good' },
      { type: 'Synced', status: 'False', reason: 'Drift' },
    ],
    nodes: [{ meta: { name: 'n1' }, up: true }],
  },
};

const run = (source: string) => evaluate(parseExpression(source), obj);

describe('evaluate', () => {
  it.each([
    ['status.phase', 'Running'],
    ['status.conditions[type=Ready].message', 'all good'],
    ['status.conditions[type="Synced"].reason', 'Drift'],
    ['status.conditions[1].type', 'Synced'],
    ['status.conditions[type=Gone].status', null],
    ['status.nodes[meta.name=n1].up', true],
    ['metadata.annotations["example.com/mode"]', 'fast'],
    ['spec.tags[5]', null],
    ['spec.missing.deeper', null],
    ['status.phase.length', null],
    ['metadata.constructor', null],
    ['spec.tags.__proto__', null],
    ['len(spec.tags)', 2],
    ['len(metadata.labels)', 1],
    ['len(status.phase)', 7],
    ['len(spec.nothing)', 0],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it.each([
    ['status.phase == "Running"', true],
    ['status.phase != "Running"', false],
    ['spec.replicas == 2', true],
    ['spec.replicas == "2"', false],
    ['spec.nothing == null', true],
    ['spec.paused == false', true],
    ['spec.tags == spec.tags', true],
    ['status.readyReplicas >= spec.replicas', true],
    ['status.readyReplicas < 2', false],
    ['status.readyReplicas <= 2', true],
    ['status.readyReplicas > 1', true],
    ['status.lastScheduleTime < status.lastSuccessfulTime', true],
    ['status.phase > 1', false],
    ['spec.nothing < 1', false],
    [
      'metadata.generation == status.observedGeneration && status.conditions[type=Ready].status == "True"',
      true,
    ],
    ['status.phase == "Failed" || status.conditions[type=Synced].status == "False"', true],
    ['!has(spec.paused)', false],
    ['has(spec.nothing)', false],
    ['!spec.paused', true],
    ['!(spec.replicas > 1)', false],
    ['spec.nothing && spec.boom', false],
    ['spec.replicas || spec.boom', true],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('reports len() of a number with its position', () => {
    expect(() => run('status.phase == "x" || len(spec.replicas) > 0')).toThrow(ExpressionEvaluationError);
    expect(() => run('len(spec.replicas)')).toThrow(
      'len() needs a list, map or string, not a number at column 5',
    );
  });

  it.each([
    [null, false],
    [undefined, false],
    [false, false],
    [0, false],
    ['', false],
    ['x', true],
    [1, true],
    [[], true],
    [{}, true],
  ])('truthy(%j) is %s', (value, expected) => {
    expect(truthy(value)).toBe(expected);
  });
});
