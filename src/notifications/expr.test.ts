import { describe, expect, it } from 'vitest';
import { compileCondition, ConditionSyntaxError } from './expr.js';

const app = {
  metadata: { name: 'guestbook' },
  status: {
    health: { status: 'Degraded' },
    sync: { status: 'OutOfSync', revision: 'abc' },
    operationState: { phase: 'Failed', syncResult: { revision: 'abc' } },
  },
};
const holds = (source: string, data: Record<string, unknown> = { app }): boolean =>
  compileCondition(source)(data);

describe('trigger conditions (Argo CD catalog subset of expr)', () => {
  it.each([
    ["app.status.health.status == 'Degraded'", true],
    ["app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']", true],
    ["app.status.operationState.phase in ['Succeeded']", false],
    ["app.status.operationState.phase not in ['Succeeded']", true],
    ["app.status.sync.status == 'Unknown'", false],
    ['true', true],
    ['app.metadata.deletionTimestamp != nil', false],
    ["app.status.operationState?.syncResult?.revision == 'abc'", true],
    ['!(app.status.health.status == "Healthy") && app.metadata.name == "guestbook"', true],
    ["app.status.health.status == 'Healthy' || app.status.sync.status == 'OutOfSync'", true],
    ["not (app.status.sync.status == 'OutOfSync')", false],
    ['app.missing.deeper.field == nil', true],
    ["app.metadata['name'] == 'guestbook'", true],
    ['1 < 2 and "a" < "b" and 2 >= 2', true],
    ['1 < "b"', false],
  ])('%s → %s', (source, expected) => {
    expect(holds(source)).toBe(expected);
  });

  it.each([
    ["app.status.health.status = 'Degraded'", 'unexpected character "="'],
    ["app.status.health.status == 'Degraded", 'unterminated string'],
    ['app.status.sync.status ==', 'expected a value but found "end of expression"'],
    ['time.Now()', 'function calls are not supported'],
    ['', 'expected an expression'],
    ['(a == b', 'expected ")"'],
  ])('rejects %j: %s', (source, message) => {
    expect(() => compileCondition(source)).toThrow(ConditionSyntaxError);
    expect(() => compileCondition(source)).toThrow(message);
  });
});
