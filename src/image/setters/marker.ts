/**
 * Setter markers as Flux writes them: a line comment `# {"$imagepolicy": "ns:name"}`
 * after a scalar value, optionally suffixed `:tag`, `:name` or `:digest`. The part
 * before the suffix names an ImagePolicy as `namespace:name`.
 */
import { parse } from 'yaml';

export const MARKER_KEY = '$imagepolicy';

export type SetterField = 'image' | 'tag' | 'name' | 'digest';

export interface Marker {
  /** `namespace:name` of the ImagePolicy. */
  policy: string;
  field: SetterField;
  /** The setter as written in the comment, e.g. `flux-system:my-app:tag`. */
  setter: string;
}

const SUFFIXES: readonly SetterField[] = ['tag', 'name', 'digest'];

/** Reads the marker of one comment's text (after `#`), or undefined when it holds none. */
export function parseMarker(comment: string): Marker | undefined {
  const text = comment.trim();
  if (!text.startsWith('{') || !text.includes(MARKER_KEY)) return undefined;
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return undefined;
  }
  const setter = (value as Record<string, unknown> | null)?.[MARKER_KEY];
  if (typeof setter !== 'string') return undefined;
  const parts = setter.split(':');
  if (parts.length === 3 && SUFFIXES.includes(parts[2] as SetterField)) {
    return { policy: `${parts[0]}:${parts[1]}`, field: parts[2] as SetterField, setter };
  }
  if (parts.length === 2) return { policy: setter, field: 'image', setter };
  return undefined;
}

/** The latest image an ImagePolicy chose. */
export interface PolicyImage {
  /** The image name as the ImageRepository spells it, e.g. `ghcr.io/org/my-app`. */
  name: string;
  tag: string;
  digest?: string;
}

/** The value a setter writes for a policy's image, or undefined when it has none (`:digest` without digest). */
export function setterValue(field: SetterField, image: PolicyImage): string | undefined {
  switch (field) {
    case 'tag':
      return image.tag;
    case 'name':
      return image.name;
    case 'digest':
      return image.digest;
    default:
      return `${image.name}:${image.tag}${image.digest ? `@${image.digest}` : ''}`;
  }
}
