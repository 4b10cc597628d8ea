import { GitHost } from '../model/commitLink';
import { KeyObject } from '../rules';

/**
 * The settings form edits lists as plain text, one entry per line. These
 * functions turn text into settings and back; lines that do not parse are
 * returned as errors so nothing typed is silently lost.
 */

export interface Parsed<T> {
  value: T;
  errors: string[];
}

/** `Kind/namespace/name` or `Kind/namespace/name@cluster`. */
export function parseKeyObjects(text: string): Parsed<KeyObject[]> {
  const value: KeyObject[] = [];
  const errors: string[] = [];
  for (const line of text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)) {
    const match =
      /^([A-Za-z][A-Za-z0-9]*)\/([a-z0-9][a-z0-9.-]*)\/([a-z0-9][a-z0-9.-]*)(?:@(\S+))?$/.exec(
        line
      );
    if (!match) {
      errors.push(line);
      continue;
    }
    value.push({
      kind: match[1],
      namespace: match[2],
      name: match[3],
      ...(match[4] ? { cluster: match[4] } : {}),
    });
  }
  return { value, errors };
}

export function formatKeyObjects(keys: KeyObject[]): string {
  return keys
    .map(key => `${key.kind}/${key.namespace}/${key.name}${key.cluster ? `@${key.cluster}` : ''}`)
    .join('\n');
}

const HOSTS: GitHost[] = ['github', 'gitlab', 'bitbucket', 'azure-devops', 'gitea'];

/** `host=kind` lines, e.g. `git.example.com=gitlab`. */
export function parseHostKinds(text: string): Parsed<Record<string, GitHost>> {
  const value: Record<string, GitHost> = {};
  const errors: string[] = [];
  for (const line of text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)) {
    const [host, kind] = line.split('=').map(part => part.trim());
    if (host && HOSTS.includes(kind as GitHost)) value[host.toLowerCase()] = kind as GitHost;
    else errors.push(line);
  }
  return { value, errors };
}

/** `host=https://…{path}…{sha}` lines; templates must be http(s) and use {sha}. */
export function parseTemplates(text: string): Parsed<Record<string, string>> {
  const value: Record<string, string> = {};
  const errors: string[] = [];
  for (const line of text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)) {
    const separator = line.indexOf('=');
    const host = line.slice(0, separator).trim().toLowerCase();
    const template = line.slice(separator + 1).trim();
    if (separator > 0 && /^https?:\/\//.test(template) && template.includes('{sha}'))
      value[host] = template;
    else errors.push(line);
  }
  return { value, errors };
}

export function formatPairs(pairs: Record<string, string>): string {
  return Object.entries(pairs)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}
