import { gap, gitRepository, kustomization, ready, SHA_A } from '../builders';
import type { FiringCase } from '../harness';

export const FORBIDDEN_ALERTS =
  'alerts.notification.toolkit.fluxcd.io is forbidden: User "jane@example.com" cannot list resource "alerts" in API group "notification.toolkit.fluxcd.io" in the namespace "flux-system"';
export const XRD_NOT_FOUND =
  'the server could not find the requested resource (get compositeresourcedefinitions.apiextensions.crossplane.io)';
const LIST_FAILED = 'Internal error occurred: etcdserver: request timed out';

export const healthyFlux = [
  gitRepository({
    conditions: [ready('True', 'Succeeded', `stored artifact for revision 'main@sha1:${SHA_A}'`)],
  }),
  kustomization({
    conditions: [ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${SHA_A}`)],
  }),
];

export const alertsForbidden = gap({
  group: 'notification.toolkit.fluxcd.io',
  kind: 'Alert',
  namespace: 'flux-system',
  status: 403,
  message: FORBIDDEN_ALERTS,
});
export const xrdsNotServed = gap({
  cluster: 'edge',
  group: 'apiextensions.crossplane.io',
  kind: 'CompositeResourceDefinition',
  status: 404,
  message: XRD_NOT_FOUND,
});

export const FIRING: FiringCase[] = [
  {
    ruleId: 'VISIBILITY',
    name: '403 listing Alerts in flux-system: says alert coverage is not evaluated',
    objects: healthyFlux,
    visibility: [alertsForbidden],
    subject: {
      kind: 'Alert',
      namespace: 'flux-system',
      name: '*',
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    },
    evidence: [`403 ${FORBIDDEN_ALERTS}`],
    titleIncludes: ['Not allowed to list Alert', 'namespace flux-system'],
    explanationIncludes: ['FLUX-NO-ALERTS'],
  },
  {
    ruleId: 'VISIBILITY',
    name: '404 for a CRD kind (Crossplane not installed in cluster edge)',
    objects: [],
    visibility: [xrdsNotServed],
    subject: { kind: 'CompositeResourceDefinition', name: '*', cluster: 'edge' },
    evidence: [XRD_NOT_FOUND],
    titleIncludes: ['is not served in cluster edge', 'CRD is not installed'],
    explanationIncludes: ['not visible, not as missing'],
  },
  {
    ruleId: 'VISIBILITY',
    name: 'a list that failed for another reason (500)',
    objects: [],
    visibility: [
      gap({
        group: 'kustomize.toolkit.fluxcd.io',
        kind: 'Kustomization',
        status: 500,
        message: LIST_FAILED,
      }),
    ],
    subject: { kind: 'Kustomization', name: '*' },
    evidence: [LIST_FAILED],
    titleIncludes: ['Could not list Kustomization', LIST_FAILED],
  },
];
