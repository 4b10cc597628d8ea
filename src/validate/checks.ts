import { ClusterIndex } from '../model/index';
import { asArray, asBoolean, asString, field, stringField } from '../model/json';
import {
  FLUX_HELM_GROUP,
  FLUX_KUSTOMIZE_GROUP,
  FLUX_NOTIFICATION_GROUP,
  FLUX_SOURCE_GROUP,
  isFluxGroup,
  XP_APIEXTENSIONS_GROUP,
  XP_PKG_GROUP,
} from '../model/kinds';
import { refKey, splitApiVersion } from '../model/resource';
import { RULES } from '../rules/catalogue';
import { DEFAULT_SETTINGS, KeyObject, refOfSubject, RuleContext } from '../rules/context';
import { notificationRules } from '../rules/notifications';
import { packageRules } from '../rules/packages';
import { Diagnosis, Subject } from '../rules/types';
import { VALIDATE_RULES } from './catalogue';
import { locationOf } from './files';
import { command, doc, DOCS, finding, objectSubject, ValidateFinding } from './findings';
import { RenderedObject } from './kustomize';
import { SchemaRegistry } from './schema';
import { BOOTSTRAP_SOURCE, Cluster, Unit, unitIdOf } from './units';

/**
 * Cross-reference checks over the rendered clusters: what would make a
 * reconciliation fail or stall even though every object is valid on its own.
 */

export interface Placed {
  object: RenderedObject;
  unit: Unit;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The objects of one cluster, each with the unit that applies it. */
export class ClusterModel {
  readonly placed: Placed[] = [];
  private readonly byKey = new Map<string, Placed[]>();
  private readonly byKind = new Map<string, Placed[]>();

  constructor(readonly cluster: Cluster, private readonly localSources: ReadonlySet<string>) {
    for (const unit of cluster.units.values()) {
      for (const object of unit.objects) {
        const { group, version } = splitApiVersion(asString(object.value.apiVersion));
        const placed: Placed = {
          object,
          unit,
          group,
          version,
          kind: asString(object.value.kind) ?? '',
          namespace: asString(field(object.value, 'metadata', 'namespace')) ?? '',
          name: asString(field(object.value, 'metadata', 'name')) ?? '',
        };
        this.placed.push(placed);
        push(this.byKey, this.key(group, placed.kind, placed.namespace, placed.name), placed);
        push(this.byKind, `${group}|${placed.kind}`, placed);
      }
    }
  }

  get name(): string {
    return this.cluster.name;
  }

  private key(group: string, kind: string, namespace: string, name: string): string {
    return refKey({ cluster: '', group, kind, namespace, name });
  }

  all(group: string, kind: string, namespace: string, name: string): Placed[] {
    return this.byKey.get(this.key(group, kind, namespace, name)) ?? [];
  }

  get(group: string, kind: string, namespace: string, name: string): Placed | undefined {
    return this.all(group, kind, namespace, name)[0];
  }

  /** By kind and name in any group (Alert event sources and health checks name kinds, not groups). */
  findByKind(kind: string, namespace: string, name: string): Placed[] {
    return this.placed.filter(
      item => item.kind === kind && item.namespace === namespace && item.name === name
    );
  }

  ofKind(group: string, kind: string): Placed[] {
    return this.byKind.get(`${group}|${kind}`) ?? [];
  }

  isLocalSource(key: string): boolean {
    return this.localSources.has(key);
  }

