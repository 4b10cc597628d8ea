/** English texts: sources.ts: FLUX-SOURCE-AUTH, FLUX-SOURCE-REF, FLUX-SOURCE-UNREACHABLE. */
export const SOURCES = {
  'sources.auth.title': '{{kind}} {{name}} cannot authenticate to {{url}}',
  'sources.auth.titleNoUrl': '{{kind}} {{name}} cannot authenticate to its repository',
  'sources.auth.secretNamed':
    'Check the Secret {{namespace}}/{{secret}} named in spec.secretRef: it must exist and hold the right keys (username/password, bearerToken, or identity/known_hosts for SSH).',
  'sources.auth.noSecret':
    'spec.secretRef names no Secret: a private repository needs one (username/password, bearerToken, or identity/known_hosts for SSH).',
  'sources.auth.explanation':
    '{{secretStep}} Confirm the URL and that the token or deploy key can read the repository, then reconcile the source.',
  'sources.auth.inspectSecret': 'Inspect the credentials Secret',
  'sources.describe': 'Describe the source',
  'sources.ref.title': '{{kind}} {{name}}: {{ref}} does not exist',
  'sources.ref.titleNoRef': '{{kind}} {{name}}: the reference does not exist',
  'sources.ref.explanation':
    'The branch, tag, semver range or commit in spec.ref does not exist in the repository. Fix spec.ref in Git (or push the missing ref), then reconcile the source.',
  'sources.unreachable.title': '{{kind}} {{name}} cannot reach {{url}}',
  'sources.unreachable.titleNoUrl': '{{kind}} {{name}} cannot reach its repository',
  'sources.unreachable.explanationCa':
    "source-controller could not connect: check DNS, network policies, the proxy and the server's certificate (the CA in Secret {{namespace}}/{{secret}}). It retries on its interval; reconcile to retry now.",
  'sources.unreachable.explanation':
    "source-controller could not connect: check DNS, network policies, the proxy and the server's certificate (spec.certSecretRef for a private CA). It retries on its interval; reconcile to retry now.",
  'sources.unreachable.logs': 'Read source-controller logs',
} as const;
