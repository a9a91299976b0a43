import { describe, expect, it } from 'vitest';
import type { Application } from '../api/argo/index.js';
import { appSetConditions, resourceStatuses } from './status.js';

describe('ApplicationSet status', () => {
  it('reports success with Argo CD’s three conditions', () => {
    expect(appSetConditions(undefined, { ok: true }, 't1')).toEqual([
      {
        type: 'ErrorOccurred',
        status: 'False',
        reason: 'ApplicationSetUpToDate',
        message: 'All applications have been generated successfully',
        lastTransitionTime: 't1',
      },
      {
        type: 'ParametersGenerated',
        status: 'True',
        reason: 'ParametersGenerated',
        message: 'Successfully generated parameters for all Applications',
        lastTransitionTime: 't1',
      },
      {
        type: 'ResourcesUpToDate',
        status: 'True',
        reason: 'ApplicationSetUpToDate',
        message: 'All applications have been generated successfully',
        lastTransitionTime: 't1',
      },
    ]);
  });

  it('reports an error, keeping transition times of conditions whose status stays', () => {
    const before = appSetConditions(undefined, { ok: true }, 't1');
    const after = appSetConditions(
      before,
      { ok: false, reason: 'RenderTemplateParamsError', message: 'boom', parametersGenerated: true },
      't2',
    );
    expect(after.map((c) => [c.type, c.status, c.reason, c.message, c.lastTransitionTime])).toEqual([
      ['ErrorOccurred', 'True', 'RenderTemplateParamsError', 'boom', 't2'],
      [
        'ParametersGenerated',
        'True',
        'ParametersGenerated',
        'Successfully generated parameters for all Applications',
        't1',
      ],
      ['ResourcesUpToDate', 'False', 'ErrorOccurred', 'boom', 't2'],
    ]);
    const failed = appSetConditions(
      after,
      {
        ok: false,
        reason: 'ApplicationGenerationFromParamsError',
        message: 'git',
        parametersGenerated: false,
      },
      't3',
    );
    expect(failed[1]).toMatchObject({
      status: 'False',
      reason: 'ErrorOccurred',
      message: 'git',
      lastTransitionTime: 't3',
    });
  });

  it('lists each Application with its sync and health status', () => {
    const app = (name: string, sync?: 'Synced', health?: 'Healthy'): Application => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name, namespace: 'argocd' },
      spec: { project: 'default', destination: {} },
      status: sync ? { sync: { status: sync }, health: { status: health } } : undefined,
    });
    expect(resourceStatuses([app('b'), app('a', 'Synced', 'Healthy')])).toEqual([
      {
        group: 'argoproj.io',
        version: 'v1alpha1',
        kind: 'Application',
        name: 'a',
        namespace: 'argocd',
        status: 'Synced',
        health: { status: 'Healthy' },
      },
      {
        group: 'argoproj.io',
        version: 'v1alpha1',
        kind: 'Application',
        name: 'b',
        namespace: 'argocd',
        status: 'Unknown',
        health: { status: 'Unknown' },
      },
    ]);
  });
});