  subject(placed: Placed): Subject {
    return objectSubject(placed.object.value, this.name);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const where = (placed: Placed, path?: Array<string | number>) =>
  locationOf(placed.object.origin, path);

function describeUnit(unit: Unit): string {
  if (unit.id.startsWith('bootstrap:'))
    return `the bootstrap Kustomization (flux-system) applying ${unit.id.slice(
      'bootstrap:'.length
    )}`;
  const [, namespace, name] = unit.id.split('/');
  return `Kustomization ${namespace}/${name}`;
}

function unitName(unit: Unit): string {
  return unit.id.startsWith('bootstrap:') ? 'flux-system' : unit.id.split('/')[2];
}

/** Two copies of one object: in one build (kustomize fails) or in two Kustomizations (they fight over it). */
function duplicateChecks(model: ClusterModel, acrossUnits: boolean): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  const seen = new Set<string>();
  for (const placed of model.placed) {
    const copies = model.all(placed.group, placed.kind, placed.namespace, placed.name);
    const key = refKey({ cluster: '', ...placed });
    if (copies.length < 2 || seen.has(key)) continue;
    seen.add(key);
    const units = [...new Set(copies.map(copy => copy.unit))];
    const id = `${placed.kind}/${placed.namespace ? `${placed.namespace}/` : ''}${placed.name}`;
    if (units.length === 1) {
      findings.push(
        finding({
          rule: RULES.FLUX_INVALID_MANIFESTS,
          subject: model.subject(placed),
          title: `${id} is defined twice in one build`,
          explanation: `kustomize stops with "may not add resource with an already registered id" and ${describeUnit(
            placed.unit
          )} applies nothing.`,
          evidence: copies.map(copy => `defined at ${locationText(copy)}`),
          actions: [doc('kustomization.yaml resources', DOCS.kustomize)],
        })
      );
    } else if (acrossUnits) {
      findings.push(
        finding({
          rule: VALIDATE_RULES.VALIDATE_REF,
          subject: model.subject(placed),
          title: `${id} is applied by ${units.length} Kustomizations`,
          explanation: `${units
            .map(describeUnit)
            .join(
              ' and '
            )} both apply it: each overwrites the other's version, and pruning by one deletes what the other applied. Keep it in one of them.`,
          evidence: copies.map(copy => `${describeUnit(copy.unit)}: ${locationText(copy)}`),
          actions: [doc('Kustomization reference', DOCS.kustomization)],
        })
      );
    }
  }
  return findings;
}

function locationText(placed: Placed): string {
  const location = where(placed);
  return location.line === undefined ? location.file : `${location.file}:${location.line}`;
}

function fluxSourceExists(
  model: ClusterModel,
  kind: string,
  namespace: string,
  name: string
): boolean {
  return Boolean(model.get(FLUX_SOURCE_GROUP, kind, namespace, name));
}

function createSourceCommand(kind: string, namespace: string, name: string): string {
  const cli: Record<string, string> = {
    GitRepository: 'git',
    OCIRepository: 'oci',
    Bucket: 'bucket',
    HelmRepository: 'helm',
  };
  const type = cli[kind] ?? 'git';
  const example =
    type === 'git'
      ? ' --url=https://github.com/ORG/REPO --branch=main'
      : type === 'helm'
      ? ' --url=https://charts.example.org'
      : type === 'oci'
      ? ' --url=oci://registry.example.org/ORG/REPO --tag=latest'
      : '';
  return `flux create source ${type} ${name} -n ${namespace}${example} --export`;
}

/** The Kustomization ids a unit depends on, directly. */
function dependsOnIds(unit: Unit): string[] {
  const value = unit.kustomization?.value;
  if (!value) return [];
  const namespace = asString(field(value, 'metadata', 'namespace')) ?? '';
  return asArray(field(value, 'spec', 'dependsOn')).flatMap(item => {
    const name = asString(field(item, 'name'));
    return name ? [`Kustomization/${asString(field(item, 'namespace')) ?? namespace}/${name}`] : [];
  });
}

/** Whether `from` depends (through dependsOn, transitively) on `to`. */
export function dependsOnTransitively(cluster: Cluster, from: Unit, to: Unit): boolean {
  const seen = new Set<string>();
  const queue = [...dependsOnIds(from)];
  while (queue.length) {
    const id = queue.shift() as string;
    if (id === to.id) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const unit = cluster.units.get(id);
    if (unit) queue.push(...dependsOnIds(unit));
  }
  return false;
}

function kustomizationChecks(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  for (const placed of model.ofKind(FLUX_KUSTOMIZE_GROUP, 'Kustomization')) {
    const value = placed.object.value;
    const subject = model.subject(placed);
    const namespace = placed.namespace;
    const id = `Kustomization ${namespace}/${placed.name}`;
    // The source.
    const kind = asString(field(value, 'spec', 'sourceRef', 'kind'));
    const name = asString(field(value, 'spec', 'sourceRef', 'name'));
    const sourceNamespace = asString(field(value, 'spec', 'sourceRef', 'namespace')) ?? namespace;
    if (kind && name) {
      const key = `${kind}/${sourceNamespace}/${name}`;
      if (!fluxSourceExists(model, kind, sourceNamespace, name) && key !== BOOTSTRAP_SOURCE) {
        findings.push(
          finding({
            rule: RULES.FLUX_ARTIFACT,
            subject,
            title: `Source '${kind}/${sourceNamespace}/${name}' of ${id} is not defined`,
            explanation: `No ${kind} ${sourceNamespace}/${name} is applied in this cluster, so Flux would report ArtifactFailed ("Source '${kind}/${sourceNamespace}/${name}' not found") and apply nothing. Add the source or fix spec.sourceRef.`,
            location: where(placed, ['spec', 'sourceRef']),
            evidence: [
              `spec.sourceRef: ${kind}/${name}${
                field(value, 'spec', 'sourceRef', 'namespace') ? ` in ${sourceNamespace}` : ''
              }`,
            ],
            actions: [
              command(`Generate the ${kind}`, createSourceCommand(kind, sourceNamespace, name)),
            ],
          })
        );
      }
    }
    // The path, when the source is local.
    const unit = model.cluster.units.get(unitIdOf(value));
    if (unit && unit.source && unit.kustomization === placed.object && !unit.exists) {
      const path = asString(field(value, 'spec', 'path')) ?? './';
      findings.push(
        finding({
          rule: RULES.FLUX_ARTIFACT,
          subject,
          title: `kustomization path not found: ${path}`,
          explanation: `${id} points at ${path}, which is not a directory of its source (${
            unit.source.key
          }${
            unit.source.key === BOOTSTRAP_SOURCE ? ', the repository being validated' : ''
          }). Flux would report "kustomization path not found" and apply nothing.`,
          location: where(placed, ['spec', 'path']),
          evidence: [`spec.path: ${path}`],
          actions: [
            command('Directories of the source', `ls ${unit.source.tree.display('') || '.'}`),
          ],
        })
      );
    }
    // Dependencies.
    asArray(field(value, 'spec', 'dependsOn')).forEach((item, i) => {
      const dependency = asString(field(item, 'name'));
      if (!dependency) return;
      const dependencyNamespace = asString(field(item, 'namespace')) ?? namespace;
      if (model.get(FLUX_KUSTOMIZE_GROUP, 'Kustomization', dependencyNamespace, dependency)) return;
      if (isBootstrapObject('Kustomization', dependencyNamespace, dependency)) return;
      findings.push(
        finding({
          rule: RULES.FLUX_DEPENDENCY,
          subject,
          title: `dependency '${dependencyNamespace}/${dependency}' of ${id} is not defined`,
          explanation: `No Kustomization ${dependencyNamespace}/${dependency} is applied in this cluster: ${placed.name} would wait for it forever ("unable to get '${dependencyNamespace}/${dependency}' dependency"). Fix the name or add the Kustomization.`,
          location: where(placed, ['spec', 'dependsOn', i, 'name']),
          evidence: [`spec.dependsOn[${i}].name: ${dependency}`],
          actions: [doc('Kustomization dependencies', DOCS.dependsOn)],
        })
      );
    });
    if (asBoolean(field(value, 'spec', 'suspend')) === true)
      findings.push(suspended(model, placed));
    // Health checks of objects the Kustomization does not apply never pass.
    if (unit && unit.source && unit.exists && unit.kustomization === placed.object) {
      asArray(field(value, 'spec', 'healthChecks')).forEach((item, i) => {
        const checkKind = asString(field(item, 'kind'));
        const checkName = asString(field(item, 'name'));
        if (!checkKind || !checkName) return;
        const checkNamespace = asString(field(item, 'namespace')) ?? namespace;
        if (
          model.findByKind(checkKind, checkNamespace, checkName).length ||
          model.findByKind(checkKind, '', checkName).length
        )
          return;
        findings.push(
          finding({
            rule: VALIDATE_RULES.VALIDATE_REF,
            severity: 'warning',
            subject,
            title: `Health check of ${id} names ${checkKind} ${checkNamespace}/${checkName}, which this cluster does not apply`,
            explanation:
              'The health check would wait for an object that never appears and time out (HealthCheckFailed). Fix the name, or drop the entry.',
            location: where(placed, ['spec', 'healthChecks', i]),
            evidence: [`spec.healthChecks[${i}]: ${checkKind} ${checkNamespace}/${checkName}`],
            actions: [doc('Health checks', `${DOCS.kustomization}#health-checks`)],
          })
        );
      });
    }
  }
  return findings;
}

function suspended(model: ClusterModel, placed: Placed): ValidateFinding {
  return finding({
    rule: RULES.FLUX_SUSPENDED,
    subject: model.subject(placed),
    title: `${placed.kind} ${placed.namespace}/${placed.name} is committed suspended`,
    explanation:
      'spec.suspend: true in Git: Flux will not reconcile it and drift is not corrected until someone resumes it. Suspend from the CLI or the plugin for maintenance instead of committing it.',
    location: where(placed, ['spec', 'suspend']),
    evidence: ['spec.suspend: true'],
    actions: [doc('Suspend and resume', 'https://fluxcd.io/flux/cmd/flux_suspend/')],
  });
}

/** Cycles of Kustomization dependsOn: none of their members is ever applied. */
function dependencyCycles(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  const units = [...model.cluster.units.values()].filter(unit => unit.kustomization);
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = stack.slice(stack.indexOf(id));
      const key = [...cycle].sort().join('|');
      if (reported.has(key)) return;
      reported.add(key);
      const first = model.cluster.units.get(cycle[0]);
      const placed = first?.kustomization
        ? model.placed.find(item => item.object === first.kustomization)
        : undefined;
      if (!placed) return;
      const names = [...cycle, id].map(item => item.split('/').slice(1).join('/'));
      findings.push(
        finding({
          rule: RULES.FLUX_DEPENDENCY,
          subject: model.subject(placed),
          title: `dependsOn cycle: ${names.join(' -> ')}`,
          explanation:
            'Each Kustomization of the cycle waits for the next to be Ready: none of them is ever applied. Remove one dependsOn entry.',
          location: where(placed, ['spec', 'dependsOn']),
          evidence: [names.join(' -> ')],
          actions: [doc('Kustomization dependencies', DOCS.dependsOn)],
        })
      );
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    const unit = model.cluster.units.get(id);
    if (unit)
      for (const dependency of dependsOnIds(unit))
        if (model.cluster.units.has(dependency)) visit(dependency);
    stack.pop();
    state.set(id, 'done');
  };
  for (const unit of units) visit(unit.id);
  return findings;
}

function helmReleaseChecks(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  for (const placed of model.ofKind(FLUX_HELM_GROUP, 'HelmRelease')) {
    const value = placed.object.value;
    const subject = model.subject(placed);
    const id = `HelmRelease ${placed.namespace}/${placed.name}`;
    const refs: Array<{ path: string[]; ref: unknown }> = [
      {
        path: ['spec', 'chart', 'spec', 'sourceRef'],
        ref: field(value, 'spec', 'chart', 'spec', 'sourceRef'),
      },
      { path: ['spec', 'chartRef'], ref: field(value, 'spec', 'chartRef') },
    ];
    for (const { path, ref } of refs) {
      const kind = asString(field(ref, 'kind'));
      const name = asString(field(ref, 'name'));
      if (!kind || !name) continue;
      const namespace = asString(field(ref, 'namespace')) ?? placed.namespace;
      if (fluxSourceExists(model, kind, namespace, name)) continue;
      findings.push(
        finding({
          rule: RULES.FLUX_ARTIFACT,
          subject,
          title: `Source '${kind}/${namespace}/${name}' of ${id} is not defined`,
          explanation: `No ${kind} ${namespace}/${name} is applied in this cluster: the chart cannot be fetched and the release is never installed (ArtifactFailed). Add the source or fix ${path.join(
            '.'
          )}.`,
          location: where(placed, path),
          evidence: [`${path.join('.')}: ${kind}/${name}`],
          actions: [command(`Generate the ${kind}`, createSourceCommand(kind, namespace, name))],
        })
      );
    }
    asArray(field(value, 'spec', 'dependsOn')).forEach((item, i) => {
      const dependency = asString(field(item, 'name'));
      if (!dependency) return;
      const namespace = asString(field(item, 'namespace')) ?? placed.namespace;
      if (model.get(FLUX_HELM_GROUP, 'HelmRelease', namespace, dependency)) return;
      findings.push(
        finding({
          rule: RULES.FLUX_DEPENDENCY,
          subject,
          title: `dependency '${namespace}/${dependency}' of ${id} is not defined`,
          explanation: `No HelmRelease ${namespace}/${dependency} is applied in this cluster: the release would wait for it forever.`,
          location: where(placed, ['spec', 'dependsOn', i, 'name']),
          evidence: [`spec.dependsOn[${i}].name: ${dependency}`],
          actions: [doc('HelmRelease dependencies', `${DOCS.helmRelease}#dependencies`)],
        })
      );
    });
    if (asBoolean(field(value, 'spec', 'suspend')) === true)
      findings.push(suspended(model, placed));
  }
  for (const placed of model.placed) {
    if (placed.group !== FLUX_SOURCE_GROUP && placed.group !== FLUX_NOTIFICATION_GROUP) continue;
    if (asBoolean(field(placed.object.value, 'spec', 'suspend')) === true)
      findings.push(suspended(model, placed));
  }
  return findings;
}

function isBootstrapObject(kind: string, namespace: string, name: string): boolean {
  return (
    (kind === 'GitRepository' || kind === 'Kustomization') &&
    `${kind}/${namespace}/${name}` ===
      (kind === 'GitRepository' ? BOOTSTRAP_SOURCE : 'Kustomization/flux-system/flux-system')
  );
}

/** Alert event sources that name an object this cluster does not have: the Alert watches nothing. */
function alertChecks(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  for (const placed of model.ofKind(FLUX_NOTIFICATION_GROUP, 'Alert')) {
    asArray(field(placed.object.value, 'spec', 'eventSources')).forEach((source, i) => {
      const kind = asString(field(source, 'kind'));
      const name = asString(field(source, 'name'));
      if (!kind || !name || name === '*') return;
      const namespace = asString(field(source, 'namespace')) ?? placed.namespace;
      // `flux bootstrap` creates GitRepository and Kustomization flux-system/flux-system.
      if (isBootstrapObject(kind, namespace, name)) return;
      const found = model.findByKind(kind, namespace, name).some(item => isFluxGroup(item.group));
      if (found) return;
      findings.push(
        finding({
          rule: VALIDATE_RULES.VALIDATE_REF,
          severity: 'warning',
          subject: model.subject(placed),
          title: `Alert ${placed.namespace}/${placed.name} watches ${kind} ${namespace}/${name}, which this cluster does not apply`,
          explanation:
            'Events of an object that does not exist never arrive: the alert is silent. Check the name (or use "*" with matchLabels).',
          location: where(placed, ['spec', 'eventSources', i]),
          evidence: [`spec.eventSources[${i}]: ${kind}/${name}`],
          actions: [doc('Alert event sources', DOCS.alerts)],
        })
      );
    });
  }
  return findings;
}

function xrdsOf(model: ClusterModel): Placed[] {
  return model.ofKind(XP_APIEXTENSIONS_GROUP, 'CompositeResourceDefinition');
}

function xrdDefining(
  model: ClusterModel,
  group: string,
  kind: string
): { xrd: Placed; role: 'composite' | 'claim' } | undefined {
  for (const xrd of xrdsOf(model)) {
    const value = xrd.object.value;
    if (asString(field(value, 'spec', 'group')) !== group) continue;
    if (asString(field(value, 'spec', 'names', 'kind')) === kind) return { xrd, role: 'composite' };
    if (asString(field(value, 'spec', 'claimNames', 'kind')) === kind)
      return { xrd, role: 'claim' };
  }
  return undefined;
}

function compositionChecks(model: ClusterModel, schemas: SchemaRegistry): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  const functions = new Set(model.ofKind(XP_PKG_GROUP, 'Function').map(item => item.name));
  const hasConfiguration = model.ofKind(XP_PKG_GROUP, 'Configuration').length > 0;
  for (const placed of model.ofKind(XP_APIEXTENSIONS_GROUP, 'Composition')) {
    const value = placed.object.value;
    const subject = model.subject(placed);
    const apiVersion = asString(field(value, 'spec', 'compositeTypeRef', 'apiVersion'));
    const kind = asString(field(value, 'spec', 'compositeTypeRef', 'kind'));
    if (apiVersion && kind) {
      const { group, version } = splitApiVersion(apiVersion);
      const defined = xrdDefining(model, group, kind);
      if (!defined || defined.role !== 'composite') {
        if (!schemas.get(group, kind)) {
          findings.push(
            finding({
              rule: RULES.XP_NO_COMPOSITION,
              severity: 'warning',
              subject,
              title: `No XRD in this cluster defines ${kind} in ${group} (compositeTypeRef of Composition ${placed.name})`,
              explanation:
                'No composite resource can select this Composition until an XRD defines its type. Check compositeTypeRef, or apply the XRD (in a Kustomization this one depends on).',
              location: where(placed, ['spec', 'compositeTypeRef']),
              evidence: [`spec.compositeTypeRef: ${apiVersion}, ${kind}`],
              actions: [doc('Compositions', DOCS.compositions)],
            })
          );
        }
      } else {
        const versions = asArray(field(defined.xrd.object.value, 'spec', 'versions'));
        const match = versions.find(item => asString(field(item, 'name')) === version);
        const problem = !match
          ? `the XRD has no version ${version}`
          : field(match, 'served') !== true
          ? `version ${version} is not served`
          : field(match, 'referenceable') !== true
          ? `version ${version} is not the referenceable version`
          : undefined;
        if (problem) {
          const referenceable = versions
            .filter(item => field(item, 'referenceable') === true)
            .map(item => `${group}/${asString(field(item, 'name'))}`);
          findings.push(
            finding({
              rule: RULES.XP_NO_COMPOSITION,
              subject,
              title: `Composition ${placed.name} references ${apiVersion} ${kind}, but ${problem}`,
              explanation: `Crossplane only selects Compositions whose compositeTypeRef names the XRD's referenceable version (${
                referenceable.join(', ') || 'none'
              }); XRs of ${kind} would report "no compatible Compositions found".`,
              location: where(placed, ['spec', 'compositeTypeRef', 'apiVersion']),
              evidence: [
                `spec.compositeTypeRef.apiVersion: ${apiVersion}`,
                `XRD ${defined.xrd.name}: ${locationText(defined.xrd)}`,
              ],
              actions: [doc('Composite resource definitions', DOCS.xrds)],
            })
          );
        }
      }
    }
    asArray(field(value, 'spec', 'pipeline')).forEach((step, i) => {
      const name = asString(field(step, 'functionRef', 'name'));
      if (!name || functions.has(name)) return;
      findings.push(
        finding({
          rule: RULES.XP_FUNCTION_MISSING,
          severity: hasConfiguration ? 'warning' : 'error',
          subject,
          title: `Pipeline step "${asString(field(step, 'step')) ?? i}" of Composition ${
            placed.name
          } names Function ${name}, which this cluster does not install`,
          explanation: `XRs using this Composition would fail with "cannot find an active FunctionRevision". Add a pkg.crossplane.io Function named ${name}${
            hasConfiguration
              ? ' (unless a Configuration in this cluster installs it as a dependency)'
              : ''
          }, or fix functionRef.name.`,
          location: where(placed, ['spec', 'pipeline', i, 'functionRef', 'name']),
          evidence: [
            `spec.pipeline[${i}].functionRef.name: ${name}`,
            `Functions in this cluster: ${[...functions].sort().join(', ') || 'none'}`,
          ],
          actions: [doc('Composition functions', DOCS.functions)],
        })
      );
    });
  }
  // Composition references of XRDs, XRs and claims.
  const compositions = new Map(
    model.ofKind(XP_APIEXTENSIONS_GROUP, 'Composition').map(item => [item.name, item])
  );
  for (const xrd of xrdsOf(model)) {
    for (const refField of ['defaultCompositionRef', 'enforcedCompositionRef']) {
      const name = asString(field(xrd.object.value, 'spec', refField, 'name'));
      if (!name || compositions.has(name)) continue;
      findings.push(missingComposition(model, xrd, ['spec', refField, 'name'], name));
    }
  }
  for (const placed of model.placed) {
    if (placed.group === '' || isFluxGroup(placed.group)) continue;
    const defined = xrdDefining(model, placed.group, placed.kind);
    if (!defined) continue;
    for (const path of [
      ['spec', 'crossplane', 'compositionRef', 'name'],
      ['spec', 'compositionRef', 'name'],
    ]) {
      const name = asString(field(placed.object.value, ...path));
      if (!name) continue;
      const composition = compositions.get(name);
      if (!composition) {
        findings.push(missingComposition(model, placed, path, name));
        continue;
      }
      const xrdValue = defined.xrd.object.value;
      const compositeKind = asString(field(xrdValue, 'spec', 'names', 'kind'));
      const typeKind = asString(
        field(composition.object.value, 'spec', 'compositeTypeRef', 'kind')
      );
      const typeGroup = splitApiVersion(
        asString(field(composition.object.value, 'spec', 'compositeTypeRef', 'apiVersion'))
      ).group;
      if (typeKind !== compositeKind || typeGroup !== placed.group) {
        findings.push(
          finding({
            rule: RULES.XP_NO_COMPOSITION,
            subject: model.subject(placed),
            title: `${placed.kind} ${placed.namespace ? `${placed.namespace}/` : ''}${
              placed.name
            } selects Composition ${name}, which is for ${typeKind ?? '?'}`,
            explanation: `Crossplane would report "referenced composition is not compatible": the Composition's compositeTypeRef names ${typeGroup}/${typeKind}, not ${placed.group}/${compositeKind}.`,
            location: where(placed, path),
            evidence: [
              `${path.join('.')}: ${name}`,
              `Composition ${name}: ${locationText(composition)}`,
            ],
            actions: [doc('Compositions', DOCS.compositions)],
          })
        );
      }
    }
  }
  return findings;
}

