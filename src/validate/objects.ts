import { shellWord } from '../common/shellWord';
import { asObject, asString, field } from '../model/json';
import { isCrossplaneGroup, kindInfo } from '../model/kinds';
import { splitApiVersion } from '../model/resource';
import { RULES } from '../rules/catalogue';
import { VALIDATE_RULES } from './catalogue';
import { formatLocation, locationOf } from './files';
import { command, doc, DOCS, finding, objectSubject, ValidateFinding } from './findings';
import { RenderedObject } from './kustomize';
import {
  formatPath,
  KindSchema,
  SchemaError,
  SchemaRegistry,
  validateAgainstSchema,
  validateObjectMeta,
} from './schema';

/** Kinds of the Kubernetes API itself that are cluster-scoped (everything else built-in is namespaced). */
const CLUSTER_SCOPED_BUILTINS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ComponentStatus',
  'SelfSubjectReview',
  'TokenReview',
  'SubjectAccessReview',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'DeviceClass',
  'ResourceSlice',
  'IPAddress',
  'ServiceCIDR',
]);

/** The API groups of Kubernetes itself: no CRD, so no schema to check here. */
export function isBuiltinGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/** Cluster scope of a kind: CRD/XRD definitions first, then the kinds this product knows, then the built-ins. */
export function scopeLookup(schemas: SchemaRegistry) {
  return (group: string, kind: string): boolean | undefined => {
    const known = schemas.get(group, kind);
    if (known) return !known.namespaced;
    const info = kindInfo(group, kind);
    if (info) return !info.namespaced;
    if (isBuiltinGroup(group)) return CLUSTER_SCOPED_BUILTINS.has(kind);
    return undefined;
  };
}

/** Group → kinds of objects whose schema is unknown (no CRD given for the group). */
export type SchemaGaps = Map<string, Set<string>>;

function explainAction(kind: KindSchema, path: string, version: string): string {
  const resource = `${kind.plural}.${kind.group}`;
  return `kubectl explain ${shellWord(path ? `${resource}.${path}` : resource)} --api-version=${
    kind.group
  }/${version}`;
}

function docFor(group: string): { label: string; url: string } | undefined {
  if (group.endsWith('toolkit.fluxcd.io'))
    return { label: 'Flux API reference', url: 'https://fluxcd.io/flux/components/' };
  if (isCrossplaneGroup(group))
    return { label: 'Crossplane API reference', url: 'https://docs.crossplane.io/latest/api/' };
  return undefined;
}

export interface ObjectCheckContext {
  schemas: SchemaRegistry;
  gaps: SchemaGaps;
  isClusterScoped: (group: string, kind: string) => boolean | undefined;
}

export interface ObjectCheckOptions {
  /** A Flux Kustomization applies the object: a namespaced object must have its namespace by now. */
  applied: boolean;
}

