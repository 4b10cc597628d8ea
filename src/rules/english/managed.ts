/**
 * English texts: managed.ts: XP-PAUSED, XP-USAGE-BLOCKS-DELETE, XP-CREATE-PENDING,
 * XP-PROVIDERCONFIG-MISSING, XP-CREDENTIALS, XP-EXTERNAL-API, XP-REFERENCE-UNRESOLVED.
 */
export const MANAGED = {
  'managed.paused.title': '{{kind}} {{name}}: Crossplane reconciliation is paused',
  'managed.paused.byAnnotation':
    'Crossplane does not reconcile it while the crossplane.io/paused annotation is "true": remove the annotation to resume.',
  'managed.paused.byPolicies':
    'An empty spec.managementPolicies list means Crossplane takes no action on it: set the policies (e.g. ["*"]) to resume.',
  'managed.paused.annotation': 'annotation {{annotation}}: "true"',
  'managed.usage.title': '{{kind}} {{name}} cannot be deleted: it is in use',
  'managed.usage.titleBy': '{{kind}} {{name}} cannot be deleted: it is in use by {{by}}',
  'managed.usage.explanation':
    'A Usage protects this object while the object that uses it exists. Delete the `by` object first; deletion then proceeds.',
  'managed.usage.explanationBy':
    'A Usage protects this object while the object that uses it exists. Delete {{by}} first; deletion then proceeds.',
  'managed.usage.explanationNamed':
    'A Usage ({{usage}}) protects this object while the object that uses it exists. Delete the `by` object first; deletion then proceeds.',
  'managed.usage.explanationNamedBy':
    'A Usage ({{usage}}) protects this object while the object that uses it exists. Delete {{by}} first; deletion then proceeds.',
  'managed.usage.find': 'Find the Usage',
  'managed.configInUse.title':
    '{{kind}} {{name}} cannot be deleted: managed resources still use it',
  'managed.configInUse.titleCount':
    '{{kind}} {{name}} cannot be deleted: {{users}} managed resource(s) still use it',
  'managed.configInUse.explanation':
    'Crossplane keeps a deleted {{kind}} until no managed resource uses it (each use is a ProviderConfigUsage). Delete those managed resources, or point their spec.providerConfigRef at another {{kind}}; the deletion then completes.',
  'managed.configInUse.listUsages': 'List its usages',
  'managed.createPending.title': '{{kind}} {{name}}: Crossplane cannot tell whether it was created',
  'managed.createPending.explanation':
    'A create call was interrupted. Check the cloud for an orphaned resource; if one exists, set the crossplane.io/external-name annotation to its name. Then remove the crossplane.io/external-create-pending annotation.',
  'managed.configMissing.title': '{{kind}} {{name}}: {{configKind}} {{config}} is missing',
  'managed.configMissing.titleUnnamed': '{{kind}} {{name}}: {{configKind}} (none) is missing',
  'managed.configMissing.explanation':
    'The managed resource refers to {{configKind}} "{{config}}", which does not exist. Create it (with its credentials Secret) or point spec.providerConfigRef at an existing one.',
  'managed.configMissing.explanationNamespaced':
    'The managed resource refers to {{configKind}} "{{config}}" in namespace {{namespace}}, which does not exist. Create it (with its credentials Secret) or point spec.providerConfigRef at an existing one.',
  'managed.configMissing.explanationUnnamed':
    'The managed resource names no ProviderConfig: set spec.providerConfigRef.',
  'managed.credentials.title':
    '{{kind}} {{name}}: the provider credentials are rejected or unreadable',
  'managed.credentials.explanation':
    'Fix the credentials that {{configKind}} {{config}} references: wrong keys, expired or revoked keys, or a malformed file.',
  'managed.credentials.explanationSecret':
    'Fix the credentials in Secret {{namespace}}/{{secret}} that {{configKind}} {{config}} references: wrong keys, expired or revoked keys, or a malformed file.',
  'managed.credentials.explanationNoConfig':
    'Fix the credentials that the ProviderConfig references: wrong keys, expired or revoked keys, or a malformed file.',
  'managed.external.title': '{{kind}} {{name}}: the cloud API rejected the request',
  'managed.external.observeOnly':
    'It only observes an existing resource, and none is found under external-name "{{externalName}}": the crossplane.io/external-name annotation is probably wrong.',
  'managed.external.explanation':
    'The provider reached the cloud API and it said no: read the whole error (IAM permissions, quota, invalid parameters) and fix the spec or the account.',
  'managed.reference.title': '{{kind}} {{name}}: reference to {{references}} is unresolved',
  'managed.reference.titleUnnamed':
    '{{kind}} {{name}}: a reference to another resource is unresolved',
  'managed.reference.notReady':
    'The referenced resource is not ready, so the field it fills is still empty: its own diagnosis (root cause first) says why.',
  'managed.reference.absent':
    'No managed resource named {{names}} was found among those read: create it or fix the *Ref name.',
  'managed.reference.explanation':
    'A *Ref or *Selector field in spec.forProvider points at a resource that does not exist, is not ready, or matches no labels. Often transient while the referenced resource is created.',
} as const;