function missingComposition(
  model: ClusterModel,
  placed: Placed,
  path: string[],
  name: string
): ValidateFinding {
  return finding({
    rule: RULES.XP_NO_COMPOSITION,
    subject: model.subject(placed),
    title: `${placed.kind} ${placed.namespace ? `${placed.namespace}/` : ''}${
      placed.name
    } references Composition ${name}, which this cluster does not apply`,
    explanation: `Crossplane would report "cannot select Composition" until a Composition named ${name} exists. Fix the name or add the Composition (in a Kustomization this one depends on).`,
    location: where(placed, path),
    evidence: [`${path.join('.')}: ${name}`],
    actions: [doc('Compositions', DOCS.compositions)],
  });
}

/** The units that (transitively) apply a unit's Flux Kustomization: its parents in the apply tree. */
function appliedBy(model: ClusterModel, unit: Unit): Set<Unit> {
  const parents = new Set<Unit>();
  let current: Unit | undefined = unit;
  while (current?.kustomization) {
    const object: RenderedObject = current.kustomization;
    const parent: Unit | undefined = model.placed.find(item => item.object === object)?.unit;
    if (!parent || parents.has(parent)) break;
    parents.add(parent);
    current = parent;
  }
  return parents;
}

/**
 * FLUX-CRD-ORDERING: an object whose kind is defined by an XRD (or a CRD) in
 * the tree must be applied by a Kustomization that depends on the one
 * applying the definition, and that one must wait for the definition.
 */
