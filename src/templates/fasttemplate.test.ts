import { describe, expect, it } from 'vitest';
import { FastTemplateError, isFastTemplated, renderFastTemplate } from './fasttemplate.js';

const params = {
  env: 'dev',
  cluster: 'https://dev-cluster.example.com',
  'path.basename': 'guestbook',
  'path[0]': 'apps',
  'metadata.labels.environment': 'staging',
  replicas: 3,
  empty: '',
};

describe('renderFastTemplate (Argo CD default syntax)', () => {
  it.each([
    ['my-app-{{ env }}', 'my-app-dev'],
    ['my-app-{{env}}', 'my-app-dev'],
    ['{{  env\t}}', 'dev'],
    ['apps/my-app/{{ env }}', 'apps/my-app/dev'],
    ['{{cluster}}', 'https://dev-cluster.example.com'],
    ['{{path.basename}}', 'guestbook'],
    ['{{ path[0] }}/{{path.basename}}', 'apps/guestbook'],
    ['{{metadata.labels.environment}}', 'staging'],
    // unknown names, empty tags and non-string values stay as written
    ['{{ unknown }}-{{env}}', '{{ unknown }}-dev'],
    ['{{}}', '{{}}'],
    ['{{ }}', '{{ }}'],
    ['{{replicas}}', '{{replicas}}'],
    ['x{{empty}}y', 'xy'],
    // the tag ends at the first }}
    ['{{env}}}', 'dev}'],
    ['{{{env}}', '{{{env}}'],
    // no tag on one line: not templated at all, even with an unclosed {{
    ['plain', 'plain'],
    ['{{env', '{{env'],
    ['{{env\n}}', '{{env\n}}'],
    ['a}}b{{', 'a}}b{{'],
    // Go template syntax is not understood
    ['{{ .env }}', '{{ .env }}'],
  ])('%j → %j', (template, expected) => {
    expect(renderFastTemplate(template, params)).toBe(expected);
  });

  it('fails on a {{ without }} once the string is templated', () => {
    expect(() => renderFastTemplate('{{env}} and {{broken', params)).toThrow(FastTemplateError);
    expect(() => renderFastTemplate('{{env}} and {{broken', params)).toThrow(
      'invalid template: Cannot find end tag="}}" in the template="{{env}} and {{broken" starting from "broken"',
    );
  });

  it('detects templated strings line by line', () => {
    expect(isFastTemplated('a {{x}} b')).toBe(true);
    expect(isFastTemplated('a {{x\n}} b')).toBe(false);
    expect(isFastTemplated('line\n{{x}}')).toBe(true);
  });
});
