import { describe, expect, it } from 'vitest';
import { listParams } from './list.js';

describe('list generator', () => {
  it('Argo CD docs: one parameter set per element', () => {
    const elements = [
      { cluster: 'engineering-dev', url: 'https://kubernetes.default.svc' },
      { cluster: 'engineering-prod', url: 'https://kubernetes.default.svc' },
    ];
    expect(listParams({ elements }, false)).toEqual(elements);
  });

  it('Argo CD docs: a values map becomes values.<key> without goTemplate', () => {
    const elements = [{ cluster: 'engineering-dev', url: 'https://1.2.3.4', values: { additional: 'here' } }];
    expect(listParams({ elements }, false)).toEqual([
      { cluster: 'engineering-dev', url: 'https://1.2.3.4', 'values.additional': 'here' },
    ]);
  });

  it('keeps elements as written with goTemplate (nested and non-string values)', () => {
    const elements = [{ cluster: 'dev', replicas: 2, values: { a: { b: true } } }];
    expect(listParams({ elements }, true)).toEqual(elements);
  });

  it.each([
    [[{ replicas: 2 }], 'list element 0 key "replicas" is a number'],
    [[{ values: { a: 1 } }], 'list element 0 values.a is a number'],
    [[{ values: 'x' }], 'error parsing values map'],
    [['just-a-string'], 'error unmarshling list element 0'],
  ])('without goTemplate rejects %j', (elements, message) => {
    expect(() => listParams({ elements }, false)).toThrow(message);
  });

  it('appends elementsYaml entries as written (YAML 1.1, like sigs.k8s.io/yaml)', () => {
    const params = listParams(
      { elements: [{ env: 'dev' }], elementsYaml: '- env: prod\n  replicas: 3\n  enabled: yes\n' },
      false,
    );
    expect(params).toEqual([{ env: 'dev' }, { env: 'prod', replicas: 3, enabled: true }]);
  });

  it('reports bad elementsYaml', () => {
    expect(() => listParams({ elementsYaml: 'a: [' }, true)).toThrow(
      'error unmarshling decoded ElementsYaml',
    );
    expect(() => listParams({ elementsYaml: 'a: 1' }, true)).toThrow('expected a list of objects');
  });
});
