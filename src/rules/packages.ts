import { findCondition, isStale } from '../model/conditions';
import { activeRevisionOf, compositionMode, xrdTypes } from '../model/crossplane';
import { field } from '../model/json';
import { ENVIRONMENT_CONFIG_KIND, XP_APIEXTENSIONS_GROUP, XP_PKG_GROUP } from '../model/kinds';
import { refKey, Resource } from '../model/resource';
import { packageRuntimeOf } from '../model/runtime';
import { RULES } from './catalogue';
import { command, kubectlDescribe } from './commands';
import { conditionEvidence, Finding, finding, Rule, RuleContext } from './context';

/** XP-PACKAGE-UNHEALTHY and XP-DEPRECATED-API. */
export const packageRules: Rule = context => [
  ...context.index.withRole('package').flatMap(pkg => packageFindings(context, pkg)),
  ...deprecatedApis(context),
];

const SUB_CASES: Array<[RegExp, string]> = [
  [
    /missing dependencies|incompatible dependencies/i,
    'Its dependencies are missing or at incompatible versions: install or upgrade them (see the Lock).',
  ],
  [
    /incompatible Crossplane version/i,
    'It needs another Crossplane version: upgrade Crossplane or pick a compatible package version.',
  ],
  [
    /cannot establish control of object/i,
    'Two packages own the same CRD: remove or align the other package.',
  ],
  [
    /cannot unpack package|ImagePullBackOff|ErrImagePull|pull/i,
    'The package image cannot be pulled: check the registry, the image name and packagePullSecrets.',
  ],
  [
    /deployment is unavailable|CrashLoopBackOff|unhealthy/i,
    'Its runtime pod is not available: look at the pod (crash loop or image pull error) and its logs.',
  ],
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
    SUB_CASES.find(([pattern]) => pattern.test(text))?.[1] ??
    'Read the package and revision conditions below.';
  // Runtimes run in Crossplane's namespace: crossplane-system unless the cluster shows another.
  const runtimeNamespace = packageRuntimeOf(context.index, pkg)?.namespace || 'crossplane-system';
  const logs = revision
    ? command(
        'Logs of its runtime',
        `kubectl logs -l pkg.crossplane.io/revision=${
          revision.name
        } -n ${runtimeNamespace} --all-containers${pkg.cluster ? ` --context ${pkg.cluster}` : ''}`
      )
    : undefined;
  return [
    finding({
      rule: RULES.XP_PACKAGE_UNHEALTHY,
      resource: pkg,
      title: `${pkg.kind} ${pkg.name} is ${
        installed?.status === 'False' ? 'not installed' : 'not healthy'
      }`,
      explanation: advice,
      evidence: [
        ...failing.flatMap(condition => conditionEvidence(condition)),
        ...revisionConditions.flatMap(c => conditionEvidence(c)),
      ],
      actions: [
        command('Describe', kubectlDescribe(pkg)),
        ...(revision ? [command('Describe its revision', kubectlDescribe(revision))] : []),
        ...(logs ? [logs] : []),
      ],
    }),
  ];
}

function deprecatedApis(context: RuleContext): Finding[] {
  const index = context.index;
  // One diagnosis per object, listing every removed API it uses (an XRD with claims and connection secrets, an inventory with several).
  const found = new Map<string, { resource: Resource; what: string[]; how: string[] }>();
  const explain = (resource: Resource, what: string, how: string): void => {
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
      explain(
        composition,
        'mode: Resources',
        'Crossplane v2 removed patch-and-transform Compositions: use mode Pipeline with function-patch-and-transform.'
      );
    }
  }
  for (const config of index.listAll(XP_APIEXTENSIONS_GROUP, ENVIRONMENT_CONFIG_KIND.kind)) {
    if (config.version === 'v1alpha1')
      explain(
        config,
        'EnvironmentConfig v1alpha1',
        'EnvironmentConfig v1alpha1 is removed: use v1beta1.'
      );
  }
  for (const config of index.listAll(XP_PKG_GROUP, 'ControllerConfig')) {
    explain(
      config,
      'ControllerConfig',
      'ControllerConfig is removed: use DeploymentRuntimeConfig.'
    );
  }
  for (const xrd of index.withRole('xrd')) {
    // An XRD created at v1 reads back as v2 when listed at v2 (no conversion): its scope tells.
    if (xrd.version !== 'v2' || field(xrd.raw, 'spec', 'scope') === 'LegacyCluster') continue;
    const { claimKind } = xrdTypes(xrd);
    if (claimKind)
      explain(
        xrd,
        'claims on a v2 XRD',
        'Claims are a legacy feature: v2 XRDs should be Namespaced XRs without claimNames.'
      );
    if (field(xrd.raw, 'spec', 'connectionSecretKeys') !== undefined) {
      explain(
        xrd,
        'connection secrets on a v2 XRD',
        'v2 XRs do not write connection secrets: compose a Secret instead.'
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
        `${entry.kind} ${entry.version} (${entry.name}) in its inventory`,
        `Kustomization ${kustomization.name} applies ${entry.kind} ${entry.name} at a removed API version.`
      );
    }
  }
  return [...found.values()].map(({ resource, what, how }) =>
    finding({
      rule: RULES.XP_DEPRECATED_API,
      resource,
      title: `${resource.kind} ${resource.name} uses ${what.join(', ')}`,
      explanation: `${how.join(' ')} Migrate before upgrading Crossplane.`,
      evidence: what.map(text => ({ kind: 'field' as const, text })),
      actions: [
        {
          label: 'Crossplane upgrade notes',
          kind: 'doc',
          url: 'https://docs.crossplane.io/latest/guides/upgrade-to-crossplane-v2/',
        },
      ],
    })
  );
}
