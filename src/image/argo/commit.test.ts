import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTemplateEngine } from '../../templates/go-engine.js';
import { commitMessage, writeBranchName } from './commit.js';

beforeAll(() => ensureGoTemplateEngine(), 600_000);

const changes = [{ alias: 'app', image: 'ghcr.io/org/my-app', oldTag: '1.0.0', newTag: '1.1.0' }];

describe('commit message', () => {
  it("is Argo CD Image Updater's by default", () => {
    expect(commitMessage(undefined, 'my-app', changes)).toBe(
      "build: automatic update of my-app\n\nupdates image ghcr.io/org/my-app tag '1.0.0' to '1.1.0'\n",
    );
  });

  it('renders a configured template; a broken one gives the fallback', () => {
    expect(commitMessage('{{ len .AppChanges }} for {{ .AppName }}', 'a', changes)).toBe('1 for a');
    expect(commitMessage('{{ .Nope.Deeper }', 'a', changes)).toBe('build: update of application a');
  });
});

describe('write branch', () => {
  it('renders base:TEMPLATE with the changed images', () => {
    expect(
      writeBranchName(
        'image-updater{{range .Images}}-{{.Alias}}-{{.NewTag}}{{end}}',
        { name: 'a', namespace: 'argocd' },
        changes,
      ),
    ).toBe('image-updater-app-1.1.0');
    expect(writeBranchName('u-{{.SHA256}}', { name: 'a', namespace: 'argocd' }, changes)).toMatch(
      /^u-[0-9a-f]{64}$/,
    );
  });
});
