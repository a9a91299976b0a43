import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../kube/object.js';
import { envsubst, substituteObjects, SubstitutionError } from './envsubst.js';

describe('envsubst (Flux postBuild semantics)', () => {
  const vars = { cluster_env: 'prod', EMPTY: '', REPLICAS: '3' };

  it('substitutes ${var} and keeps bare $var', () => {
    expect(envsubst('env=${cluster_env} home=$HOME', vars)).toBe('env=prod home=$HOME');
  });

  it('uses defaults: := and :- when unset or empty, = and - only when unset', () => {
    expect(envsubst('${missing:=a} ${EMPTY:=b} ${EMPTY:-c} ${EMPTY=d} ${missing-e}', vars)).toBe('a b c  e');
    expect(envsubst('${cluster_env:=x}', vars)).toBe('prod');
  });

  it('$$ escapes: $${var} stays ${var}', () => {
    expect(envsubst('echo $${HOME} and $${cluster_env}', vars)).toBe('echo ${HOME} and ${cluster_env}');
  });

  it('an unset variable without default is an error (strict), never an empty string', () => {
    expect(() => envsubst('a ${NOPE} b', vars)).toThrow(/variable not set \(strict mode\): "NOPE"/);
    expect(() => envsubst('${not valid}', vars)).toThrow(SubstitutionError);
  });

  it('substitutes objects through YAML (numbers stay numbers) and skips opted-out ones', () => {
    const deploy: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'app-${cluster_env}' },
      spec: { replicas: '${REPLICAS}' },
    };
    const script: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 's', annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' } },
      data: { run: 'echo ${UNSET}' },
    };
    const [d, s] = substituteObjects([deploy, script], vars);
    expect(d).toMatchObject({ metadata: { name: 'app-prod' }, spec: { replicas: 3 } });
    expect(s).toBe(script);
    expect(() => substituteObjects([{ ...script, metadata: { name: 'x' } }], vars)).toThrow(
      /post build failed for 'ConfigMap\/x': variable not set/,
    );
  });
});
