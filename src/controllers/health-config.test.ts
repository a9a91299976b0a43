import { describe, expect, it } from 'vitest';
import { parseHealthChecks } from './health-config.js';

describe('parseHealthChecks (argocd-cm)', () => {
  it('reads group and kind from the key, and the rules from YAML', () => {
    const { checks, problems } = parseHealthChecks({
      'ferry.customizations.health.example.com_Widget':
        'rules:\n  - when: status.phase == "Broken"\n    status: Degraded\n    message: "widget {{ metadata.name }} is broken"\ndefault: Healthy\n',
      'ferry.customizations.health.ConfigMap': 'rules:\n  - when: has(data.ready)\n    status: Healthy\n',
      'resource.customizations.health.example.com_Widget': 'hs = {} return hs',
      'other.key': 'x',
    });
    expect(problems).toEqual([]);
    expect(checks).toEqual([
      {
        group: 'example.com',
        kind: 'Widget',
        rules: [
          {
            when: 'status.phase == "Broken"',
            status: 'Degraded',
            message: 'widget {{ metadata.name }} is broken',
          },
        ],
        default: 'Healthy',
      },
      { group: '', kind: 'ConfigMap', rules: [{ when: 'has(data.ready)', status: 'Healthy' }] },
    ]);
  });

  it('reports invalid checks instead of using them', () => {
    const { checks, problems } = parseHealthChecks({
      'ferry.customizations.health.example.com_Widget':
        'rules:\n  - when: status.phase ==\n    status: Degraded\n',
      'ferry.customizations.health.example.com_Gadget': 'rules: [: bad yaml',
    });
    expect(checks).toEqual([]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/example\.com_Widget/);
  });
});
