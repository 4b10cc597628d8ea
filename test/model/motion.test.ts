/**
 * States in motion (issue 12): is the commit live, waiting is not failing, a
 * failing source's commit is only the last one fetched. Table-driven: each
 * row is the status a cluster would return and what a person reads.
 */
import fc from 'fast-check';
import { buildIndex } from '../../src/model/clusterIndex';
import { commitApplications } from '../../src/model/commitApplications';
import { dependencyWaitOf } from '../../src/model/dependencies';
import { helmReleaseVersions } from '../../src/model/helmHistory';
import { commitLiveness, LivenessState } from '../../src/model/liveness';
import { sourceRollouts } from '../../src/model/rollout';
import { commitView } from '../../src/viewModels/commitView';
import {
  ago,
  condition,
  event,
  gitRepository,
  HOUR,
  Json,
  kustomization,
  MINUTE,
  NOW,
  ready,
  SECOND,
  SHA_A,
  SHA_B,
} from '../rules/builders';

const OLD = `main@sha1:${SHA_A}`;
const NEW = `main@sha1:${SHA_B}`;
const HEALTH =
  "health check failed after 5m0s: timeout waiting for: [XPostgres/team-a/db status: 'InProgress']";

function only(objects: Json[], name = 'crossplane-apis') {
  const index = buildIndex({ objects });
  const found = index.withRole('kustomization').find(k => k.name === name);
  if (!found) throw new Error(`no Kustomization ${name}`);
  return { index, kustomization: found };
}

describe('is the attempted commit live? (commitLiveness)', () => {
  it.each<[string, Json, LivenessState, string, boolean]>([
    [
      'health check failed: applied but unhealthy, the new objects are live',
      kustomization({
        lastAppliedRevision: OLD,
        lastAttemptedRevision: NEW,
        conditions: [ready('False', 'HealthCheckFailed', HEALTH)],
      }),
      'live-unhealthy',
      NEW,
      false,
    ],
    [
      'prune failed: applied (prune runs after apply)',
      kustomization({
        lastAppliedRevision: OLD,
        lastAttemptedRevision: NEW,
        conditions: [ready('False', 'PruneFailed', 'failed to delete Namespace/team-a')],
      }),
      'live-unhealthy',
      NEW,
      false,
    ],
    [
      'build failed: not applied, the previous revision is live',
      kustomization({
        lastAppliedRevision: OLD,
        lastAttemptedRevision: NEW,
        conditions: [
          ready('False', 'BuildFailed', 'kustomize build failed: accumulating resources'),
        ],
      }),
      'not-applied',
      OLD,
      false,
    ],
    [
      'apply (dry-run) failed: not applied; earlier stages may be newer',
      kustomization({
        lastAppliedRevision: OLD,
        lastAttemptedRevision: NEW,
        conditions: [
          ready('False', 'ReconciliationFailed', 'XPostgres/team-a/db dry-run failed: is invalid'),
        ],
      }),
      'not-applied',
      OLD,
      true,
    ],
    [
      'applied and Ready: live',
      kustomization({
        lastAppliedRevision: NEW,
        lastAttemptedRevision: NEW,
        conditions: [ready('True', 'ReconciliationSucceeded', `Applied revision: ${NEW}`)],
      }),
      'live',
      NEW,
      false,
    ],
    [
      'health checks running for the new revision: applying, its objects already applied',
      kustomization({
        lastAppliedRevision: OLD,
        lastAttemptedRevision: NEW,
        conditions: [
          ready('Unknown', 'Progressing', 'Reconciliation in progress'),
          condition(
            'Reconciling',
            'True',
            'Progressing',
            `Running health checks for revision ${NEW} with a timeout of 5m0s`
          ),
        ],
      }),
      'applying',
      NEW,
      false,
    ],
    [
      'fetching manifests for the new revision: applying, the old one still runs',
      kustomization({
        lastAppliedRevision: OLD,
        lastAttemptedRevision: NEW,
        conditions: [
          ready('Unknown', 'Progressing', 'Reconciliation in progress'),
          condition(
            'Reconciling',
            'True',
            'Progressing',
            `Fetching manifests for revision ${NEW} with a timeout of 5m0s`
          ),
        ],
      }),
      'applying',
      OLD,
      false,
    ],
    [
      'waiting for a dependency after a health-check failure recorded in status.history',
      kustomization({
        lastAppliedRevision: OLD,
        lastAttemptedRevision: NEW,
        conditions: [
          ready('False', 'DependencyNotReady', "dependency 'flux-system/infra' is not ready"),
        ],
        history: [
          {
            digest: 'sha256:aa',
            firstReconciled: ago(2 * HOUR),
            lastReconciled: ago(HOUR),
            lastReconciledStatus: 'HealthCheckFailed',
            metadata: { revision: NEW },
            totalReconciliations: 3,
          },
        ],
      }),
      'waiting',
      NEW,
      false,
    ],
    [
      'waiting with no record of how the last attempt ended: which revision runs is unknown',
      kustomization({
        lastAppliedRevision: OLD,
        lastAttemptedRevision: NEW,
        conditions: [
          ready('False', 'DependencyNotReady', "dependency 'flux-system/infra' is not ready"),
        ],
      }),
      'waiting',
      '',
      false,
    ],
  ])('%s', (_name, object, state, live, partial) => {
    const { kustomization: resource } = only([object]);
    const liveness = commitLiveness(resource, 'GitRepository');
    expect(liveness.state).toBe(state);
    expect(liveness.live.raw).toBe(live);
    expect(liveness.partial).toBe(partial);
  });
});

