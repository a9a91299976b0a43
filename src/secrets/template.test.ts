import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template.js';

const data = { user: 'admin', password: 'hunter2', 'db-host': 'db.local', spaced: '  x  ' };

describe('renderTemplate (Go text/template subset)', () => {
  it.each([
    ['plain text', 'plain text'],
    ['{{ .user }}', 'admin'],
    ['{{.user}}:{{.password}}', 'admin:hunter2'],
    ['host={{ index . "db-host" }}', 'host=db.local'],
    ['{{ .missing }}', '<no value>'],
    ['{{ index . "missing" }}', ''],
    ['{{ .user | upper }}', 'ADMIN'],
    ['{{ .user | b64enc }}', 'YWRtaW4='],
    ['{{ "YWRtaW4=" | b64dec }}', 'admin'],
    ['{{ .spaced | trim | quote }}', '"x"'],
    ['{{ .user | squote }}', "'admin'"],
    ['{{ replace "a" "A" .user }}', 'Admin'],
    ['{{ trimPrefix "ad" .user }}-{{ trimSuffix "in" .user }}', 'min-adm'],
    ['{{ .missing2 | default "fallback" }}', 'fallback'],
    ['{{ index . "missing" | default "fallback" }}', 'fallback'],
    ['{{ print .user "@" `raw` }}', 'admin@raw'],
    ['{{ len .user }}', '5'],
    ['a  {{- .user -}}  b', 'aadminb'],
    ['a {{/* a comment */}}b', 'a b'],
    ['{{ -3 }}', '-3'],
  ])('%s', (template, expected) => {
    expect(renderTemplate(template, data)).toBe(expected);
  });

  it.each([
    ['{{ if .user }}x{{ end }}', /"if" actions are not supported/],
    ['{{ $x := .user }}', /variables and parentheses are not supported/],
    ['{{ .user | sha256sum }}', /function "sha256sum" is not supported \(supported: index, /],
    ['{{ .user.name }}', /cannot reach \.user\.name/],
    ['{{ . }}', /cannot print the whole data map/],
    ['{{ .user', /unclosed action/],
    ['{{ "x }}', /unterminated quoted string/],
    ['{{ .a | }}', /empty command/],
    ['{{ .missing | upper }}', /upper: invalid value \(a missing key\)/],
  ])('refuses %s', (template, message) => {
    expect(() => renderTemplate(template, data)).toThrow(message);
  });

  it('never puts values in errors', () => {
    try {
      renderTemplate('{{ .password | nosuchfn }}', data);
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2');
    }
  });
});
