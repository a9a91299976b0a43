import { describe, expect, it } from 'vitest';
import { customCheckFor, globMatch, runCustomCheck, validateCustomChecks } from './custom.js';
import type { CustomHealthCheck } from './types.js';
import { makeObject } from './testdata/load.js';

const certificate: CustomHealthCheck = {
  group: 'cert-manager.io',
  kind: 'Certificate',
  rules: [
    {
      when: 'metadata.generation != status.observedGeneration',
      status: 'Progressing',
      message: 'Waiting for spec',
    },
    {
      when: 'status.conditions[type=Ready].status == "True"',
      status: 'Healthy',
      message: '{{ status.conditions[type=Ready].message }}',
    },
    {
      when: 'status.conditions[type=Issuing].status == "True" || !has(status.conditions)',
      status: 'Progressing',
    },
    {
      when: 'len(status.conditions) > 0',
      status: 'Degraded',
      message: 'Not ready: {{ status.conditions[type=Ready].reason }}',
    },
  ],
};

const cert = (status: Record<string, unknown>, generation = 1) =>
  makeObject('cert-manager.io/v1', 'Certificate', { status }, { generation });

describe('runCustomCheck', () => {
  it.each([
    [
      'an old generation',
      cert({ observedGeneration: 1 }, 2),
      { status: 'Progressing', message: 'Waiting for spec' },
    ],
    [
      'ready',
      cert({
        observedGeneration: 1,
        conditions: [{ type: 'Ready', status: 'True', message: 'Certificate is up to date' }],
      }),
      { status: 'Healthy', message: 'Certificate is up to date' },
    ],
    ['no conditions yet', cert({ observedGeneration: 1 }), { status: 'Progressing' }],
    [
      'not ready',
      cert({ observedGeneration: 1, conditions: [{ type: 'Ready', status: 'False', reason: 'Expired' }] }),
      { status: 'Degraded', message: 'Not ready: Expired' },
    ],
  ])('the first matching rule decides: %s', (_name, obj, expected) => {
    expect(runCustomCheck(certificate, obj)).toEqual(expected);
  });

  it('returns undefined when nothing matches and there is no default', () => {
    expect(
      runCustomCheck({ ...certificate, rules: [{ when: 'false', status: 'Healthy' }] }, cert({})),
    ).toBeUndefined();
  });
});

describe('customCheckFor', () => {
  const star: CustomHealthCheck = { group: '*', kind: 'Certificate', rules: [] };
  it('prefers an exact match, wherever it is listed', () => {
    expect(customCheckFor([star, certificate], 'cert-manager.io', 'Certificate')).toBe(certificate);
    expect(customCheckFor([star, certificate], 'other.io', 'Certificate')).toBe(star);
    expect(customCheckFor([star, certificate], 'cert-manager.io', 'Issuer')).toBeUndefined();
  });

  it.each([
    ['*', '', true],
    ['*.toolkit.fluxcd.io', 'source.toolkit.fluxcd.io', true],
    ['*.toolkit.fluxcd.io', 'toolkitxfluxcd.io', false],
    ['cert-manager.io', 'cert-manager.io', true],
    ['cert-manager.io', 'certxmanager.io', false],
    ['Cert*', 'Certificate', true],
    ['a.b', 'a.b.c', false],
  ])('glob %j matches %j: %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });
});

describe('validateCustomChecks', () => {
  it('accepts good checks', () => {
    expect(validateCustomChecks([certificate])).toEqual([]);
  });

  it('lists every problem', () => {
    const bad = {
      group: 'example.com',
      kind: 'Widget',
      default: 'Fine',
      rules: [
        { when: 'status.phase ==', status: 'Healthy' },
        { when: 'true', status: 'Great', message: 'oops {{ status.' },
      ],
    } as unknown as CustomHealthCheck;
    expect(validateCustomChecks([bad])).toEqual([
      'custom health check example.com/Widget: unknown default status "Fine"',
      `custom health check example.com/Widget rule 1: expected a value (path, literal, has(...), len(...) or '(') but found end of expression at column 16 of "status.phase =="`,
      'custom health check example.com/Widget rule 2: unknown status "Great"',
      "custom health check example.com/Widget rule 2: expected '}}' to close the '{{' at column 6 but found end of message at column 16 of \"oops {{ status.\"",
    ]);
  });
});
