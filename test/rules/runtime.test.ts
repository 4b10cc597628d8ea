import { readLocale } from '../../scripts/i18nCatalogue';
import { interpolate, Message, renderMessage } from '../../src/rules';
import {
  CRASH_LOOP,
  crossplaneCore,
  fluxControllers,
  IMAGE_PULL,
  packageRuntime,
} from '../fixtures/runtime';
import {
  ago,
  condition,
  helmRelease,
  HOUR,
  kustomization,
  managed,
  packageRevision,
  providerConfig,
  ready,
  synced,
  xpPackage,
} from './builders';
import { FIRING, NEAR_MISSES } from './cases/runtime';
import { failing, modernComposition, modernXr, modernXrd, modernXrSubject } from './cases/world';
import { expectFires, ruleTable } from './harness';

describe('Controller runtime rules', () => {
  ruleTable(FIRING, NEAR_MISSES);
});

const apis = { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' };
const staleKustomization = (namespace = 'flux-system') =>
  kustomization({
    namespace,
    interval: '10m',
    // Ready for a day and a half; the last reconciliation recorded 3h ago.
    conditions: [
      ready('True', 'ReconciliationSucceeded', 'Applied revision: main@sha1:abc', {
        lastTransitionTime: ago(36 * HOUR),
      }),
    ],
    history: [
      {
        digest: 'sha256:2b8b',
        firstReconciled: ago(72 * HOUR),
        lastReconciled: ago(3 * HOUR),
        lastReconciledDuration: '1.2s',
        lastReconciledStatus: 'ReconciliationSucceeded',
        metadata: { revision: 'main@sha1:abc' },
        totalReconciliations: 42,
      },
    ],
  });

const nopProvider = (namespace = 'crossplane-system') => [
  ...crossplaneCore({ namespace }),
  xpPackage('Provider', {
    name: 'provider-nop',
    currentRevision: 'provider-nop-5d3a1c9e2f7b',
    conditions: [
      condition('Installed', 'True', 'ActivePackageRevision'),
      condition(
        'Healthy',
        'False',
        'UnhealthyPackageRevision',
        'post establish runtime hook failed for package: deployment provider-nop-5d3a1c9e2f7b is unavailable: Deployment does not have minimum availability.'
      ),
    ],
  }),
  packageRevision('ProviderRevision', {
    name: 'provider-nop-5d3a1c9e2f7b',
    package: 'provider-nop',
    crds: ['nopresources.nop.crossplane.io'],
    conditions: [condition('Healthy', 'True', 'HealthyPackageRevision')],
  }),
];

describe('a controller in trouble is the root cause, and every diagnosis it explains opens its logs', () => {
  it('FLUX-STALE of a Kustomization is caused by the crash-looping kustomize-controller', () => {
    const { diagnosis, report } = expectFires({
      ruleId: 'FLUX-STALE',
      name: 'stale with the controller down',
      objects: [
        ...fluxControllers({ 'kustomize-controller': { pods: [CRASH_LOOP] } }),
        staleKustomization(),
      ],
      subject: apis,
      evidence: ['ran at'],
      commands: ['flux logs --kind=Kustomization --name=crossplane-apis -n flux-system'],
      actionKinds: ['open'],
      causes: [
        {
          kind: 'Deployment',
          namespace: 'flux-system',
          name: 'kustomize-controller',
          apiVersion: 'apps/v1',
        },
      ],
    });
    const open = diagnosis.actions.find(action => action.kind === 'open');
    expect(open).toEqual({
      label: 'Open logs of pod kustomize-controller-7d9f8c6b5-x2x9z',
      kind: 'open',
      target: {
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: 'flux-system',
        name: 'kustomize-controller-7d9f8c6b5-x2x9z',
      },
      view: 'logs',
    });
    // The banner of the Kustomization leads with the controller.
    const banner = report.forObject({
      cluster: '',
      group: 'kustomize.toolkit.fluxcd.io',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'crossplane-apis',
    });
    expect(banner[0].ruleId).toBe('FLUX-CONTROLLER-DOWN');
    expect(banner[0].title).toBe(
      'Flux kustomize-controller is down: CrashLoopBackOff (last exit OOMKilled)'
    );
    expect(banner.map(d => d.ruleId)).toContain('FLUX-STALE');
    // In German (locales/de), the controller's problem inside the title is German too.
    const german = readLocale('de');
    const inGerman = (message: Message) =>
      renderMessage((key, values) => interpolate(german[key], values), message);
    const text = banner[0].text;
    expect(text?.title && inGerman(text.title)).toBe(
      'Flux kustomize-controller ist ausgefallen: CrashLoopBackOff (zuletzt beendet: OOMKilled)'
    );
    // The lines the rule words itself are German; the cluster's own words stay as written.
    expect((text?.evidence ?? []).slice(0, 3).map(line => line && inGerman(line))).toEqual([
      'Deployment kustomize-controller: 0/1 Replicas verfügbar',
      'Pod kustomize-controller-7d9f8c6b5-x2x9z, Container manager: CrashLoopBackOff: back-off 5m0s restarting failed container=manager pod=kustomize-controller-7d9f8c6b5-x2x9z_flux-system(3c9b)',
      'Pod kustomize-controller-7d9f8c6b5-x2x9z: 14-mal neu gestartet, zuletzt beendet: OOMKilled (Exit-Code 137) um 2025-06-02T11:58:00.000Z',
    ]);
  });

  it('FLUX-STALE with a healthy controller: no cause, but the logs one click away', () => {
    const { diagnosis } = expectFires({
      ruleId: 'FLUX-STALE',
      name: 'stale, controller fine',
      objects: [...fluxControllers(), staleKustomization()],
      subject: apis,
      evidence: ['ran at'],
      actionKinds: ['open'],
    });
    expect(diagnosis.causes).toBeUndefined();
  });

  it('Flux installed outside flux-system: flux logs is pointed at its namespace', () => {
    expectFires({
      ruleId: 'FLUX-STALE',
      name: 'flux in gitops',
      objects: [
        ...fluxControllers(
          { 'kustomize-controller': { pods: [CRASH_LOOP] } },
          { namespace: 'gitops' }
        ),
        staleKustomization(),
      ],
      subject: apis,
      evidence: ['ran at'],
      commands: [
        'flux logs --kind=Kustomization --name=crossplane-apis -n flux-system --flux-namespace=gitops',
      ],
      causes: [{ kind: 'Deployment', namespace: 'gitops', name: 'kustomize-controller' }],
    });
  });

  it('FLUX-HELM-STUCK is caused by helm-controller restarting mid-upgrade', () => {
    const LOCKED =
      'Helm upgrade failed for release crossplane-system/crossplane with chart crossplane@1.20.0: another operation (install/upgrade/rollback) is in progress';
    expectFires({
      ruleId: 'FLUX-HELM-STUCK',
      name: 'stuck, helm-controller down',
      objects: [
        ...fluxControllers({ 'helm-controller': { pods: [CRASH_LOOP] } }),
        helmRelease({ conditions: [ready('False', 'UpgradeFailed', LOCKED)] }),
      ],
      subject: { kind: 'HelmRelease', namespace: 'crossplane-system', name: 'crossplane' },
      evidence: [LOCKED],
      actionKinds: ['open'],
      causes: [{ kind: 'Deployment', namespace: 'flux-system', name: 'helm-controller' }],
    });
  });

  it("XP-PACKAGE-UNHEALTHY is caused by the Provider's runtime, found in Crossplane's own namespace", () => {
    expectFires({
      ruleId: 'XP-PACKAGE-UNHEALTHY',
      name: 'provider runtime cannot pull',
      objects: [
        ...nopProvider('xp-system'),
        ...packageRuntime('Provider', 'provider-nop', 'provider-nop-5d3a1c9e2f7b', {
          namespace: 'xp-system',
          pods: [IMAGE_PULL],
        }),
      ],
      subject: { kind: 'Provider', name: 'provider-nop' },
      evidence: ['deployment provider-nop-5d3a1c9e2f7b is unavailable'],
      commands: [
        'kubectl logs -l pkg.crossplane.io/revision=provider-nop-5d3a1c9e2f7b -n xp-system --all-containers',
        'kubectl logs provider-nop-5d3a1c9e2f7b-7d9f8c6b5-x2x9z -c package-runtime -n xp-system',
      ],
      actionKinds: ['open'],
      causes: [{ kind: 'Deployment', namespace: 'xp-system', name: 'provider-nop-5d3a1c9e2f7b' }],
    });
  });

  it("XP-FUNCTION-FAILED is caused by the crash-looping runtime of the step's Function, whose logs it opens", () => {
    const DEADLINE =
      'cannot compose resources: cannot run Composition pipeline step "render-sql": rpc error: code = DeadlineExceeded desc = context deadline exceeded';
    expectFires({
      ruleId: 'XP-FUNCTION-FAILED',
      name: 'function runtime down',
      objects: [
        modernXrd,
        modernComposition,
        modernXr({ conditions: [failing.synced('ReconcileError', DEADLINE)] }),
        ...crossplaneCore(),
        xpPackage('Function', {
          name: 'function-go-templating',
          currentRevision: 'function-go-templating-9f8e7d',
          conditions: [condition('Installed', 'True'), condition('Healthy', 'True')],
        }),
        packageRevision('FunctionRevision', {
          name: 'function-go-templating-9f8e7d',
          package: 'function-go-templating',
          conditions: [condition('Healthy', 'True')],
        }),
        ...packageRuntime('Function', 'function-go-templating', 'function-go-templating-9f8e7d', {
          pods: [CRASH_LOOP],
        }),
      ],
      subject: modernXrSubject,
      evidence: [DEADLINE],
      commands: [
        'kubectl logs function-go-templating-9f8e7d-7d9f8c6b5-x2x9z -c package-runtime --previous -n crossplane-system',
      ],
      actionKinds: ['open'],
      causes: [
        {
          kind: 'Deployment',
          namespace: 'crossplane-system',
          name: 'function-go-templating-9f8e7d',
        },
      ],
    });
  });

  it("XP-EXTERNAL-API opens the provider's logs, filtered for the managed resource", () => {
    const CREATE_FAILED = 'create failed: cannot create NopResource: quota exceeded';
    expectFires({
      ruleId: 'XP-EXTERNAL-API',
      name: 'cloud error, provider fine',
      objects: [
        ...nopProvider(),
        ...packageRuntime('Provider', 'provider-nop', 'provider-nop-5d3a1c9e2f7b'),
        providerConfig({ apiVersion: 'nop.crossplane.io/v1alpha1' }),
        managed({
          apiVersion: 'nop.crossplane.io/v1alpha1',
          kind: 'NopResource',
          name: 'db-nop',
          conditions: [synced('False', 'ReconcileError', CREATE_FAILED)],
        }),
      ],
      subject: { kind: 'NopResource', name: 'db-nop' },
      evidence: [CREATE_FAILED],
      commands: [
        'kubectl logs provider-nop-5d3a1c9e2f7b-7d9f8c6b5-x2x9z -c package-runtime -n crossplane-system | grep -F -- db-nop',
      ],
      actionKinds: ['open'],
    });
  });
});