describe('rollout states in motion', () => {
  const source = (
    conditions: Json[] = [ready('True', 'Succeeded', `stored artifact for revision '${NEW}'`)]
  ) =>
    gitRepository({
      url: 'https://github.com/acme/platform',
      artifact: { revision: NEW, lastUpdateTime: ago(HOUR) },
      conditions,
    });
  const apis = (ok: boolean) =>
    kustomization({
      name: 'crossplane-apis',
      lastAppliedRevision: ok ? NEW : OLD,
      lastAttemptedRevision: NEW,
      conditions: [
        ok
          ? ready('True', 'ReconciliationSucceeded', `Applied revision: ${NEW}`)
          : ready('False', 'HealthCheckFailed', HEALTH),
      ],
    });
  const claims = kustomization({
    name: 'crossplane-claims',
    dependsOn: ['crossplane-apis'],
    lastAppliedRevision: OLD,
    lastAttemptedRevision: OLD,
    conditions: [
      ready(
        'False',
        'DependencyNotReady',
        "dependency 'flux-system/crossplane-apis' is not ready",
        {
          lastTransitionTime: ago(10 * MINUTE),
        }
      ),
    ],
  });
  const stateOf = (objects: Json[], name: string) => {
    const rollout = sourceRollouts(buildIndex({ objects }), { now: NOW })[0];
    const found = rollout.kustomizations.find(k => k.kustomization.name === name);
    if (!found) throw new Error(name);
    return { rollout, found };
  };

  it('DependencyNotReady is waiting for the dependency, not failed', () => {
    const { found } = stateOf([source(), apis(false), claims], 'crossplane-claims');
    expect(found.state).toBe('waiting');
    expect(found.waiting?.blocking.map(d => d.ref.name)).toEqual(['crossplane-apis']);
    expect(found.waiting?.cleared).toBe(false);
  });

  it('once the dependency is Ready it is still waiting (never failed), cleared, with the next retry', () => {
    const waitingEvent = event({
      involved: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'crossplane-claims',
      },
      type: 'Normal',
      reason: 'DependencyNotReady',
      message: 'Dependencies do not meet ready condition, retrying in 30s',
      lastTimestamp: ago(5 * SECOND),
      source: 'kustomize-controller',
    });
    const { found } = stateOf([source(), apis(true), claims, waitingEvent], 'crossplane-claims');
    expect(found.state).toBe('waiting');
    expect(found.waiting?.cleared).toBe(true);
    expect(found.waiting?.nextRetry).toBe(new Date(NOW + 25 * SECOND).toISOString());
  });

  it('a health-check failure is failed, and its liveness says the objects are live', () => {
    const { found } = stateOf([source(), apis(false)], 'crossplane-apis');
    expect(found.state).toBe('failed');
    expect(found.liveness.state).toBe('live-unhealthy');
  });

  it('a failing source: its revision is only the last fetched one, failing since its Ready transition', () => {
    const { rollout } = stateOf(
      [
        source([
          ready('False', 'AuthenticationFailed', 'authentication required', {
            lastTransitionTime: ago(3 * HOUR),
          }),
        ]),
        apis(true),
      ],
      'crossplane-apis'
    );
    expect(rollout.sourceState).toBe('failing');
    expect(rollout.failingSince).toBe(ago(3 * HOUR));
    expect(rollout.failingReason).toBe('AuthenticationFailed');
  });

  it('a Ready source is not failing', () => {
    const { rollout } = stateOf([source(), apis(true)], 'crossplane-apis');
    expect(rollout.sourceState).toBe('ready');
    expect(rollout.failingSince).toBeUndefined();
  });
});