function orderingChecks(model: ClusterModel): ValidateFinding[] {
  const findings: ValidateFinding[] = [];
  const definitions = new Map<string, { placed: Placed; what: 'XRD' | 'CRD' }>();
  for (const xrd of xrdsOf(model)) {
    const group = asString(field(xrd.object.value, 'spec', 'group'));
    for (const kind of [
      asString(field(xrd.object.value, 'spec', 'names', 'kind')),
      asString(field(xrd.object.value, 'spec', 'claimNames', 'kind')),
    ])
      if (group && kind && !definitions.has(`${group}|${kind}`))
        definitions.set(`${group}|${kind}`, { placed: xrd, what: 'XRD' });
  }
  for (const crd of model.ofKind('apiextensions.k8s.io', 'CustomResourceDefinition')) {
    const group = asString(field(crd.object.value, 'spec', 'group'));
    const kind = asString(field(crd.object.value, 'spec', 'names', 'kind'));
    if (group && kind && !definitions.has(`${group}|${kind}`))
      definitions.set(`${group}|${kind}`, { placed: crd, what: 'CRD' });
  }
  const gatingReported = new Set<string>();
  const reported = new Set<string>();
  for (const placed of model.placed) {
    const definition = definitions.get(`${placed.group}|${placed.kind}`);
    if (!definition) continue;
    const defUnit = definition.placed.unit;
    const unit = placed.unit;
    // Like the live rule, the diagnosis is about the Kustomization whose apply fails.
    const applier = unit.kustomization
      ? model.placed.find(item => item.object === unit.kustomization)
      : undefined;
    const subject = model.subject(applier ?? placed);
    const defName = `${definition.what} ${definition.placed.name}`;
    const key = `${unit.id}|${defUnit.id}|${placed.kind}`;
    if (unit === defUnit) {
      if (definition.what === 'CRD') continue; // Flux applies CRDs before the objects that use them
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push(
        finding({
          rule: RULES.FLUX_CRD_ORDERING,
          subject,
          title: `${placed.kind} ${placed.name} is applied together with the ${defName} that defines its kind`,
          explanation: `${describeUnit(unit)} applies both. Crossplane creates the CRD for ${
            placed.kind
          } only after the XRD is applied, so the dry-run fails with "no matches for kind \\"${
            placed.kind
          }\\" in version \\"${placed.group}/${placed.version}\\"". Move the ${
            placed.kind
          } objects to a second Kustomization with dependsOn on this one.`,
          location: where(placed, ['kind']),
          evidence: [
            `kind: ${placed.kind} (${placed.name})`,
            `${defName} at ${locationText(definition.placed)}`,
          ],
          actions: [doc('Kustomization dependencies', DOCS.dependsOn)],
        })
      );
      continue;
    }
    // A Kustomization applied by the one that applies a CRD starts after it: Flux applies CRDs
    // first and waits for them to be established. Not so for XRDs (Crossplane makes their CRD later).
    if (definition.what === 'CRD' && appliedBy(model, unit).has(defUnit)) continue;
    if (!dependsOnTransitively(model.cluster, unit, defUnit)) {
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push(
        finding({
          rule: RULES.FLUX_CRD_ORDERING,
          subject,
          title: `${describeUnit(unit)} applies ${
            placed.kind
          } objects without depending on ${describeUnit(defUnit)}, which applies the ${defName}`,
          explanation: `Nothing orders the two: when ${unitName(
            unit
          )} runs first, the apply fails with "no matches for kind \\"${
            placed.kind
          }\\"". Add "dependsOn: [{name: ${unitName(defUnit)}}]" to ${unitName(unit)}.`,
          location: unit.kustomization
            ? locationOf(unit.kustomization.origin, ['spec', 'dependsOn'])
            : where(placed, ['kind']),
          evidence: [
            unit.kustomization
              ? `spec.dependsOn: ${
                  dependsOnIds(unit)
                    .map(id => id.split('/')[2])
                    .join(', ') || 'none'
                }`
              : 'applied by the bootstrap Kustomization, which has no dependsOn',
            `${placed.kind} ${placed.name} at ${locationText(placed)}`,
            `${defName} at ${locationText(definition.placed)}`,
          ],
          actions: [doc('Kustomization dependencies', DOCS.dependsOn)],
        })
      );
      continue;
    }
    // Ordered: does the definitions' Kustomization wait until the XRD is established?
    if (definition.what !== 'XRD' || !defUnit.kustomization || gatingReported.has(defUnit.id))
      continue;
    const spec = defUnit.kustomization.value.spec;
    const waits = field(spec, 'wait') === true || asArray(field(spec, 'healthChecks')).length > 0;
    const xrdVersion = splitApiVersion(asString(definition.placed.object.value.apiVersion)).version;
    const hasExpr = asArray(field(spec, 'healthCheckExprs')).some(
      item =>
        asString(field(item, 'kind')) === 'CompositeResourceDefinition' &&
        splitApiVersion(asString(field(item, 'apiVersion'))).group === XP_APIEXTENSIONS_GROUP &&
        splitApiVersion(asString(field(item, 'apiVersion'))).version === xrdVersion
    );
    if (waits && hasExpr) continue;
    gatingReported.add(defUnit.id);
    const defPlaced = model.placed.find(item => item.object === defUnit.kustomization);
    findings.push(
      finding({
        rule: RULES.FLUX_CRD_ORDERING,
        severity: 'warning',
        subject: defPlaced ? model.subject(defPlaced) : subject,
        title: `${describeUnit(defUnit)} is Ready before its XRDs are established`,
        explanation: `${describeUnit(unit)} depends on it to order ${
          placed.kind
        } after the ${defName}, but dependsOn only waits for Ready, and ${
          waits
            ? 'kstatus counts an XRD as ready as soon as it exists'
            : 'without wait: true or healthChecks the Kustomization is Ready right after the apply (healthCheckExprs alone are not evaluated)'
        }. Set wait: true and add a healthCheckExprs entry for apiextensions.crossplane.io/${xrdVersion} CompositeResourceDefinition with current: "status.conditions.exists(e, e.type == 'Established' && e.status == 'True')".`,
        location: locationOf(defUnit.kustomization.origin, ['spec']),
        evidence: [
          `wait: ${String(field(spec, 'wait') ?? false)}, healthCheckExprs for XRD ${xrdVersion}: ${
            hasExpr ? 'yes' : 'no'
          }`,
        ],
        actions: [doc('Health check expressions', DOCS.healthCheckExprs)],
      })
    );
  }
  return findings;
}

