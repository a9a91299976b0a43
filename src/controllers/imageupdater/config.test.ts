import { describe, expect, it } from 'vitest';
import { parseUpdaterConfig, registryFor } from './config.js';

describe('argocd-image-updater-config', () => {
  it("defaults to Argo's author and no template", () => {
    expect(parseUpdaterConfig({})).toEqual({
      author: { name: 'argocd-image-updater', email: 'noreply@argoproj.io' },
      commitMessageTemplate: undefined,
      registries: [],
    });
  });

  it('reads git.user, git.email, the template and registries.conf', () => {
    const config = parseUpdaterConfig({
      'git.user': 'bot',
      'git.email': 'bot@example.com',
      'git.commit-message-template': 'chore: {{ .AppName }}',
      'registries.conf': [
        'registries:',
        '- name: local',
        '  prefix: localhost:5000',
        '  api_url: http://localhost:5000',
        '  credentials: pullsecret:argocd/regcred',
        '- name: GHCR',
        '  api_url: https://ghcr.io',
        '  insecure: yes',
      ].join('\n'),
    });
    expect(config.author).toEqual({ name: 'bot', email: 'bot@example.com' });
    expect(config.commitMessageTemplate).toBe('chore: {{ .AppName }}');
    expect(config.registries).toEqual([
      { prefix: 'localhost:5000', insecure: true, credentials: 'pullsecret:argocd/regcred' },
      { prefix: 'ghcr.io', insecure: true, credentials: undefined },
    ]);
    expect(registryFor(config, 'localhost:5000/org/app')?.prefix).toBe('localhost:5000');
    expect(registryFor(config, 'localhost:50000/org/app')).toBeUndefined();
  });

  it('names the ConfigMap when registries.conf is not YAML', () => {
    expect(() => parseUpdaterConfig({ 'registries.conf': 'registries: [' })).toThrow(
      /argocd-image-updater-config registries.conf: invalid YAML/,
    );
  });
});
