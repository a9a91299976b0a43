import { describe, expect, it } from 'vitest';
import { parseJqPath } from './jq-parse.js';
import { resolveJqPath } from './jq-path.js';

const doc = {
  metadata: { annotations: { 'key.with.dots': 'x', plain: 'y' } },
  spec: {
    replicas: 2,
    template: {
      spec: {
        initContainers: [{ name: 'injected-init-container' }, { name: 'mine' }],
        containers: [
          { name: 'app', image: 'nginx', ports: [{ containerPort: 80 }] },
          { name: 'istio-proxy', image: 'proxyv2' },
        ],
      },
    },
  },
  webhooks: [{ clientConfig: { caBundle: 'AAA' } }, { clientConfig: {} }, { name: 'no-config' }],
};

describe('resolveJqPath', () => {
  it.each<[string, (string | number)[][]]>([
    ['.spec.replicas', [['spec', 'replicas']]],
    ['.metadata.annotations["key.with.dots"]', [['metadata', 'annotations', 'key.with.dots']]],
    [
      '.metadata.annotations[]',
      [
        ['metadata', 'annotations', 'key.with.dots'],
        ['metadata', 'annotations', 'plain'],
      ],
    ],
    [
      '.spec.template.spec.initContainers[] | select(.name == "injected-init-container")',
      [['spec', 'template', 'spec', 'initContainers', 0]],
    ],
    [
      '.spec.template.spec.containers[] | select(.name | startswith("istio")) | .image',
      [['spec', 'template', 'spec', 'containers', 1, 'image']],
    ],
    ['.spec.template.spec.containers[-1].name', [['spec', 'template', 'spec', 'containers', 1, 'name']]],
    ['.spec.template.spec.containers[5]', []],
    [
      '.spec.template.spec.containers[] | select(.ports != null)',
      [['spec', 'template', 'spec', 'containers', 0]],
    ],
    ['.webhooks[]?.clientConfig.caBundle', [['webhooks', 0, 'clientConfig', 'caBundle']]],
    [
      '.spec.template.spec.initContainers[].name | select(. == "mine")',
      [['spec', 'template', 'spec', 'initContainers', 1, 'name']],
    ],
    ['.missing.deeper[]', []],
    ['.spec.replicas.deeper', []],
    ['.spec.template.spec.initContainers[] | select(.name | endswith("1"))', []],
  ])('%s', (expression, paths) => {
    expect(resolveJqPath(doc, parseJqPath(expression))).toEqual(paths);
  });
});
