import {
  alert,
  condition,
  gap,
  gitRepository,
  kustomization,
  notificationProvider,
  ready,
  SHA_A,
} from '../builders';
import type { FiringCase, NearMiss } from '../harness';

const apis = { kind: 'Kustomization', namespace: 'flux-system', name: 'crossplane-apis' };
const configs = { kind: 'GitRepository', namespace: 'flux-system', name: 'crossplane-configs' };

const healthyKustomization = (options: Parameters<typeof kustomization>[0] = {}) =>
  kustomization({
    conditions: [ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${SHA_A}`)],
    ...options,
  });
const healthyRepository = (options: Parameters<typeof gitRepository>[0] = {}) =>
  gitRepository({
    conditions: [ready('True', 'Succeeded', `stored artifact for revision 'main@sha1:${SHA_A}'`)],
    ...options,
  });

const FORBIDDEN_ALERTS =
  'alerts.notification.toolkit.fluxcd.io is forbidden: User "jane@example.com" cannot list resource "alerts" in API group "notification.toolkit.fluxcd.io" in the namespace "flux-system"';

export const FIRING: FiringCase[] = [
  {
    ruleId: 'FLUX-NO-ALERTS',
    name: 'key Kustomization crossplane-apis with no Alert at all',
    objects: [healthyRepository(), healthyKustomization()],
    subject: apis,
    evidence: ['0 Alert(s) in flux-system select Kustomization/crossplane-apis'],
    actionKinds: ['doc'],
    explanationIncludes: ['eventSeverity: error'],
  },
  {
    ruleId: 'FLUX-NO-ALERTS',
    name: 'key GitRepository crossplane-configs with no Alert at all',
    objects: [healthyRepository(), healthyKustomization()],
    subject: configs,
    evidence: ['0 Alert(s) in flux-system select GitRepository/crossplane-configs'],
  },
  {
    ruleId: 'FLUX-NO-ALERTS',
    name: 'the only Alert selecting the key object has a missing Provider',
    objects: [
      healthyKustomization(),
      alert({
        name: 'on-call',
        provider: 'pagerduty',
        eventSources: [{ kind: 'Kustomization', name: 'crossplane-apis' }],
      }),
    ],
    subject: apis,
    evidence: ['1 Alert(s) in flux-system select Kustomization/crossplane-apis'],
    explanationIncludes: ['on-call'],
    actionKinds: ['open'],
  },
  {
    ruleId: 'FLUX-NO-ALERTS',
    name: 'an Alert whose Provider is missing cannot deliver',
    objects: [
      healthyKustomization(),
      alert({
        name: 'on-call',
        provider: 'pagerduty',
        eventSources: [{ kind: 'Kustomization', name: '*' }],
      }),
    ],
    subject: { kind: 'Alert', namespace: 'flux-system', name: 'on-call' },
    evidence: ['spec.providerRef.name: pagerduty'],
    titleIncludes: ['pagerduty'],
    actionKinds: ['open'],
  },
  {
    ruleId: 'FLUX-NO-ALERTS',
    name: 'an Alert whose Provider is Ready=False (v1beta2) cannot deliver',
    objects: [
      healthyKustomization(),
      notificationProvider({
        name: 'slack',
        apiVersion: 'notification.toolkit.fluxcd.io/v1beta2',
        conditions: [
          ready('False', 'ValidationFailed', 'invalid channel: secrets "slack-url" not found'),
        ],
      }),
      alert({ name: 'on-call', eventSources: [{ kind: 'Kustomization', name: '*' }] }),
    ],
    subject: { kind: 'Alert', namespace: 'flux-system', name: 'on-call' },
    evidence: ['spec.providerRef.name: slack'],
  },
  {
    ruleId: 'FLUX-NO-ALERTS',
    name: 'an Alert at eventSeverity info with `*` whose matchLabels do not match the key object',
    objects: [
      healthyKustomization({ labels: { tier: 'apps' } }),
      notificationProvider(),
      alert({
        eventSeverity: 'info',
        eventSources: [{ kind: 'Kustomization', name: '*', matchLabels: { tier: 'platform' } }],
      }),
    ],
    subject: apis,
    evidence: ['0 Alert(s) in flux-system select Kustomization/crossplane-apis'],
  },
  {
    ruleId: 'FLUX-NO-ALERTS',
    name: 'a suspended Alert covers nothing',
    objects: [
      healthyKustomization(),
      notificationProvider(),
      alert({ suspend: true, eventSources: [{ kind: 'Kustomization', name: 'crossplane-apis' }] }),
    ],
    subject: apis,
    evidence: ['0 Alert(s) in flux-system select Kustomization/crossplane-apis'],
  },
  {
    ruleId: 'FLUX-NO-ALERTS',
    name: 'key objects from settings (another name, one cluster)',
    objects: [healthyKustomization({ name: 'platform', namespace: 'ops', cluster: 'prod' })],
    settings: {
      keyObjects: [{ kind: 'Kustomization', namespace: 'ops', name: 'platform', cluster: 'prod' }],
    },
    subject: { kind: 'Kustomization', namespace: 'ops', name: 'platform', cluster: 'prod' },
    evidence: ['0 Alert(s) in ops select Kustomization/platform'],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'Alerts could not be listed (403): coverage is unknown, not missing',
    objects: [healthyRepository(), healthyKustomization()],
    visibility: [
      gap({
        group: 'notification.toolkit.fluxcd.io',
        kind: 'Alert',
        namespace: 'flux-system',
        status: 403,
        message: FORBIDDEN_ALERTS,
      }),
    ],
    absent: ['FLUX-NO-ALERTS'],
    present: [],
  },
  {
    name: 'an Alert with a ready Provider selects the key objects by name',
    objects: [
      healthyRepository(),
      healthyKustomization(),
      notificationProvider({
        name: 'slack',
        apiVersion: 'notification.toolkit.fluxcd.io/v1beta2',
        conditions: [ready('True', 'Succeeded', 'Provider initialized')],
      }),
      alert({
        eventSources: [
          { kind: 'Kustomization', name: 'crossplane-apis' },
          { kind: 'GitRepository', name: 'crossplane-configs', namespace: 'flux-system' },
        ],
      }),
    ],
    absent: ['FLUX-NO-ALERTS'],
  },
  {
    name: 'an Alert (v1beta3 Provider without status) selects `*` with matching matchLabels',
    objects: [
      healthyKustomization({
        labels: { tier: 'platform', 'kustomize.toolkit.fluxcd.io/name': 'flux-system' },
      }),
      notificationProvider(),
      alert({
        eventSources: [{ kind: 'Kustomization', name: '*', matchLabels: { tier: 'platform' } }],
      }),
    ],
    subject: apis,
    absent: ['FLUX-NO-ALERTS'],
  },
  {
    name: 'the Providers could not be listed: a selecting Alert may well work',
    objects: [
      healthyKustomization(),
      alert({ eventSources: [{ kind: 'Kustomization', name: 'crossplane-apis' }] }),
    ],
    visibility: [gap({ group: 'notification.toolkit.fluxcd.io', kind: 'Provider', status: 403 })],
    absent: ['FLUX-NO-ALERTS'],
  },
  {
    name: 'an Alert in another namespace that names the key object namespace explicitly',
    objects: [
      healthyKustomization(),
      notificationProvider({ namespace: 'monitoring' }),
      alert({
        namespace: 'monitoring',
        eventSources: [
          { kind: 'Kustomization', name: 'crossplane-apis', namespace: 'flux-system' },
        ],
      }),
    ],
    subject: apis,
    absent: ['FLUX-NO-ALERTS'],
  },
  {
    name: 'a key object that does not exist in the snapshot is not reported',
    objects: [healthyKustomization({ name: 'apps' })],
    absent: ['FLUX-NO-ALERTS'],
  },
  {
    name: 'a Provider reporting Ready=True keeps a v1beta2 Alert working',
    objects: [
      healthyKustomization(),
      notificationProvider({
        apiVersion: 'notification.toolkit.fluxcd.io/v1beta2',
        conditions: [ready('True', 'Succeeded', 'Initialized'), condition('Reconciling', 'False')],
      }),
      alert({ eventSources: [{ kind: 'Kustomization', name: '*' }] }),
    ],
    subject: { kind: 'Alert', namespace: 'flux-system', name: 'on-call' },
    absent: ['FLUX-NO-ALERTS'],
  },
];
