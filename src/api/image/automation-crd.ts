/**
 * The ImageUpdateAutomation CRD under Flux's name
 * (imageupdateautomations.image.toolkit.fluxcd.io), served as v1 (storage) and v1beta2,
 * which have the same shape. Status subresource, as Flux's: status writes never bump
 * metadata.generation.
 */
import type { KubeObject } from '../../kube/object.js';
import { crd, readyColumns } from '../flux/crds.js';
import { imageUpdateAutomationSchema } from './automation-schema.js';
import { IMAGE_GROUP } from './types.js';

export function imageUpdateAutomationCrd(): KubeObject {
  return crd({
    group: IMAGE_GROUP,
    kind: 'ImageUpdateAutomation',
    plural: 'imageupdateautomations',
    singular: 'imageupdateautomation',
    shortNames: [],
    versions: ['v1', 'v1beta2'],
    schema: imageUpdateAutomationSchema(),
    columns: [
      { name: 'Last run', type: 'string', jsonPath: '.status.lastAutomationRunTime' },
      ...readyColumns,
    ],
  });
}
