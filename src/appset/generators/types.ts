/**
 * What generators read and return. Generators are functions over plain data: the
 * cluster list and git trees come through GeneratorInputs, a narrow interface the
 * controller implements with cluster Secrets and the git source, and tests implement
 * with plain objects.
 */
import type { ApplicationSetTemplate } from '../../api/argo/index.js';
import type { TemplateSyntax } from '../interpolate.js';
import type { Params } from '../params.js';

/** An Argo CD cluster Secret, decoded. */
export interface ClusterInfo {
  name: string;
  server: string;
  project?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface GeneratorInputs {
  /** Every cluster Secret (label argocd.argoproj.io/secret-type: cluster) in the control namespace. */
  clusters(): Promise<ClusterInfo[]>;
  /** Every directory of the repository at `revision` (relative, no hidden ones, no `.`). */
  gitDirectories(repoURL: string, revision: string): Promise<string[]>;
  /** The files `git ls-files -- pattern` lists at `revision`, with their content. */
  gitFiles(repoURL: string, revision: string, pattern: string): Promise<Record<string, string>>;
}

export interface GenerateContext {
  syntax: TemplateSyntax;
  inputs: GeneratorInputs;
}

/** Parameter sets of one generator, with the template they render into. */
export interface TransformResult {
  params: Params[];
  /** The generator's own template merged over the ApplicationSet's. */
  template: Partial<ApplicationSetTemplate>;
}

/** A generator failed; the message is what users see on the ApplicationSet. */
export class GeneratorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeneratorError';
  }
}
