import semverCoerce from 'semver/functions/coerce.js';
import semverGte from 'semver/functions/gte.js';
import semverValid from 'semver/functions/valid.js';

export interface ImageRef {
  /** Everything before the tag: `ghcr.io/fluxcd/kustomize-controller`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** `ghcr.io/fluxcd/kustomize-controller:v1.6.0@sha256:…` → repository, tag, digest (a registry port is not a tag). */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  const result: ImageRef = { repository: rest };
  if (tag) result.tag = tag;
  if (digest) result.digest = digest;
  return result;
}

/** What a controller's version tag looks like: `v2.3.1`, `2.3`, `v1.5.0-rc.1`, `v1.6.0+build`. */
const VERSION_TAG = /^v?\d+\.\d+(?:\.\d+)?(?:[-+].*)?$/;

/**
 * `v2.3.1` → `2.3.1`, `2.3` → `2.3.0`, `v1.5.0-rc.1` → `1.5.0-rc.1` (semantic versions,
 * pre-release kept); anything else (latest, main, a digest) → undefined.
 */
export function parseVersion(text: string | undefined): string | undefined {
  const tag = text?.trim() ?? '';
  if (!VERSION_TAG.test(tag)) return undefined;
  return semverValid(tag) ?? semverCoerce(tag, { includePrerelease: true })?.version;
}

/**
 * Whether `version` is at least `minimum` by semver precedence (a pre-release of a version is
 * below it: v2.3.0-rc.1 < v2.3.0); undefined when the version cannot be read.
 */
export function versionAtLeast(version: string | undefined, minimum: string): boolean | undefined {
  const have = parseVersion(version);
  const want = parseVersion(minimum);
  if (!have || !want) return undefined;
  return semverGte(have, want);
}
