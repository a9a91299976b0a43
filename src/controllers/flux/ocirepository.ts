/**
 * OCIRepository (source.toolkit.fluxcd.io/v1 and v1beta2): resolves `spec.ref` (digest,
 * then semver with semverFilter, then tag, default `latest`: Flux's precedence), reads the
 * manifest, picks the layer (`layerSelector.mediaType`, else the first) and publishes it:
 * extracted into a folder (`operation: extract`, the default) or the gzipped layer as is
 * (`copy`). Revision `<tag>@sha256:<manifest digest>` as Flux writes it.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { SOURCE_API_VERSION, validateOCIRepository, type OCIRepository } from '../../api/flux/index.js';
import {
  OciClient,
  OciError,
  parseOciUrl,
  type OciCredentials,
  type OciLayer,
  type OciManifest,
  type OciReference,
} from '../../sources/oci/client.js';
import { basicCredentials, readSecret } from './secrets.js';
import {
  SourceFetchError,
  type FetchResult,
  type SourceDeps,
  type SourceKindHandler,
} from './source-reconcile.js';

export interface OCIRepositoryDeps extends SourceDeps {
  oci: OciClient;
  artifactRoot: string;
  onNewArtifact?: (repo: OCIRepository) => void;
}

/** The tag or digest to read: Flux's precedence digest > semver > tag > `latest`. */
export async function ociTarget(
  ref: OCIRepository['spec']['ref'],
  tags: () => Promise<string[]>,
): Promise<{ reference: string; tag?: string }> {
  if (ref?.digest) return { reference: ref.digest };
  if (ref?.semver) {
    if (!semver.validRange(ref.semver)) {
      throw new SourceFetchError(
        'OCIArtifactPullFailed',
        `invalid semver range '${ref.semver}' in spec.ref.semver`,
        true,
      );
    }
    const filter = ref.semverFilter ? new RegExp(ref.semverFilter) : undefined;
    const candidates = (await tags()).filter((t) => semver.valid(t) && (!filter || filter.test(t)));
    const best = semver.maxSatisfying(candidates, ref.semver);
    if (!best)
      throw new SourceFetchError('OCIArtifactPullFailed', `no tag matches semver range '${ref.semver}'`);
    return { reference: best, tag: best };
  }
  const tag = ref?.tag || 'latest';
  return { reference: tag, tag };
}

function selectLayer(manifest: OciManifest, mediaType: string | undefined): OciLayer {
  const layer = mediaType ? manifest.layers.find((l) => l.mediaType === mediaType) : manifest.layers[0];
  if (!layer) {
    throw new SourceFetchError(
      'OCILayerOperationFailed',
      mediaType ? `no layer with media type '${mediaType}' in the artifact` : 'the artifact has no layers',
    );
  }
  return layer;
}

async function credentialsOf(
  deps: OCIRepositoryDeps,
  repo: OCIRepository,
  host: string,
): Promise<OciCredentials> {
  const name = repo.spec.secretRef?.name;
  if (!name) return { insecure: repo.spec.insecure };
  const data = await readSecret(deps.home, repo.metadata.namespace ?? 'default', name).catch((err: Error) => {
    throw new SourceFetchError('AuthenticationFailed', err.message);
  });
  return { ...basicCredentials(data, host, name), insecure: repo.spec.insecure };
}

async function publish(
  deps: OCIRepositoryDeps,
  source: { ref: OciReference; layer: OciLayer; creds: OciCredentials },
  operation: 'extract' | 'copy',
): Promise<string> {
  if (operation === 'extract') return deps.oci.extract(source.ref, source.layer, source.creds);
  const file = await deps.oci.blob(source.ref, source.layer.digest, source.creds);
  const dir = join(deps.artifactRoot, 'ocirepository', source.layer.digest.replace(':', '-'));
  if (!existsSync(join(dir, 'artifact.tgz'))) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(file, join(dir, 'artifact.tgz'));
  }
  return dir;
}

export function ociRepositoryHandler(deps: OCIRepositoryDeps): SourceKindHandler<OCIRepository> {
  return {
    apiVersion: SOURCE_API_VERSION,
    kind: 'OCIRepository',
    failureReason: 'OCIArtifactPullFailed',
    validate: (obj) => validateOCIRepository(obj).errors,
    onNewArtifact: (repo) => deps.onNewArtifact?.(repo),
    async fetch(repo): Promise<FetchResult> {
      try {
        const ref = parseOciUrl(repo.spec.url);
        const creds = await credentialsOf(deps, repo, ref.host);
        const target = await ociTarget(repo.spec.ref, () => deps.oci.listTags(ref, creds));
        const manifest = await deps.oci.manifest(ref, target.reference, creds);
        const layer = selectLayer(manifest, repo.spec.layerSelector?.mediaType);
        const dir = await publish(
          deps,
          { ref, layer, creds },
          repo.spec.layerSelector?.operation ?? 'extract',
        );
        const revision = target.tag ? `${target.tag}@${manifest.digest}` : manifest.digest;
        return {
          artifact: { dir, revision, digest: layer.digest },
          message: `stored artifact for digest '${revision}'`,
          status: { url: repo.spec.url },
        };
      } catch (err) {
        if (err instanceof SourceFetchError) throw err;
        const reason =
          err instanceof OciError && (err.status === 401 || err.status === 403)
            ? 'AuthenticationFailed'
            : 'OCIArtifactPullFailed';
        throw new SourceFetchError(reason, (err as Error).message, false, { cause: err });
      }
    },
  };
}
