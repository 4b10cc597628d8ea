import { condition, fluxSource, gitRepository, helmChart, ociRepository, ready } from '../builders';
import type { FiringCase, NearMiss } from '../harness';

const repo = { kind: 'GitRepository', namespace: 'flux-system', name: 'crossplane-configs' };

const AUTH_REQUIRED =
  "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': authentication required";
const SECRET_NOT_FOUND =
  'failed to get secret \'flux-system/git-credentials\': secrets "git-credentials" not found';
const SSH_KNOWNHOSTS =
  "failed to checkout and determine revision: unable to clone 'ssh://git@github.com/org/repo': ssh: handshake failed: knownhosts: key mismatch";
const OCI_UNAUTHORIZED =
  'failed to determine artifact digest: GET https://ghcr.io/v2/org/manifests/manifests/latest: UNAUTHORIZED: authentication required; [map[Action:pull Class: Name:org/manifests Type:repository]]';
const CHART_401 =
  'chart pull error: failed to download chart for remote reference: failed to fetch https://charts.example.com/index.yaml : 401 Unauthorized';
const NO_SUCH_HOST =
  "failed to checkout and determine revision: unable to clone 'https://git.internal.example.com/org/repo': dial tcp: lookup git.internal.example.com on 10.96.0.10:53: no such host";
const X509 =
  'failed to checkout and determine revision: unable to clone \'https://git.internal.example.com/org/repo\': Get "https://git.internal.example.com/org/repo/info/refs?service=git-upload-pack": tls: failed to verify certificate: x509: certificate signed by unknown authority';
const REMOTE_REF =
  "failed to checkout and determine revision: unable to clone 'https://github.com/org/repo': couldn't find remote ref \"refs/heads/release-2\"";
const OCI_TAG =
  "failed to determine artifact digest: unable to resolve tag 'v9.9.9': GET https://ghcr.io/v2/org/manifests/manifests/v9.9.9: MANIFEST_UNKNOWN: manifest unknown";

