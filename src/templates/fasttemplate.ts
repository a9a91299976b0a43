/**
 * The default ApplicationSet template syntax, exactly as Argo CD renders it
 * (applicationset/utils Render.Replace with valyala/fasttemplate):
 *
 * - A string is only templated when one of its lines holds `{{` followed by `}}`
 *   (Argo CD's `.*{{.*}}.*`); otherwise it is returned unchanged.
 * - Tags run from `{{` to the next `}}`; spaces around the name are ignored
 *   (`{{ env }}` is `{{env}}`). A `{{` without a closing `}}` is an error.
 * - A tag is replaced only by a parameter whose value is a string; unknown names,
 *   empty tags and non-string values are left exactly as written.
 */

/** A template with a `{{` that has no closing `}}` (Argo CD: "invalid template: …"). */
export class FastTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FastTemplateError';
  }
}

const TEMPLATED_LINE = /{{.*}}/;

/** Whether Argo CD would template this string at all. */
export function isFastTemplated(text: string): boolean {
  return text.split('\n').some((line) => TEMPLATED_LINE.test(line));
}

/** Go's %q for the error message (close enough: JSON string quoting). */
const quote = (s: string): string => JSON.stringify(s);

/** Replaces `{{ name }}` tags with string parameters, leaving everything else as written. */
export function renderFastTemplate(template: string, params: Readonly<Record<string, unknown>>): string {
  if (!isFastTemplated(template)) return template;
  let out = '';
  let rest = template;
  for (;;) {
    const start = rest.indexOf('{{');
    if (start < 0) return out + rest;
    out += rest.slice(0, start);
    rest = rest.slice(start + 2);
    const end = rest.indexOf('}}');
    if (end < 0)
      throw new FastTemplateError(
        `invalid template: Cannot find end tag="}}" in the template=${quote(template)} starting from ${quote(rest)}`,
      );
    const tag = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const name = tag.trim();
    const value = name === '' ? undefined : params[name];
    out += typeof value === 'string' ? value : `{{${tag}}}`;
  }
}
