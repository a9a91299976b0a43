/**
 * Flux's ImageUpdateAutomation (image.toolkit.fluxcd.io v1beta2 and v1: the same shape).
 * ImagePolicy's types (what the automation reads) are in types.ts.
 */
import type { LabelSelector } from '../argo/applicationset-types.js';
import type { FluxObject, FluxStatus, LocalObjectReference } from '../flux/common-types.js';
import type { ImageRef } from './types.js';

export interface GitRefSpec {
  branch?: string;
  tag?: string;
  semver?: string;
  name?: string;
  commit?: string;
}

export interface CommitSpec {
  author: { name?: string; email: string };
  signingKey?: { secretRef: LocalObjectReference };
  /** A Go text/template; Flux's default message when unset. */
  messageTemplate?: string;
  /** `.Values` of the template. */
  messageTemplateValues?: Record<string, string>;
}

export interface GitSpec {
  checkout?: { ref: GitRefSpec };
  commit: CommitSpec;
  push?: { branch?: string; refspec?: string; options?: Record<string, string> };
}

export interface ImageUpdateAutomationSpec {
  sourceRef: { kind: string; name: string; namespace?: string; apiVersion?: string };
  git?: GitSpec;
  interval: string;
  policySelector?: LabelSelector;
  update?: { path?: string; strategy?: 'Setters' };
  suspend?: boolean;
}

export interface ImageUpdateAutomationStatus extends FluxStatus {
  lastAutomationRunTime?: string;
  lastPushCommit?: string;
  lastPushTime?: string;
  /** `name` of each ImagePolicy the run used → its image. */
  observedPolicies?: Record<string, ImageRef>;
  observedSourceRevision?: string;
}

export type ImageUpdateAutomation = FluxObject<ImageUpdateAutomationSpec, ImageUpdateAutomationStatus>;
