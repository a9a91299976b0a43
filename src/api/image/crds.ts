/**
 * CRDs of the image reflector kinds under Flux's names (imagerepositories.image.toolkit.fluxcd.io,
 * imagepolicies.…), v1 (storage) and v1beta2 served, status subresource, Flux's columns
 * and short names, so Flux manifests and `kubectl get imagepolicy` work unchanged.
 */
import type { KubeObject } from '../../kube/object.js';
import { crd, readyColumns } from '../flux/crds.js';
import { imagePolicySchema, imageRepositorySchema } from './schema.js';
import { IMAGE_GROUP } from './types.js';

const VERSIONS = ['v1', 'v1beta2'];

export function imageRepositoryCrd(): KubeObject {
  return crd({
    group: IMAGE_GROUP,
    kind: 'ImageRepository',
    plural: 'imagerepositories',
    singular: 'imagerepository',
    shortNames: ['imgrepo', 'imagerepo'],
    versions: VERSIONS,
    schema: imageRepositorySchema(),
    columns: [
      { name: 'Last scan', type: 'string', jsonPath: '.status.lastScanResult.scanTime' },
      { name: 'Tags', type: 'string', jsonPath: '.status.lastScanResult.tagCount' },
      ...readyColumns,
    ],
  });
}

export function imagePolicyCrd(): KubeObject {
  return crd({
    group: IMAGE_GROUP,
    kind: 'ImagePolicy',
    plural: 'imagepolicies',
    singular: 'imagepolicy',
    shortNames: ['imgpol', 'imagepol'],
    versions: VERSIONS,
    schema: imagePolicySchema(),
    columns: [
      { name: 'Image', type: 'string', jsonPath: '.status.latestRef.name' },
      { name: 'Tag', type: 'string', jsonPath: '.status.latestRef.tag' },
      ...readyColumns,
    ],
  });
}

/** The image reflector CRDs (ImageRepository, ImagePolicy), in the order to apply them. */
export function allImageReflectorCrds(): KubeObject[] {
  return [imageRepositoryCrd(), imagePolicyCrd()];
}
