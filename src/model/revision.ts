/**
 * Flux revision strings, in every format the controllers have written:
 * - `main@sha1:<40 hex>`, `v1.2.3@sha1:<hex>`, `refs/pull/1/head@sha1:<hex>` (Git, named ref)
 * - `sha1:<hex>` (Git, commit only)
 * - `latest@sha256:<digest>`, `sha256:<digest>` (OCI artifacts, Buckets)
 * - `main/<sha>` (pre-v1 Git sources)
 * - `6.3.5`, `6.3.5+abc123` (HelmChart versions)
 * Anything else is kept verbatim as `unknown`, never dropped.
 */
export type RevisionFormat =
  | 'git'
  | 'digest'
  | 'legacy-git'
  | 'commit'
  | 'version'
  | 'unknown'
  | 'empty';

export interface Revision {
  raw: string;
  format: RevisionFormat;
  /** Branch, tag or other named reference, when the revision names one. */
  ref?: string;
  /** Digest algorithm (`sha1`, `sha256`, `sha384`, `sha512`, `blake3`). */
  algorithm?: string;
  /** The hex digest after the algorithm. */
  digest?: string;
  /** A Git commit sha (hex) when the revision identifies one. */
  commit?: string;
  /** A chart or semver version. */
  version?: string;
  /** What to show in a narrow column: `main@a1b2c3d` or the raw text. */
  short: string;
}

const HEX = /^[0-9a-f]+$/i;
const DIGEST = /^(sha1|sha256|sha384|sha512|blake3):([0-9a-f]+)$/i;
const LEGACY = /^(.+)\/([0-9a-f]{40})$/i;
const BARE_COMMIT = /^[0-9a-f]{7,64}$/i;
const VERSION = /^v?\d+(\.\d+){0,2}([-+][0-9A-Za-z.+-]*)?$/;

export function isHexSha(text: string | undefined): text is string {
  return !!text && text.length >= 7 && text.length <= 64 && HEX.test(text);
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/**
 * Parses a revision. `sourceKind` disambiguates `sha256` digests: for a
 * GitRepository they are commits (SHA-256 object format), elsewhere artifact digests.
 */
export function parseRevision(raw: string | undefined | null, sourceKind?: string): Revision {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) return { raw: '', format: 'empty', short: '' };

  const at = text.lastIndexOf('@');
  const ref = at > 0 ? text.slice(0, at) : undefined;
  const digestPart = at >= 0 ? text.slice(at + 1) : text;
  const digest = DIGEST.exec(digestPart);
  if (digest) {
    const algorithm = digest[1].toLowerCase();
    const hex = digest[2].toLowerCase();
    const isCommit =
      algorithm === 'sha1' || (algorithm === 'sha256' && sourceKind === 'GitRepository');
    const shortHex = isCommit ? shortSha(hex) : hex.slice(0, 12);
    const revision: Revision = {
      raw: text,
      format: isCommit ? 'git' : 'digest',
      algorithm,
      digest: hex,
      short: ref ? `${ref}@${shortHex}` : shortHex,
    };
    if (ref) revision.ref = ref;
    if (isCommit) revision.commit = hex;
    return revision;
  }

  const legacy = LEGACY.exec(text);
  if (legacy) {
    const sha = legacy[2].toLowerCase();
    return {
      raw: text,
      format: 'legacy-git',
      ref: legacy[1],
      commit: sha,
      short: `${legacy[1]}@${shortSha(sha)}`,
    };
  }
  if (BARE_COMMIT.test(text) && !/^\d+$/.test(text)) {
    const sha = text.toLowerCase();
    return { raw: text, format: 'commit', commit: sha, short: shortSha(sha) };
  }
  if (VERSION.test(text)) {
    return { raw: text, format: 'version', version: text, short: text };
  }
  return { raw: text, format: 'unknown', short: text };
}

/** Two revisions name the same content: the same commit or the same digest, whatever the format. */
export function sameRevision(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const left = parseRevision(a);
  const right = parseRevision(b);
  if (left.commit && right.commit) return left.commit === right.commit;
  if (left.digest && right.digest) return left.digest === right.digest;
  return false;
}
