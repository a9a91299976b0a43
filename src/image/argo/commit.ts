/**
 * Argo CD Image Updater's commit message and write branch: Go templates with the data
 * it documents (`.AppName`, `.AppChanges` with `.Image`, `.OldTag`, `.NewTag`; for the
 * branch `.Images` with `.Name`, `.Alias`, `.OldTag`, `.NewTag`, and `.SHA256`).
 */
import { createHash } from 'node:crypto';
import { renderGoTemplate } from '../../templates/index.js';

export const DEFAULT_COMMIT_MESSAGE_TEMPLATE = `build: automatic update of {{ .AppName }}

{{ range .AppChanges -}}
updates image {{ .Image }} tag '{{ .OldTag }}' to '{{ .NewTag }}'
{{ end -}}
`;

export const DEFAULT_AUTHOR = { name: 'argocd-image-updater', email: 'noreply@argoproj.io' };

export interface ImageChange {
  alias: string;
  /** Image name without tag. */
  image: string;
  oldTag: string;
  newTag: string;
}

/** The commit message; like Argo, a template that fails gives `build: update of application NAME`. */
export function commitMessage(template: string | undefined, appName: string, changes: ImageChange[]): string {
  const data = {
    AppName: appName,
    AppChanges: changes.map((c) => ({ Image: c.image, OldTag: c.oldTag, NewTag: c.newTag, Labels: {} })),
  };
  try {
    return renderGoTemplate(template ?? DEFAULT_COMMIT_MESSAGE_TEMPLATE, data, { funcs: 'sprig' });
  } catch {
    return `build: update of application ${appName}`;
  }
}

/** The branch to push to from `git-branch: base:TEMPLATE`; at most 255 characters. */
export function writeBranchName(
  template: string,
  app: { name: string; namespace: string },
  changes: ImageChange[],
): string {
  const hash = createHash('sha256');
  for (const c of changes) hash.update(`${c.image}-${c.oldTag}-${c.newTag},`);
  const data = {
    Images: changes.map((c) => ({ Name: c.image, Alias: c.alias, OldTag: c.oldTag, NewTag: c.newTag })),
    SHA256: hash.digest('hex'),
    AppName: app.name,
    AppNamespace: app.namespace,
  };
  const name = renderGoTemplate(template, data, { funcs: 'sprig' });
  if (!name.trim()) throw new Error(`git-branch: the template "${template}" gives an empty branch name`);
  return name.slice(0, 255);
}