/** Schema and metadata checks of one rendered object. */
export function checkObject(
  object: RenderedObject,
  cluster: string | undefined,
  context: ObjectCheckContext,
  options: ObjectCheckOptions = { applied: true }
): ValidateFinding[] {
  const value = object.value;
  const apiVersion = asString(value.apiVersion) ?? '';
  const kind = asString(value.kind) ?? '';
  const { group, version } = splitApiVersion(apiVersion);
  const subject = objectSubject(value, cluster);
  const name = asString(field(value, 'metadata', 'name')) ?? '';
  const namespace = asString(field(value, 'metadata', 'namespace'));
  const findings: ValidateFinding[] = [];
  const where = (path: Array<string | number>) => locationOf(object.origin, path);

  const definition = context.schemas.get(group, kind);
  const errors: SchemaError[] = [];
  if (!definition) {
    if (!isBuiltinGroup(group) && context.schemas.knowsGroup(group)) {
      findings.push(
        finding({
          rule: VALIDATE_RULES.VALIDATE_SCHEMA,
          subject,
          title: `no matches for kind "${kind}" in group "${group}"`,
          explanation: `The CRDs of ${group} define ${context.schemas
            .kindsOfGroup(group)
            .sort()
            .join(', ')}; the API server would reject this object. Check the kind's spelling.`,
          location: where(['kind']),
          evidence: [`kind: ${kind}`],
          actions: [
            command(
              'Kinds the cluster serves in this group',
              `kubectl api-resources --api-group=${group}`
            ),
          ],
          fileLevel: true,
        })
      );
      return findings;
    }
    if (!isBuiltinGroup(group)) {
      const kinds = context.gaps.get(group) ?? new Set<string>();
      kinds.add(kind);
      context.gaps.set(group, kinds);
    }
    errors.push(...validateObjectMeta(value, false));
  } else {
    const served = definition.versions.find(item => item.name === version);
    if (!served || !served.served) {
      const versions = definition.versions.filter(item => item.served).map(item => item.name);
      findings.push(
        finding({
          rule: VALIDATE_RULES.VALIDATE_SCHEMA,
          subject,
          title: `no matches for kind "${kind}" in version "${apiVersion}"`,
          explanation: `${kind} is served at ${versions
            .map(item => `${group}/${item}`)
            .join(', ')} (${definition.origin}); the apply would fail. Use a served version.`,
          location: where(['apiVersion']),
          evidence: [`apiVersion: ${apiVersion}`],
          actions: [
            command('Versions the cluster serves', `kubectl api-resources --api-group=${group}`),
          ],
          fileLevel: true,
        })
      );
      return findings;
    }
    if (served.deprecated) {
      const crossplane = isCrossplaneGroup(group);
      findings.push(
        finding({
          rule: crossplane ? RULES.XP_DEPRECATED_API : VALIDATE_RULES.VALIDATE_SCHEMA,
          severity: 'warning',
          subject,
          title: `${kind} ${apiVersion} is deprecated`,
          explanation:
            served.deprecationWarning ??
            `${apiVersion} is deprecated; the server warns on every apply. Migrate to ${definition.versions
              .filter(item => item.served && !item.deprecated)
              .map(item => `${group}/${item.name}`)
              .join(', ')}.`,
          location: where(['apiVersion']),
          evidence: [`apiVersion: ${apiVersion}`],
          actions: [
            ...(crossplane
              ? [
                  doc(
                    'Crossplane upgrade notes',
                    'https://docs.crossplane.io/latest/guides/upgrade-to-crossplane-v2/'
                  ),
                ]
              : []),
          ],
          fileLevel: true,
        })
      );
    }
    const schema = asObject(served.schema);
    if (schema) {
      const properties = { ...(asObject(schema.properties) ?? {}) };
      // metadata is ObjectMeta (checked below); status is not applied from Git.
      properties.metadata = { 'x-kubernetes-preserve-unknown-fields': true };
      properties.status = { 'x-kubernetes-preserve-unknown-fields': true };
      errors.push(...validateAgainstSchema({ ...schema, properties }, value));
    }
    errors.push(...validateObjectMeta(value, true));
  }

  if (errors.length) {
    const first = errors[0];
    const reference = docFor(group);
    findings.push(
      finding({
        rule: VALIDATE_RULES.VALIDATE_SCHEMA,
        subject,
        title: `${kind} ${namespace ? `${namespace}/` : ''}${
          name || '(no name)'
        } does not match the ${
          definition ? `schema of ${apiVersion}` : 'Kubernetes object metadata'
        } (${errors.length} error${errors.length === 1 ? '' : 's'})`,
        explanation:
          `The API server would reject the object (server-side apply with strict field validation), so the Kustomization applying it would fail. ${
            definition ? `Schema: ${definition.origin}.` : ''
          }`.trim(),
        evidence: errors.map(error => `${formatLocation(where(error.path))}: ${error.message}`),
        actions: [
          ...(definition
            ? [
                command(
                  `Explain ${formatPath(first.path)}`,
                  explainAction(definition, pathForExplain(first.path), version)
                ),
              ]
            : []),
          ...(reference ? [doc(reference.label, reference.url)] : []),
        ],
        fileLevel: true,
      })
    );
  }

  const clusterScoped = context.isClusterScoped(group, kind);
  if (options.applied && clusterScoped === false && !namespace && name) {
    findings.push(
      finding({
        rule: RULES.FLUX_INVALID_MANIFESTS,
        subject,
        title: `${kind}/${name} namespace not specified`,
        explanation:
          'The kind is namespaced and nothing sets the namespace (metadata.namespace, kustomization.yaml namespace, or the Flux Kustomization spec.targetNamespace): Flux rejects the whole apply with "namespace not specified".',
        location: where(['metadata']),
        evidence: ['metadata.namespace is empty'],
        actions: [doc('Kustomization targetNamespace', `${DOCS.kustomization}#target-namespace`)],
      })
    );
  }
  return findings;
}

/** `kubectl explain` takes field names only: list indexes are dropped. */
function pathForExplain(path: Array<string | number>): string {
  return path.filter((segment): segment is string => typeof segment === 'string').join('.');
}
