/**
 * Resource tracking the Argo CD way: the annotation
 * `argocd.argoproj.io/tracking-id: <app>:<group>/<kind>:<namespace>/<name>` marks what
 * an application owns; only objects carrying its id are ever pruned.
 */
import { groupOf, type KubeObject } from '../kube/object.js';

export const trackingAnnotation = 'argocd.argoproj.io/tracking-id';

/** The tracking id of an object for an app (the app's installation name). */
export function trackingId(appInstance: string, obj: KubeObject): string {
  return `${appInstance}:${groupOf(obj.apiVersion)}/${obj.kind}:${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export function withTracking(appInstance: string, obj: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      annotations: {
        ...(obj.metadata.annotations ?? {}),
        [trackingAnnotation]: trackingId(appInstance, obj),
      },
    },
  };
}

/** The app an object is tracked by, or undefined. */
export function trackedBy(obj: KubeObject): string | undefined {
  const id = obj.metadata.annotations?.[trackingAnnotation];
  return id ? id.slice(0, id.indexOf(':')) : undefined;
}

/**
 * Argo CD names an app `<name>` when it lives in the control plane's namespace and
 * `<namespace>_<name>` otherwise.
 */
export function appInstanceName(appName: string, appNamespace: string, controlNamespace: string): string {
  return appNamespace === controlNamespace ? appName : `${appNamespace}_${appName}`;
}