export const FIRING: FiringCase[] = [
  {
    ruleId: 'FLUX-SOURCE-AUTH',
    name: 'GitRepository GitOperationFailed: authentication required',
    objects: [
      gitRepository({
        secretRef: 'git-credentials',
        conditions: [ready('False', 'GitOperationFailed', AUTH_REQUIRED)],
      }),
    ],
    subject: repo,
    evidence: [AUTH_REQUIRED],
    commands: [
      'kubectl describe secret git-credentials -n flux-system',
      'flux reconcile source git crossplane-configs -n flux-system',
    ],
    actionKinds: ['reconcile'],
    explanationIncludes: ['flux-system/git-credentials'],
  },
  {
    ruleId: 'FLUX-SOURCE-AUTH',
    name: 'GitRepository AuthenticationFailed: the secretRef Secret does not exist',
    objects: [
      gitRepository({
        secretRef: 'git-credentials',
        conditions: [ready('False', 'AuthenticationFailed', SECRET_NOT_FOUND)],
      }),
    ],
    subject: repo,
    evidence: [SECRET_NOT_FOUND],
    commands: ['kubectl describe secret git-credentials -n flux-system'],
  },
  {
    ruleId: 'FLUX-SOURCE-AUTH',
    name: 'GitRepository over SSH: knownhosts key mismatch',
    objects: [
      gitRepository({
        url: 'ssh://git@github.com/org/repo',
        secretRef: 'flux-system',
        conditions: [ready('False', 'GitOperationFailed', SSH_KNOWNHOSTS)],
      }),
    ],
    subject: repo,
    evidence: [SSH_KNOWNHOSTS],
    commands: ['kubectl describe secret flux-system -n flux-system'],
  },
  {
    ruleId: 'FLUX-SOURCE-AUTH',
    name: 'OCIRepository OCIArtifactPullFailed: UNAUTHORIZED, no secretRef (multi-cluster)',
    objects: [
      ociRepository({
        name: 'manifests',
        cluster: 'prod',
        conditions: [ready('False', 'OCIArtifactPullFailed', OCI_UNAUTHORIZED)],
      }),
    ],
    subject: {
      kind: 'OCIRepository',
      namespace: 'flux-system',
      name: 'manifests',
      cluster: 'prod',
    },
    evidence: [OCI_UNAUTHORIZED],
    commands: ['flux reconcile source oci manifests -n flux-system --context prod'],
    explanationIncludes: ['spec.secretRef names no Secret'],
  },
  {
    ruleId: 'FLUX-SOURCE-AUTH',
    name: 'HelmChart ChartPullFailed: 401 Unauthorized',
    objects: [
      helmChart({
        name: 'crossplane-system-crossplane',
        conditions: [ready('False', 'ChartPullFailed', CHART_401)],
      }),
    ],
    subject: { kind: 'HelmChart', namespace: 'flux-system', name: 'crossplane-system-crossplane' },
    evidence: [CHART_401],
    commands: ['flux reconcile source chart crossplane-system-crossplane -n flux-system'],
  },
  {
    ruleId: 'FLUX-SOURCE-UNREACHABLE',
    name: 'GitRepository: no such host',
    objects: [
      gitRepository({
        url: 'https://git.internal.example.com/org/repo',
        conditions: [ready('False', 'GitOperationFailed', NO_SUCH_HOST)],
      }),
    ],
    subject: repo,
    evidence: [NO_SUCH_HOST],
    commands: [
      'flux reconcile source git crossplane-configs -n flux-system',
      'flux logs --kind=GitRepository --name=crossplane-configs -n flux-system',
    ],
  },
  {
    ruleId: 'FLUX-SOURCE-UNREACHABLE',
    name: 'GitRepository: x509 unknown authority names spec.certSecretRef',
    objects: [
      gitRepository({
        url: 'https://git.internal.example.com/org/repo',
        certSecretRef: 'internal-ca',
        conditions: [
          ready('False', 'GitOperationFailed', X509),
          condition('FetchFailed', 'True', 'GitOperationFailed', X509),
        ],
      }),
    ],
    subject: repo,
    evidence: [X509],
    commands: ['flux reconcile source git crossplane-configs -n flux-system'],
    explanationIncludes: ['flux-system/internal-ca'],
  },
  {
    ruleId: 'FLUX-SOURCE-REF',
    name: "GitRepository: couldn't find remote ref for the branch",
    objects: [
      gitRepository({
        ref: { branch: 'release-2' },
        conditions: [ready('False', 'GitOperationFailed', REMOTE_REF)],
      }),
    ],
    subject: repo,
    evidence: [REMOTE_REF],
    commands: ['flux reconcile source git crossplane-configs -n flux-system'],
    titleIncludes: ['branch release-2'],
  },
  {
    ruleId: 'FLUX-SOURCE-REF',
    name: 'OCIRepository: unable to resolve tag',
    objects: [
      ociRepository({
        name: 'manifests',
        ref: { tag: 'v9.9.9' },
        conditions: [ready('False', 'OCIArtifactPullFailed', OCI_TAG)],
      }),
    ],
    subject: { kind: 'OCIRepository', namespace: 'flux-system', name: 'manifests' },
    evidence: [OCI_TAG],
    titleIncludes: ['tag v9.9.9'],
  },
  {
    ruleId: 'FLUX-SOURCE-REF',
    name: 'HelmChart InvalidChartReference: no chart with version matching',
    objects: [
      helmChart({
        name: 'crossplane-system-crossplane',
        version: '9.9.x',
        conditions: [
          ready(
            'False',
            'InvalidChartReference',
            "invalid chart reference: failed to get chart version for remote reference: no 'crossplane' chart with version matching '9.9.x' found"
          ),
        ],
      }),
    ],
    subject: { kind: 'HelmChart', namespace: 'flux-system', name: 'crossplane-system-crossplane' },
    evidence: ["no 'crossplane' chart with version matching '9.9.x' found"],
  },
];

