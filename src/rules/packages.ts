import { findCondition, isStale } from '../model/conditions';
import { activeRevisionOf, compositionMode, xrdTypes } from '../model/crossplane';
import { writtenScopeOf } from '../model/crossplaneSpec';
import { field } from '../model/json';
import { ENVIRONMENT_CONFIG_KIND, XP_APIEXTENSIONS_GROUP, XP_PKG_GROUP } from '../model/kinds';
import { refKey, Resource } from '../model/resource';
import { packageRuntimeOf } from '../model/runtime';
import { RULES } from './catalogue';
import { command, kubectlDescribe } from './commands';
import { conditionEvidence, Finding, finding, Rule, RuleContext } from './context';
import { joinedText, Message, msg, Text } from './messages';

/** XP-PACKAGE-UNHEALTHY and XP-DEPRECATED-API. */
export const packageRules: Rule = context => [
  ...context.index.withRole('package').flatMap(pkg => packageFindings(context, pkg)),
  ...deprecatedApis(context),
];

const SUB_CASES: Array<[RegExp, Message]> = [
  [/missing dependencies|incompatible dependencies/i, msg('packages.advice.dependencies')],
  [/incompatible Crossplane version/i, msg('packages.advice.crossplaneVersion')],
  [/cannot establish control of object/i, msg('packages.advice.ownership')],
  [/cannot unpack package|ImagePullBackOff|ErrImagePull|pull/i, msg('packages.advice.pull')],
  [/deployment is unavailable|CrashLoopBackOff|unhealthy/i, msg('packages.advice.runtime')],
];

function packageFindings(context: RuleContext, pkg: Resource): Finding[] {
  const installed = findCondition(pkg, 'Installed');
  const healthy = findCondition(pkg, 'Healthy');
  // Stale is not current: a condition about an older generation is no verdict on the new spec.
  const failing = [installed, healthy].filter(
    condition => condition?.status === 'False' && !isStale(condition, pkg.generation)
  );
  if (failing.length === 0) return [];
  const revision = activeRevisionOf(context.index, pkg);
  const revisionConditions = revision
    ? ['Healthy', 'RevisionHealthy', 'RuntimeHealthy'].flatMap(type => {
        const condition = findCondition(revision, type);
        return condition && condition.status === 'False' ? [condition] : [];
      })
    : [];
  const text = [...failing, ...revisionConditions]
    .map(condition => `${condition?.reason} ${condition?.message}`)
    .join('\n');
  const advice =
    SUB_CASES.find(([pattern]) => pattern.test(text))?.[1] ?? msg('packages.advice.read');
  // Runtimes run in Crossplane's namespace: crossplane-system unless the cluster shows another.
  const runtimeNamespace = packageRuntimeOf(context.index, pkg)?.namespace || 'crossplane-system';
  const logs = revision
    ? command(
        msg('packages.runtimeLogs'),
        `kubectl logs -l pkg.crossplane.io/revision=${
          revision.name
        } -n ${runtimeNamespace} --all-containers${pkg.cluster ? ` --context ${pkg.cluster}` : ''}`
      )
    : undefined;
  return [
    finding({
      rule: RULES.XP_PACKAGE_UNHEALTHY,
      resource: pkg,
      title:
        installed?.status === 'False'
          ? msg('packages.notInstalled', { kind: pkg.kind, name: pkg.name })
          : msg('packages.notHealthy', { kind: pkg.kind, name: pkg.name }),
      explanation: advice,
      evidence: [
        ...failing.flatMap(condition => conditionEvidence(condition)),
        ...revisionConditions.flatMap(c => conditionEvidence(c)),
      ],
      actions: [
        command(msg('packages.describe'), kubectlDescribe(pkg)),
        ...(revision ? [command(msg('packages.describeRevision'), kubectlDescribe(revision))] : []),
        ...(logs ? [logs] : []),
      ],
    }),
  ];
}

function deprecatedApis(context: RuleContext): Finding[] {
  const index = context.index;
  // One diagnosis per object, listing every removed API it uses (an XRD with claims and connection secrets, an inventory with several).
  const found = new Map<string, { resource: Resource; what: Text[]; how: Message[] }>();
  const explain = (resource: Resource, what: Text, how: Message): void => {
    const entry = found.get(refKey(resource));
    if (entry) {
      entry.what.push(what);
      entry.how.push(how);
    } else {
      found.set(refKey(resource), { resource, what: [what], how: [how] });
    }
  };
  for (const composition of index.withRole('composition')) {
    if (compositionMode(composition) === 'Resources') {
      explain(composition, 'mode: Resources', msg('packages.deprecated.resourcesMode'));
    }
  }
  for (const config of index.listAll(XP_APIEXTENSIONS_GROUP, ENVIRONMENT_CONFIG_KIND.kind)) {
    if (config.version === 'v1alpha1')
      explain(config, 'EnvironmentConfig v1alpha1', msg('packages.deprecated.environmentConfig'));
  }
  for (const config of index.listAll(XP_PKG_GROUP, 'ControllerConfig')) {
    explain(config, 'ControllerConfig', msg('packages.deprecated.controllerConfig'));
  }
  for (const xrd of index.withRole('xrd')) {
    // An XRD created at v1 reads back as v2 when listed at v2 (no conversion): its scope tells.
    if (xrd.version !== 'v2' || writtenScopeOf(xrd.raw) === 'LegacyCluster') continue;
    const { claimKind } = xrdTypes(xrd);
    if (claimKind)
      explain(xrd, msg('packages.deprecated.claims'), msg('packages.deprecated.claimsHow'));
    if (field(xrd.raw, 'spec', 'connectionSecretKeys') !== undefined) {
      explain(
        xrd,
        msg('packages.deprecated.connectionSecrets'),
        msg('packages.deprecated.connectionSecretsHow')
      );
    }
  }
  // Inventory entries whose objects could not be read still tell the API version that was applied.
  for (const kustomization of index.withRole('kustomization')) {
    for (const entry of index.inventory(kustomization).entries) {
      const deprecated =
        (entry.group === XP_APIEXTENSIONS_GROUP &&
          entry.kind === 'EnvironmentConfig' &&
          entry.version === 'v1alpha1') ||
        (entry.group === XP_PKG_GROUP && entry.kind === 'ControllerConfig');
      if (!deprecated || index.get({ cluster: kustomization.cluster, ...entry })) continue;
      explain(
        kustomization,
        msg('packages.deprecated.inventory', {
          kind: entry.kind,
          version: entry.version,
          name: entry.name,
        }),
        msg('packages.deprecated.inventoryHow', {
          kustomization: kustomization.name,
          kind: entry.kind,
          name: entry.name,
        })
      );
    }
  }
  return [...found.values()].map(({ resource, what, how }) =>
    finding({
      rule: RULES.XP_DEPRECATED_API,
      resource,
      title: msg('packages.deprecated.title', {
        kind: resource.kind,
        name: resource.name,
        what: joinedText(what, 'list.comma'),
      }),
      explanation: msg('packages.deprecated.explanation', {
        how: joinedText(how, 'list.sentences'),
      }),
      evidence: what.map(text =>
        typeof text === 'string'
          ? { kind: 'field' as const, text }
          : { kind: 'field' as const, message: text }
      ),
      actions: [
        {
          label: msg('packages.deprecated.upgradeNotes'),
          kind: 'doc',
          url: 'https://docs.crossplane.io/latest/guides/upgrade-to-crossplane-v2/',
        },
      ],
    })
  );
}
