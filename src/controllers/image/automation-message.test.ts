import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTemplateEngine } from '../../templates/index.js';
import type { SetterChange } from '../../image/setters/index.js';
import { commitMessage, DEFAULT_MESSAGE } from './automation-message.js';

beforeAll(async () => {
  await ensureGoTemplateEngine();
}, 600_000);

const hr = {
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  name: 'my-app',
  namespace: 'my-app',
};
const change = (file: string, setter: string, oldValue: string, newValue: string): SetterChange => ({
  file,
  object: hr,
  setter,
  oldValue,
  newValue,
});
const tagChange = change('helmrelease.yaml', 'flux-system:my-app:tag', '1.0.0', '1.1.0');
const automation = { namespace: 'flux-system', name: 'my-app' };

describe('commitMessage', () => {
  it("is Flux's default without a template", () => {
    expect(commitMessage({ automation, changes: [tagChange] })).toBe(DEFAULT_MESSAGE);
  });

  it('renders the seed template with .NewTag (Ferry extension)', () => {
    const template = 'chore: update my-app to {{ .NewTag }}';
    expect(commitMessage({ template, automation, changes: [tagChange] })).toBe(
      'chore: update my-app to 1.1.0',
    );
    expect(commitMessage({ template: 'from {{ .OldTag }}', automation, changes: [tagChange] })).toBe(
      'from 1.0.0',
    );
  });

  it('takes the tag of a whole-image setter, and the same tag in several files counts once', () => {
    const image = change(
      'a.yaml',
      'flux-system:my-app',
      'reg:5000/org/app:1.0.0',
      'reg:5000/org/app:1.1.0@sha256:x',
    );
    const again = change('b.yaml', 'flux-system:my-app:tag', '1.0.0', '1.1.0');
    expect(commitMessage({ template: '{{ .NewTag }}', automation, changes: [image, again] })).toBe('1.1.0');
  });

  it('fails clearly on .NewTag when several tags changed', () => {
    const other = change('b.yaml', 'flux-system:other:tag', '2.0.0', '2.1.0');
    expect(() =>
      commitMessage({ template: '{{ .NewTag }}', automation, changes: [tagChange, other] }),
    ).toThrow(/exactly one changed tag; this run changed 2 \(1.1.0, 2.1.0\)/);
  });

  it('fails clearly on the removed .Updated', () => {
    expect(() =>
      commitMessage({
        template: '{{ range .Updated.Images }}{{ . }}{{ end }}',
        automation,
        changes: [tagChange],
      }),
    ).toThrow(/\.Updated, which Flux removed/);
  });

  it("renders Flux's documented template over .Changed and .Values", () => {
    const template = [
      'Automated image update by {{ .Values.team }}',
      '',
      'Automation name: {{ .AutomationObject }}',
      '',
      'Files:',
      '{{ range $filename, $_ := .Changed.FileChanges -}}',
      '- {{ $filename }}',
      '{{ end -}}',
      '',
      'Objects:',
      '{{ range $resource, $changes := .Changed.Objects -}}',
      '- {{ $resource }}',
      '  Changes:',
      '{{- range $_, $change := $changes }}',
      '    - {{ $change.OldValue }} -> {{ $change.NewValue }} ({{ $change.Setter }})',
      '{{ end -}}',
      '{{ end -}}',
      'All: {{ len .Changed.Changes }}',
    ].join('\n');
    const name = change('helmrelease.yaml', 'flux-system:my-app:name', 'old/app', 'new/app');
    expect(
      commitMessage({ template, automation, changes: [tagChange, name], values: { team: 'platform' } }),
    ).toBe(
      [
        'Automated image update by platform',
        '',
        'Automation name: flux-system/my-app',
        '',
        'Files:',
        '- helmrelease.yaml',
        'Objects:',
        '- HelmRelease/my-app/my-app',
        '  Changes:',
        '    - 1.0.0 -> 1.1.0 (flux-system:my-app:tag)',
        '',
        '    - old/app -> new/app (flux-system:my-app:name)',
        'All: 2',
      ].join('\n'),
    );
  });

  it('reports a template that does not parse', () => {
    expect(() => commitMessage({ template: '{{ .Changed', automation, changes: [tagChange] })).toThrow(
      /invalid commit message template/,
    );
  });
});
