import { asArray, asNumber, field, stringField } from './json';
import { splitApiVersion } from './resource';

/**
 * Typed reads of the Crossplane spec and status fields that more than one place reads, on
 * the objects' plain JSON (a Resource's `raw`, or a manifest the validator renders). What
 * needs the index (an XR's layout, a reference resolved) lives in crossplane.ts, on top of these.
 */

/**
 * The kinds a definition names: an XRD's composite (`spec.names`) and claim
 * (`spec.claimNames`) kinds, a ManagedResourceDefinition's managed kind, all in `spec.group`.
 */
export interface DefinedKinds {
  group?: string;
  kind?: string;
  plural?: string;
  claimKind?: string;
  claimPlural?: string;
}

export function definedKinds(raw: unknown): DefinedKinds {
  return {
    group: stringField(raw, 'spec', 'group'),
    kind: stringField(raw, 'spec', 'names', 'kind'),
    plural: stringField(raw, 'spec', 'names', 'plural'),
    claimKind: stringField(raw, 'spec', 'claimNames', 'kind'),
    claimPlural: stringField(raw, 'spec', 'claimNames', 'plural'),
  };
}

/** Whether an XRD offers claims (`spec.claimNames` is written). */
export function offersClaims(xrd: unknown): boolean {
  return field(xrd, 'spec', 'claimNames') !== undefined;
}

/** An XRD's `spec.scope` as written (`Namespaced`, `Cluster`, `LegacyCluster`); unset on v1. */
export function writtenScopeOf(xrd: unknown): string | undefined {
  return stringField(xrd, 'spec', 'scope');
}

/** An XRD's `spec.versions`, as written. */
export function xrdVersionsOf(xrd: unknown): unknown[] {
  return asArray(field(xrd, 'spec', 'versions'));
}

/** A Composition's `spec.compositeTypeRef`: the XR kind it composes (group from its apiVersion). */
export interface CompositeTypeRef {
  apiVersion?: string;
  group: string;
  version: string;
  kind?: string;
}

export function compositeTypeRefOf(composition: unknown): CompositeTypeRef {
  const apiVersion = stringField(composition, 'spec', 'compositeTypeRef', 'apiVersion');
  const { group, version } = splitApiVersion(apiVersion);
  return {
    apiVersion,
    group,
    version,
    kind: stringField(composition, 'spec', 'compositeTypeRef', 'kind'),
  };
}

/** A Composition's `spec.pipeline` steps, as written. */
export function pipelineStepsOf(composition: unknown): unknown[] {
  return asArray(field(composition, 'spec', 'pipeline'));
}

/** A CompositionRevision's (or package revision's) `spec.revision` number. */
export function revisionNumberOf(revision: unknown): number | undefined {
  return asNumber(field(revision, 'spec', 'revision'));
}

/** A package's `spec.package` (its OCI reference). */
export function packageRefOf(pkg: unknown): string | undefined {
  return stringField(pkg, 'spec', 'package');
}

/** A package's `status.currentRevision` (the name of its active revision). */
export function currentRevisionOf(pkg: unknown): string | undefined {
  return stringField(pkg, 'status', 'currentRevision');
}

/** A package revision's `spec.desiredState` (`Active`, `Inactive`). */
export function desiredStateOf(revision: unknown): string | undefined {
  return stringField(revision, 'spec', 'desiredState');
}

/** The names of the CRDs a ProviderRevision installed (`status.objectRefs`, `plural.group`), with their kind. */
export function installedObjectRefs(revision: unknown): Array<{ kind?: string; name: string }> {
  return asArray(field(revision, 'status', 'objectRefs')).map(objectRef => ({
    kind: stringField(objectRef, 'kind'),
    name: stringField(objectRef, 'name') ?? '',
  }));
}

/** `spec.crossplane`: where a v2 (Namespaced or Cluster scoped) XR keeps its machinery. */
export function hasCrossplaneSpec(xr: unknown): boolean {
  return field(xr, 'spec', 'crossplane') !== undefined;
}

/**
 * A field of an XR's machinery (`compositionRef`, `resourceRefs`, …): under
 * `spec.crossplane` for a modern XR (v2 Namespaced/Cluster), under `spec` for a legacy one.
 */
export function machineryField(xr: unknown, modern: boolean, ...path: string[]): unknown {
  return modern ? field(xr, 'spec', 'crossplane', ...path) : field(xr, 'spec', ...path);
}

/** A claim's `spec.compositionRef.name` (claims keep it in `spec`, whatever the layout). */
export function claimCompositionName(claim: unknown): string | undefined {
  return stringField(claim, 'spec', 'compositionRef', 'name');
}

/** A managed resource's `spec.providerConfigRef` (kind defaults to `ProviderConfig`). */
export function providerConfigRefOf(managed: unknown): { kind: string; name: string } | undefined {
  const ref = field(managed, 'spec', 'providerConfigRef');
  const name = stringField(ref, 'name');
  return name ? { kind: stringField(ref, 'kind') ?? 'ProviderConfig', name } : undefined;
}

/** `spec.managementPolicies`, as written (undefined when unset; `[]` pauses the resource). */
export function managementPoliciesOf(managed: unknown): unknown {
  return field(managed, 'spec', 'managementPolicies');
}

/** A legacy XR's `spec.claimRef`, as written (its claim). */
export function legacyClaimRefOf(xr: unknown): unknown {
  return field(xr, 'spec', 'claimRef');
}
