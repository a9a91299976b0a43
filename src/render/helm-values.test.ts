import { describe, expect, it } from 'vitest';
import { helmValueArgs } from './helm-values.js';

describe('helmValueArgs (Helm precedence: later wins)', () => {
  it('orders value files, then values, then valuesObject, then parameters', () => {
    expect(
      helmValueArgs({
        valueFiles: ['/c/values-prod.yaml', '/c/values-eu.yaml'],
        inlineValueFiles: ['/tmp/values.yaml', '/tmp/values-object.yaml'],
        parameters: [
          { name: 'image.tag', value: '1.2.3' },
          { name: 'build', value: '0042', forceString: true },
        ],
      }),
    ).toEqual([
      '--values',
      '/c/values-prod.yaml',
      '--values',
      '/c/values-eu.yaml',
      '--values',
      '/tmp/values.yaml',
      '--values',
      '/tmp/values-object.yaml',
      '--set',
      'image.tag=1.2.3',
      '--set-string',
      'build=0042',
    ]);
  });

  it('adds nothing when there is nothing to layer', () => {
    expect(helmValueArgs({ valueFiles: [], inlineValueFiles: [], parameters: [] })).toEqual([]);
  });
});