describe('per-commit application, not per digest (commitApplications, commitView)', () => {
  const C_OLD = SHA_A;
  const C_NEW = SHA_B;
  const C_SAME = '1111111111111111111111111111111111111111';
  const involved = {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    namespace: 'flux-system',
    name: 'crossplane-apis',
  };
  // C_SAME produced the same manifests as an entry since relabelled with a newer commit:
  // status.history has no row naming it; only its revision-carrying event does.
  const objects = [
    gitRepository({ artifact: { revision: `main@sha1:${C_NEW}` } }),
    kustomization({
      lastAppliedRevision: `main@sha1:${C_NEW}`,
      lastAttemptedRevision: `main@sha1:${C_NEW}`,
      conditions: [
        ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${C_NEW}`),
      ],
      history: [
        {
          digest: 'sha256:bb',
          firstReconciled: ago(5 * HOUR),
          lastReconciled: ago(MINUTE),
          lastReconciledStatus: 'ReconciliationSucceeded',
          metadata: { revision: `main@sha1:${C_NEW}` },
          totalReconciliations: 30,
        },
        {
          digest: 'sha256:aa',
          firstReconciled: ago(30 * HOUR),
          lastReconciled: ago(6 * HOUR),
          lastReconciledStatus: 'ReconciliationSucceeded',
          metadata: { revision: `main@sha1:${C_OLD}` },
          totalReconciliations: 12,
        },
      ],
    }),
    event({
      involved,
      type: 'Normal',
      reason: 'ReconciliationSucceeded',
      message: 'Reconciliation finished in 1.2s, next run in 10m0s',
      lastTimestamp: ago(8 * HOUR),
      source: 'kustomize-controller',
      revision: `main@sha1:${C_SAME}`,
    }),
  ];
  const index = buildIndex({ objects });

  it('names each commit by its strongest evidence; digest entries are marked inferred', () => {
    const apps = commitApplications(index, index.withRole('kustomization')[0], 'GitRepository');
    expect(apps.map(a => [a.revision.commit, a.outcome, a.evidence, a.inferred])).toEqual([
      [C_NEW, 'applied', 'status', false],
      [C_SAME, 'applied', 'event', false],
      [C_OLD, 'applied', 'history', true],
    ]);
  });

  it('a commit with no history row of its own is found through its event', () => {
    const view = commitView(index, C_SAME.slice(0, 7));
    expect(view.kustomizations.map(k => [k.relation, k.application?.evidence])).toEqual([
      ['history', 'event'],
    ]);
    expect(view.commit).toBe(C_SAME);
  });

  it('a commit nothing names stays unknown', () => {
    expect(commitView(index, 'deadbee').kustomizations).toEqual([]);
  });
});

describe('bad input loses nothing and throws nothing (fast-check)', () => {
  const reasons = fc.constantFrom(
    'DependencyNotReady',
    'HealthCheckFailed',
    'BuildFailed',
    'ReconciliationFailed',
    'PruneFailed',
    'Progressing',
    'ReconciliationSucceeded',
    ''
  );
  const conditionArb = fc.record({
    type: fc.constantFrom('Ready', 'Reconciling', 'Healthy', 'Stalled'),
    status: fc.constantFrom('True', 'False', 'Unknown', 'maybe'),
    reason: reasons,
    message: fc.oneof(
      fc.string(),
      fc.constant("dependency 'flux-system/x' is not ready"),
      fc.constant('Running health checks for revision main@sha1:abc with a timeout of 5m0s')
    ),
    lastTransitionTime: fc.oneof(fc.constant(ago(MINUTE)), fc.string(), fc.constant(undefined)),
  });
  const statusArb = fc.record({
    lastAppliedRevision: fc.oneof(fc.string(), fc.constant(OLD), fc.anything()),
    lastAttemptedRevision: fc.oneof(fc.string(), fc.constant(NEW), fc.anything()),
    conditions: fc.array(conditionArb, { maxLength: 4 }),
    history: fc.oneof(fc.anything(), fc.array(fc.dictionary(fc.string(), fc.anything()))),
  });

  it('liveness, waiting and helm versions of any status', () => {
    fc.assert(
      fc.property(statusArb, fc.anything(), (status, dependsOn) => {
        const object = kustomization({ name: 'k' });
        object.status = status as unknown as Json;
        (object.spec as Json).dependsOn = dependsOn;
        const release = { ...object, apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease' };
        const index = buildIndex({ objects: [object, release] });
        const k = index.withRole('kustomization')[0];
        const liveness = commitLiveness(k, 'GitRepository');
        expect([
          'live',
          'live-unhealthy',
          'not-applied',
          'applying',
          'waiting',
          'unknown',
        ]).toContain(liveness.state);
        const wait = dependencyWaitOf(index, k, NOW);
        if (wait) expect(wait.cleared).toBe(wait.dependencies.length > 0 && !wait.blocking.length);
        for (const hr of index.withRole('helmrelease')) helmReleaseVersions(hr);
        commitApplications(index, k, 'GitRepository');
        sourceRollouts(index, { now: NOW });
      }),
      { numRuns: 300 }
    );
  });
});
