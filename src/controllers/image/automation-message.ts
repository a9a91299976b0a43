/**
 * The commit message of an ImageUpdateAutomation: `git.commit.messageTemplate` rendered by
 * the real Go text/template (src/templates) with the data Flux documents:
 *
 *   .AutomationObject  "namespace/name"
 *   .Changed.FileChanges  file → object → [{OldValue, NewValue, Setter}]
 *   .Changed.Objects      object → [changes]   (object keys are "Kind/namespace/name")
 *   .Changed.Changes      [changes], each distinct change once
 *   .Values               git.commit.messageTemplateValues
 *
 * Ferry's extension for the seed's template: `.NewTag` and `.OldTag` when exactly one tag
 * changed. Flux's default message when no template is set.
 */
import type { SetterChange } from '../../image/setters/index.js';
import { renderGoTemplate } from '../../templates/index.js';

export const DEFAULT_MESSAGE = 'Update from image update automation';

export class MessageTemplateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MessageTemplateError';
  }
}

interface Change {
  OldValue: string;
  NewValue: string;
  Setter: string;
}

const changeOf = (c: SetterChange): Change => ({
  OldValue: c.oldValue,
  NewValue: c.newValue,
  Setter: c.setter,
});

/** How an object is named in `.Changed.Objects` and `.Changed.FileChanges` keys. */
export function objectKeyOf(c: SetterChange): string {
  const { kind, namespace, name } = c.object;
  return [kind || 'Object', namespace, name].filter(Boolean).join('/');
}

export interface MessageInput {
  template?: string;
  automation: { namespace: string; name: string };
  changes: SetterChange[];
  values?: Record<string, string>;
}

/** The tag part of a setter's value: the value of a `:tag` setter, the tag of a whole image. */
function tagOf(setter: string, value: string): string | undefined {
  if (setter.endsWith(':tag')) return value;
  if (setter.split(':').length !== 2) return undefined;
  const image = value.split('@')[0] ?? '';
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : undefined;
}

/** `.NewTag`/`.OldTag`: defined only when every tag change goes to the same tag. */
function singleTag(changes: SetterChange[]): { NewTag: string; OldTag: string } {
  const pairs = new Map<string, string>();
  for (const c of changes) {
    const next = tagOf(c.setter, c.newValue);
    if (next !== undefined) pairs.set(next, tagOf(c.setter, c.oldValue) ?? '');
  }
  const [first, ...rest] = [...pairs.entries()];
  if (!first || rest.length > 0) {
    const tags = [...pairs.keys()].join(', ') || 'none';
    throw new MessageTemplateError(
      `the commit message template uses .NewTag/.OldTag (a Ferry extension), which need exactly one changed tag; this run changed ${pairs.size} (${tags}): use .Changed.Changes instead`,
    );
  }
  return { NewTag: first[0], OldTag: first[1] };
}

export function templateData(input: MessageInput, withTags: boolean): Record<string, unknown> {
  const fileChanges: Record<string, Record<string, Change[]>> = {};
  const objects: Record<string, Change[]> = {};
  const seen = new Set<string>();
  const all: Change[] = [];
  for (const c of input.changes) {
    const key = objectKeyOf(c);
    ((fileChanges[c.file] ??= {})[key] ??= []).push(changeOf(c));
    (objects[key] ??= []).push(changeOf(c));
    const id = `${c.setter}\u0000${c.oldValue}\u0000${c.newValue}`;
    if (!seen.has(id)) all.push(changeOf(c));
    seen.add(id);
  }
  return {
    AutomationObject: `${input.automation.namespace}/${input.automation.name}`,
    Changed: { FileChanges: fileChanges, Objects: objects, Changes: all },
    Values: input.values ?? {},
    ...(withTags ? singleTag(input.changes) : {}),
  };
}

/** Fails early (before any clone) on what can be told from the text alone: the removed `.Updated`. */
export function checkTemplate(template: string | undefined): void {
  if (template && /\.Updated\b/.test(template)) {
    throw new MessageTemplateError(
      'the commit message template uses .Updated, which Flux removed from image.toolkit.fluxcd.io; use .Changed (.Changed.Changes, .Changed.Objects, .Changed.FileChanges) instead',
    );
  }
}

/** Renders the message; MessageTemplateError with a clear text on any problem. */
export function commitMessage(input: MessageInput): string {
  const template = input.template;
  if (!template) return DEFAULT_MESSAGE;
  checkTemplate(template);
  const data = templateData(input, /\.(NewTag|OldTag)\b/.test(template));
  try {
    return renderGoTemplate(template, data, { funcs: 'sprig' });
  } catch (err) {
    throw new MessageTemplateError(`invalid commit message template: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