export interface CheckInput {
  models: ClusterModel[];
  index: ClusterIndex;
  schemas: SchemaRegistry;
  keyObjects?: KeyObject[];
  /** False when the tree has no Flux Kustomizations: no apply order or ownership to check. */
  orderKnown?: boolean;
}

/**
 * An Alert whose spec.providerRef names a Provider the tree does not define sends its events
 * nowhere: an error before merge (the live rule says "missing or not Ready", a warning, because
 * a cluster may still get the Provider from elsewhere; Git is the whole of what validate reads).
 */
function alertWithoutProvider(index: ClusterIndex, diagnosis: Diagnosis): Diagnosis {
  if (diagnosis.ruleId !== RULES.FLUX_NO_ALERTS.id || diagnosis.subject.kind !== 'Alert')
    return diagnosis;
  const alert = index.get(refOfSubject(diagnosis.subject));
  const name = alert ? stringField(alert.raw, 'spec', 'providerRef', 'name') : undefined;
  const provider = name
    ? index.get({
        cluster: alert?.cluster ?? '',
        group: FLUX_NOTIFICATION_GROUP,
        kind: 'Provider',
        namespace: alert?.namespace ?? '',
        name,
      })
    : undefined;
  return alert && !provider ? { ...diagnosis, severity: 'error' } : diagnosis;
}

