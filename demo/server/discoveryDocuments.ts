/**
 * The discovery documents of the in-memory API server, from the kinds it
 * serves right now: `/version`, `/api`, `/apis`, `/apis/<group>` and the
 * `APIResourceList` of each group version (a CRD's kind appears there once
 * the CRD is stored).
 */
import type { Route } from './apiRoutes';
import { groupVersion } from './resourceTypes';
import type { ServedTypes } from './servedTypes';

/** The document a discovery route answers with ('ok' for the health checks). */
export function discoveryDocument(
  route: Exclude<Route, { kind: 'resource' }>,
  types: ServedTypes,
  gitVersion: string
): unknown {
  switch (route.kind) {
    case 'version':
      return {
        major: gitVersion.replace(/^v(\d+)\..*/, '$1'),
        minor: gitVersion.replace(/^v\d+\.(\d+).*/, '$1'),
        gitVersion,
        gitCommit: '0000000000000000000000000000000000000000',
        gitTreeState: 'clean',
        buildDate: '2026-05-15T00:00:00Z',
        goVersion: 'go1.24.2',
        compiler: 'gc',
        platform: 'linux/amd64',
      };
    case 'api':
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
      };
    case 'apis':
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: types.groupNames().map(group => apiGroup(group, types)),
      };
    case 'group':
      return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(route.group, types) };
    case 'resources':
      return resourceList(route.group, route.version, types);
    default:
      return 'ok';
  }
}

function apiGroup(group: string, types: ServedTypes) {
  const versions = types.versionsOf(group).sort((a, b) => {
    // Preferred first: the versions as the types order them (CRD preference).
    const rank = (version: string) =>
      Math.min(
        ...types
          .ofGroup(group)
          .filter(type => type.versions.includes(version))
          .map(type => type.versions.indexOf(version))
      );
    return rank(a) - rank(b);
  });
  const entries = versions.map(version => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: entries, preferredVersion: entries[0] };
}

function resourceList(group: string, version: string, types: ServedTypes) {
  const resources: unknown[] = [];
  for (const type of types.ofGroup(group)) {
    if (!type.versions.includes(version)) continue;
    resources.push({
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.verbs,
      ...(type.shortNames ? { shortNames: type.shortNames } : {}),
      ...(type.categories ? { categories: type.categories } : {}),
    });
    for (const subresource of type.subresources) {
      resources.push({
        name: `${type.plural}/${subresource}`,
        singularName: '',
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version),
    resources,
  };
}