export const NEAR_MISSES: NearMiss[] = [
  {
    name: 'a Ready=True source whose message still mentions an old 401',
    objects: [
      gitRepository({
        conditions: [
          ready(
            'True',
            'Succeeded',
            `stored artifact for revision 'main@sha1:696f056df216eea4f9401adbee0ff744d4df390f' after 401 Unauthorized retries`
          ),
          condition(
            'ArtifactInStorage',
            'True',
            'Succeeded',
            "stored artifact for revision 'main@sha1:696f056df216eea4f9401adbee0ff744d4df390f'"
          ),
        ],
      }),
    ],
    subject: repo,
    absent: ['FLUX-SOURCE-AUTH', 'FLUX-SOURCE-UNREACHABLE', 'FLUX-SOURCE-REF'],
  },
  {
    name: 'a stale Ready=False (status.observedGeneration < metadata.generation) is no verdict',
    objects: [
      gitRepository({
        generation: 3,
        observedGeneration: 2,
        conditions: [ready('False', 'GitOperationFailed', AUTH_REQUIRED)],
      }),
    ],
    subject: repo,
    absent: ['FLUX-SOURCE-AUTH'],
  },
  {
    name: 'a stale Ready=False (condition observedGeneration < metadata.generation) is no verdict',
    objects: [
      gitRepository({
        generation: 3,
        conditions: [ready('False', 'GitOperationFailed', NO_SUCH_HOST, { observedGeneration: 2 })],
      }),
    ],
    subject: repo,
    absent: ['FLUX-SOURCE-UNREACHABLE'],
  },
  {
    name: 'Ready=Unknown while reconciling, even with FetchFailed=True',
    objects: [
      gitRepository({
        conditions: [
          ready('Unknown', 'Progressing', 'reconciliation in progress'),
          condition('FetchFailed', 'True', 'GitOperationFailed', AUTH_REQUIRED),
        ],
      }),
    ],
    subject: repo,
    absent: ['FLUX-SOURCE-AUTH'],
  },
  {
    name: 'a URL that only contains "401" is not an auth failure (the missing ref is)',
    objects: [
      gitRepository({
        url: 'https://github.com/org/http-401-handler',
        conditions: [
          ready(
            'False',
            'GitOperationFailed',
            "failed to checkout and determine revision: unable to clone 'https://github.com/org/http-401-handler': couldn't find remote ref \"refs/heads/main\""
          ),
        ],
      }),
    ],
    subject: repo,
    absent: ['FLUX-SOURCE-AUTH'],
    present: ['FLUX-SOURCE-REF'],
  },
  {
    name: "local storage 'permission denied' (StorageOperationFailed) is not an auth failure",
    objects: [
      gitRepository({
        conditions: [
          ready(
            'False',
            'StorageOperationFailed',
            'failed to stat source path: open /data/gitrepository/flux-system/crossplane-configs: permission denied'
          ),
        ],
      }),
    ],
    subject: repo,
    absent: ['FLUX-SOURCE-AUTH', 'FLUX-SOURCE-UNREACHABLE', 'FLUX-SOURCE-REF'],
  },
  {
    name: "the real flux CLI testdata 'failed to checkout and determine revision' alone names no cause",
    objects: [
      gitRepository({
        name: 'gr-failed',
        url: 'ssh://git@github.com/example/repo',
        secretRef: 'flux-system',
        conditions: [
          ready('False', 'GitOperationFailed', 'failed to checkout and determine revision'),
        ],
      }),
    ],
    absent: ['FLUX-SOURCE-AUTH', 'FLUX-SOURCE-UNREACHABLE', 'FLUX-SOURCE-REF'],
  },
  {
    name: 'an unrelated reason (VerificationFailed) with a look-alike message',
    objects: [
      fluxSource('GitRepository', {
        url: 'https://github.com/org/repo',
        conditions: [
          ready(
            'False',
            'VerificationFailed',
            "signature verification of commit '696f056' failed: unable to verify: key is unknown to the keyring"
          ),
        ],
      }),
    ],
    subject: repo,
    absent: ['FLUX-SOURCE-AUTH'],
  },
  {
    name: 'HelmChart InvalidChartReference for a reason that is not a missing version (chart path) is not FLUX-SOURCE-REF',
    objects: [
      helmChart({
        name: 'crossplane-system-crossplane',
        conditions: [
          ready(
            'False',
            'InvalidChartReference',
            "invalid chart reference: failed to load chart from path './charts/crossplane': no such file or directory"
          ),
        ],
      }),
    ],
    subject: { kind: 'HelmChart', namespace: 'flux-system', name: 'crossplane-system-crossplane' },
    absent: ['FLUX-SOURCE-REF', 'FLUX-SOURCE-AUTH', 'FLUX-SOURCE-UNREACHABLE'],
  },
];