/** Diagnoses of the live rules that read only what Git holds: alert coverage and removed Crossplane APIs. */
function liveRuleDiagnoses(input: CheckInput): Diagnosis[] {
  const context: RuleContext = {
    index: input.index,
    now: 0,
    settings: {
      ...DEFAULT_SETTINGS,
      ...(input.keyObjects ? { keyObjects: input.keyObjects } : {}),
    },
  };
  return [
    ...notificationRules(context).map(item => alertWithoutProvider(input.index, item.diagnosis)),
    ...packageRules(context)
      .map(item => item.diagnosis)
      .filter(diagnosis => diagnosis.ruleId === RULES.XP_DEPRECATED_API.id),
  ];
}

export interface CheckResult {
  findings: ValidateFinding[];
  /** Diagnoses of the live rules, without locations yet. */
  live: Diagnosis[];
}

export function crossReferenceChecks(input: CheckInput): CheckResult {
  const findings: ValidateFinding[] = [];
  for (const model of input.models) {
    findings.push(
      ...duplicateChecks(model, input.orderKnown !== false),
      ...kustomizationChecks(model),
      ...dependencyCycles(model),
      ...helmReleaseChecks(model),
      ...alertChecks(model),
      ...compositionChecks(model, input.schemas),
      ...(input.orderKnown !== false ? orderingChecks(model) : [])
    );
  }
  return { findings, live: liveRuleDiagnoses(input) };
}
