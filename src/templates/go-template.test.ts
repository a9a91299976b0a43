/**
 * Go templates checked by the real engine (Go text/template + Sprig in WebAssembly),
 * including the examples of Argo CD's GoTemplate documentation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTemplateEngine } from './go-engine.js';
import { GoTemplateError, parseGoTemplateOptions, renderGoTemplate } from './go-template.js';

beforeAll(async () => {
  await ensureGoTemplateEngine();
}, 600_000);

const data = {
  cluster: 'engineering-dev',
  url: 'https://1.2.3.4',
  branch: 'feature/Add-Something_Really Big',
  nameSuffix: '-my-name-suffix',
  replicas: 3,
  ratio: 1.5,
  enabled: true,
  path: { path: 'apps/guestbook', basename: 'guestbook', segments: ['apps', 'guestbook'] },
  metadata: { labels: { 'my-label': 'yes' }, annotations: { 'my/annotation': 'note' } },
  values: { list: [1, 'two'] },
};

describe('renderGoTemplate (real Go text/template + Sprig)', () => {
  it.each([
    // Argo CD docs: basic usage and fallbacks for unset parameters
    ['{{.cluster}}-guestbook', 'engineering-dev-guestbook'],
    ['guestbook/{{.cluster}}', 'guestbook/engineering-dev'],
    ['{{.cluster}}{{dig "nameSuffix" "" .}}', 'engineering-dev-my-name-suffix'],
    ['{{.cluster}}{{dig "missing" "" .}}', 'engineering-dev'],
    // Argo CD docs: migration of cluster and git generator parameters
    ['{{ index .metadata.labels "my-label" }}', 'yes'],
    ['{{ index .metadata.annotations "my/annotation" }}', 'note'],
    ['{{ .path.path }}', 'apps/guestbook'],
    ['{{ base .path.path }}', 'guestbook'],
    ['{{ index .path.segments 1 }}', 'guestbook'],
    ['{{ normalize .path.path }}', 'apps-guestbook'],
    // Argo CD's extra functions
    ['{{ normalize "Hello World!" }}', 'hello-world'],
    ['{{ cat .branch | slugify }}', 'feature-add-something-really-big'],
    ['{{ cat .branch | slugify 23 }}', 'feature-add-something'],
    ['{{ cat .branch | slugify 23 false }}', 'feature-add-something-r'],
    ['{{ toYaml .values }}', 'list:\n- 1\n- two'],
    ['{{ (fromYaml "a: 1\\nb: [x]").b }}', '[x]'],
    ['{{ index (fromYamlArray "- a\\n- b") 1 }}', 'b'],
    // sigs.k8s.io/yaml reads YAML 1.1: a bare y is a boolean, in Argo CD too
    ['{{ index (fromYamlArray "- x\\n- y") 1 }}', 'true'],
    ['{{ tpl "{{ .cluster }}!" . }}', 'engineering-dev!'],
    // Sprig
    ['{{ .cluster | upper | replace "-" "_" }}', 'ENGINEERING_DEV'],
    ['{{ default "x" .nothing }}', 'x'],
    ['{{ list 1 2 3 | join "," }}', '1,2,3'],
    ['{{ semverCompare ">=1.2.0" "1.3.0" }}', 'true'],
    ['{{ "aGVsbG8=" | b64dec }}', 'hello'],
    ['{{ sha256sum "x" | trunc 8 }}', '2d711642'],
    // JSON numbers are float64 in Go, as Argo CD's parameters are
    ['{{ .replicas }}', '3'],
    ['{{ .ratio }}', '1.5'],
    ['{{ add .replicas 1 }}', '4'],
    ['{{ if .enabled }}on{{ else }}off{{ end }}', 'on'],
    ['{{ range $i, $v := .values.list }}{{ $i }}={{ $v }};{{ end }}', '0=1;1=two;'],
    // missing keys without missingkey=error
    ['{{ .nothing }}', '<no value>'],
  ])('%s', (template, expected) => {
    expect(renderGoTemplate(template, data)).toBe(expected);
  });

  it('fails on a missing key with missingkey=error, with the Go message', () => {
    const run = (): string => renderGoTemplate('{{ .nothing }}', data, { missingKey: 'error' });
    expect(run).toThrow(GoTemplateError);
    expect(run).toThrow(
      'failed to execute go template {{ .nothing }}: template: base:1:3: executing "base" at <.nothing>: map has no entry for key "nothing"',
    );
  });

  it('prints <no value> for a missing interface value with missingkey=zero, as Go does', () => {
    expect(renderGoTemplate('{{ .nothing }}', data, { missingKey: 'zero' })).toBe('<no value>');
  });

  it.each([
    ['env', '{{ env "HOME" }}'],
    ['expandenv', '{{ expandenv "$HOME" }}'],
    ['getHostByName', '{{ getHostByName "localhost" }}'],
  ])('does not offer %s (Argo CD removes it)', (name, template) => {
    expect(() => renderGoTemplate(template, {})).toThrow(`function "${name}" not defined`);
  });

  it('reports parse errors as such', () => {
    try {
      renderGoTemplate('{{ .a ', {});
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GoTemplateError);
      expect((err as GoTemplateError).phase).toBe('parse');
      expect((err as Error).message).toMatch(/^failed to parse template \{\{ \.a : template: base:1: /);
    }
  });

  it('reports sprig fail() as an execution error', () => {
    expect(() => renderGoTemplate('{{ fail "no" }}', {})).toThrow('error calling fail: no');
  });

  it('has no Argo CD extras with funcs: sprig', () => {
    expect(() => renderGoTemplate('{{ normalize "x" }}', {}, { funcs: 'sprig' })).toThrow(
      'function "normalize" not defined',
    );
    expect(renderGoTemplate('{{ "x" | upper }}', {}, { funcs: 'sprig' })).toBe('X');
  });

  it('parses goTemplateOptions as Argo CD writes them', () => {
    expect(parseGoTemplateOptions(['missingkey=error'])).toEqual({ missingKey: 'error' });
    expect(parseGoTemplateOptions([])).toEqual({});
    expect(() => parseGoTemplateOptions(['missingkey=oops'])).toThrow('unsupported goTemplateOptions entry');
  });
});
