import { describe, expect, it } from 'vitest';
import { aggregateHealth, isWorse, type HealthStatus } from './index.js';

const ORDER: HealthStatus[] = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'];

describe('isWorse', () => {
  const pairs = ORDER.flatMap((current, i) =>
    ORDER.map((candidate, j) => [current, candidate, j > i] as const),
  );

  it.each(pairs)('%s → %s worse: %s', (current, candidate, worse) => {
    expect(isWorse(current, candidate)).toBe(worse);
  });
});

describe('aggregateHealth', () => {
  it.each<[HealthStatus[], HealthStatus]>([
    [[], 'Healthy'],
    [['Healthy', 'Healthy'], 'Healthy'],
    [['Healthy', 'Suspended'], 'Suspended'],
    [['Suspended', 'Progressing', 'Healthy'], 'Progressing'],
    [['Missing', 'Progressing'], 'Missing'],
    [['Missing', 'Degraded'], 'Degraded'],
    [['Unknown', 'Degraded', 'Healthy'], 'Unknown'],
  ])('%j → %s', (statuses, expected) => {
    expect(aggregateHealth(statuses)).toBe(expected);
  });
});
