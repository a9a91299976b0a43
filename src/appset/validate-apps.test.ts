import { describe, expect, it } from 'vitest';
import type { Application } from '../api/argo/index.js';
import { checkGeneratedApplications, summarizeProblems } from './validate-apps.js';

const inputs = {
  appSetName: 'my-app',
  projectExists: (name: string) => name === 'default',
  destinationProblem: (d: Application['spec']['destination']) =>
    d.server === 'https://unknown.example.com' ? `there is no cluster with server ${d.server}` : undefined,
};
const app = (name: string, patch: Partial<Application['spec']> = {}): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git/x', path: '.' },
    destination: { server: 'https://kubernetes.default.svc' },
    ...patch,
  },
});

describe('checkGeneratedApplications', () => {
  it('accepts valid Applications', () => {
    expect(checkGeneratedApplications([app('a'), app('b.c-1')], inputs)).toEqual([]);
  });

  it.each([
    [[app('')], 'ApplicationSet my-app contains an application with no name'],
    [[app('My_App')], 'generated an invalid application name "My_App"'],
    [[app('a'), app('a')], 'ApplicationSet my-app contains applications with duplicate name: a'],
    [[app('a', { project: 'nope' })], 'application references project nope which does not exist'],
    [
      [app('a', { destination: { server: 'https://unknown.example.com' } })],
      'application destination spec is invalid: there is no cluster with server https://unknown.example.com',
    ],
    [
      [app('a', { source: { repoURL: 'x', path: '.', helm: {}, kustomize: {} } })],
      'generated application a is invalid',
    ],
  ])('reports %#', (apps, message) => {
    expect(checkGeneratedApplications(apps, inputs)[0]).toContain(message);
  });

  it('summarizes several problems', () => {
    expect(summarizeProblems(['one', 'two', 'three'])).toBe('one (and 2 more)');
    expect(summarizeProblems(['one'])).toBe('one');
  });
});
