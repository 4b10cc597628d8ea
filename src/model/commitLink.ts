import { isHexSha } from './revision';

/**
 * Web links to a commit, derived from a GitRepository `spec.url`. Repository
 * URLs come from users, so every part is validated: the result is always an
 * `https:` (or `http:`) URL with a known host shape and a hex sha, or nothing.
 */
export type GitHost = 'github' | 'gitlab' | 'bitbucket' | 'azure-devops' | 'gitea';

export interface RepositoryLocation {
  /** `https` unless the source said `http`. */
  scheme: 'https' | 'http';
  host: string;
  /** Path of the repository on the host, without `.git` and without slashes at the ends. */
  path: string;
}

export interface CommitLinkSettings {
  /** Host → kind for self-hosted servers (`git.example.com` → `gitlab`). */
  hostKinds?: Record<string, GitHost>;
  /** Host → template with `{scheme}`, `{host}`, `{path}` and `{sha}` placeholders. */
  templates?: Record<string, string>;
}

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;
const PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/;

function cleanPath(path: string): string | undefined {
  const trimmed = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  if (!trimmed) return undefined;
  const segments = trimmed.split('/');
  if (
    segments.some(segment => !PATH_SEGMENT.test(segment) || segment === '.' || segment === '..')
  ) {
    return undefined;
  }
  return segments.join('/');
}

/** Parses `https://host/org/repo(.git)`, `ssh://git@host[:port]/org/repo(.git)` and `git@host:org/repo.git`. */
export function parseRepositoryUrl(url: string | undefined): RepositoryLocation | undefined {
  if (!url) return undefined;
  const text = url.trim();
  const scp = /^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):(?!\/\/)(.+)$/.exec(text);
  if (scp) {
    return locate('https', scp[1], scp[2]);
  }
  const standard = /^(https?|ssh|git):\/\/(?:[^@/]+@)?([^/]+)(\/.*)$/i.exec(text);
  if (!standard) return undefined;
  const scheme = standard[1].toLowerCase() === 'http' ? 'http' : 'https';
  let host = standard[2];
  // An ssh port is not the web port.
  if (standard[1].toLowerCase() === 'ssh' || standard[1].toLowerCase() === 'git')
    host = host.replace(/:\d+$/, '');
  return locate(scheme, host, standard[3]);
}

function locate(
  scheme: 'https' | 'http',
  rawHost: string,
  rawPath: string
): RepositoryLocation | undefined {
  let host = rawHost.toLowerCase();
  let path = rawPath.split(/[?#]/)[0];
  // Azure DevOps ssh: ssh.dev.azure.com:v3/org/project/repo → dev.azure.com/org/project/_git/repo
  if (host === 'ssh.dev.azure.com' || host.startsWith('ssh.dev.azure.com:')) {
    const parts = path.replace(/^\/+/, '').split('/');
    if (parts[0] !== 'v3' || parts.length !== 4) return undefined;
    host = 'dev.azure.com';
    path = `${parts[1]}/${parts[2]}/_git/${parts[3]}`;
  }
  if (!HOST.test(host)) return undefined;
  const cleaned = cleanPath(path);
  return cleaned ? { scheme, host, path: cleaned } : undefined;
}

export function detectGitHost(host: string, settings?: CommitLinkSettings): GitHost | undefined {
  const configured = settings?.hostKinds?.[host];
  if (configured) return configured;
  const bare = host.replace(/:\d+$/, '');
  if (bare === 'github.com' || bare.endsWith('.ghe.com')) return 'github';
  if (bare === 'gitlab.com' || bare.startsWith('gitlab.')) return 'gitlab';
  if (bare === 'bitbucket.org') return 'bitbucket';
  if (bare === 'dev.azure.com' || bare.endsWith('.visualstudio.com')) return 'azure-devops';
  if (
    bare === 'codeberg.org' ||
    bare === 'gitea.com' ||
    bare.startsWith('gitea.') ||
    bare.startsWith('forgejo.')
  ) {
    return 'gitea';
  }
  return undefined;
}

const COMMIT_PATHS: Record<GitHost, string> = {
  github: 'commit',
  gitlab: '-/commit',
  bitbucket: 'commits',
  'azure-devops': 'commit',
  gitea: 'commit',
};

/** A web link to `sha` in the repository at `repositoryUrl`, or undefined when any part is not safe. */
export function commitLink(
  repositoryUrl: string | undefined,
  sha: string | undefined,
  settings?: CommitLinkSettings
): string | undefined {
  if (!isHexSha(sha)) return undefined;
  const location = parseRepositoryUrl(repositoryUrl);
  if (!location) return undefined;
  const template = settings?.templates?.[location.host];
  if (template) return fromTemplate(template, location, sha.toLowerCase());
  const host = detectGitHost(location.host, settings);
  if (!host) return undefined;
  return `${location.scheme}://${location.host}/${location.path}/${
    COMMIT_PATHS[host]
  }/${sha.toLowerCase()}`;
}

function fromTemplate(
  template: string,
  location: RepositoryLocation,
  sha: string
): string | undefined {
  const url = template
    .split('{scheme}')
    .join(location.scheme)
    .split('{host}')
    .join(location.host)
    .split('{path}')
    .join(location.path)
    .split('{sha}')
    .join(sha);
  return isSafeWebUrl(url) ? url : undefined;
}

/** Only absolute http(s) URLs with a valid host and no credentials, spaces or quotes. */
export function isSafeWebUrl(url: string): boolean {
  const match = /^(https?):\/\/([^/?#]+)([/?#][^\s"'<>`]*)?$/i.exec(url);
  if (!match) return false;
  if (match[2].includes('@')) return false;
  return HOST.test(match[2]);
}
