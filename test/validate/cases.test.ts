import { readdirSync } from 'node:fs';
import { caseDir, CASES, unexpected, validateJson } from './helpers';

/**
 * One small broken tree per check (test/fixtures/validate/<case>): each holds
 * exactly one fault, which must be found — with its rule id, severity and the
 * file:line to fix — and nothing else at warning or error level.
 */

interface Case {
  name: string;
  ruleId: string;
  severity: 'error' | 'warning';
  /** `file:line` the evidence must point at (relative to the case directory). */
  at: string;
  /** Text the diagnosis must carry (title or evidence). */
  says: RegExp;
  /** Diagnoses of this rule expected (default 1). */
  count?: number;
}

const CASES_TABLE: Case[] = [
  {
    name: 'yaml-syntax',
    ruleId: 'VALIDATE-YAML',
    severity: 'error',
    at: 'apps/configmap.yaml:8',
    says: /Flow sequence/,
  },
  {
    name: 'schema-unknown-field',
    ruleId: 'VALIDATE-SCHEMA',
    severity: 'error',
    at: 'clusters/test/flux.yaml:7',
    says: /unknown field "spec\.intervall"/,
  },
  {
    name: 'schema-invalid-value',
    ruleId: 'VALIDATE-SCHEMA',
    severity: 'error',
    at: 'clusters/test/flux.yaml:12',
    says: /spec\.prune: Invalid value: "true": spec\.prune in body must be of type boolean/,
  },
  {
    name: 'schema-version',
    ruleId: 'VALIDATE-SCHEMA',
    severity: 'error',
    at: 'clusters/test/flux.yaml:2',
    says: /no matches for kind "Kustomization" in version "kustomize\.toolkit\.fluxcd\.io\/v1beta2"/,
  },
  {
    name: 'kustomize-missing-resource',
    ruleId: 'FLUX-INVALID-MANIFESTS',
    severity: 'error',
    at: 'apps/kustomization.yaml:5',
    says: /accumulating resources.*secret\.yaml.*no such file or directory/,
  },
  {
    name: 'generated-not-kubernetes',
    ruleId: 'FLUX-INVALID-MANIFESTS',
    severity: 'error',
    at: 'apps/values.yaml:1',
    says: /failed to decode Kubernetes YAML.*missing Resource metadata/,
  },
  {
    name: 'namespace-missing',
    ruleId: 'FLUX-INVALID-MANIFESTS',
    severity: 'error',
    at: 'apps/configmap.yaml:3',
    says: /ConfigMap\/settings namespace not specified/,
  },
  {
    name: 'source-missing',
    ruleId: 'FLUX-ARTIFACT',
    severity: 'error',
    at: 'clusters/test/flux.yaml:9',
    says: /Source 'GitRepository\/flux-system\/app-repo'.*not defined/,
  },
  {
    name: 'path-missing',
    ruleId: 'FLUX-ARTIFACT',
    severity: 'error',
    at: 'clusters/test/flux.yaml:12',
    says: /kustomization path not found: \.\/app/,
  },
  {
    name: 'helmrelease-source-missing',
    ruleId: 'FLUX-ARTIFACT',
    severity: 'error',
    at: 'apps/helmrelease.yaml:12',
    says: /Source 'HelmRepository\/flux-system\/podinfo' of HelmRelease flux-system\/podinfo/,
  },
  {
    name: 'dependency-missing',
    ruleId: 'FLUX-DEPENDENCY',
    severity: 'error',
    at: 'clusters/test/flux.yaml:28',
    says: /dependency 'flux-system\/infrastructure' of Kustomization flux-system\/apps is not defined/,
  },
  {
    name: 'dependency-cycle',
    ruleId: 'FLUX-DEPENDENCY',
    severity: 'error',
    at: 'clusters/test/flux.yaml:14',
    says: /dependsOn cycle: flux-system\/infra -> flux-system\/apps -> flux-system\/infra/,
  },
  {
    // Its events go nowhere: an error, so the default `--fail-on error` stops the merge.
    name: 'alert-provider-missing',
    ruleId: 'FLUX-NO-ALERTS',
    severity: 'error',
    at: 'clusters/test/flux.yaml:33',
    says: /Provider slack-alerts is missing/,
  },
  {
    name: 'key-object-uncovered',
    ruleId: 'FLUX-NO-ALERTS',
    severity: 'warning',
    at: 'clusters/test/flux.yaml:2',
    says: /No working alert covers GitRepository flux-system\/crossplane-configs/,
    count: 2,
  },
  {
    name: 'alert-source-missing',
    ruleId: 'VALIDATE-REF',
    severity: 'warning',
    at: 'clusters/test/flux.yaml:36',
    says: /watches Kustomization flux-system\/app, which this cluster does not apply/,
  },
  {
    name: 'applied-twice',
    ruleId: 'VALIDATE-REF',
    severity: 'error',
    at: 'apps/configmap.yaml:1',
    says: /ConfigMap\/default\/settings is applied by 2 Kustomizations/,
  },
  {
    name: 'healthcheck-missing',
    ruleId: 'VALIDATE-REF',
    severity: 'warning',
    at: 'clusters/test/flux.yaml:15',
    says: /names ConfigMap default\/setings, which this cluster does not apply/,
  },
  {
    name: 'suspended',
    ruleId: 'FLUX-SUSPENDED',
    severity: 'warning',
    at: 'clusters/test/flux.yaml:14',
    says: /committed suspended/,
  },
  {
    name: 'composition-version',
    ruleId: 'XP-NO-COMPOSITION',
    severity: 'error',
    at: 'apis/composition.yaml:7',
    says: /references test\.example\.org\/v1beta1 Widget, but the XRD has no version v1beta1/,
  },
  {
    name: 'composition-ref-missing',
    ruleId: 'XP-NO-COMPOSITION',
    severity: 'error',
    at: 'claims/widget.yaml:9',
    says: /references Composition widget-v2, which this cluster does not apply/,
  },
  {
    name: 'function-missing',
    ruleId: 'XP-FUNCTION-MISSING',
    severity: 'error',
    at: 'apis/composition.yaml:13',
    says: /names Function function-patch-and-transform, which this cluster does not install/,
  },
  {
    name: 'claims-not-ordered',
    ruleId: 'FLUX-CRD-ORDERING',
    severity: 'error',
    at: 'clusters/test/flux.yaml:25',
    says: /claims applies Widget objects without depending on Kustomization flux-system\/apis/,
  },
  {
    name: 'claims-with-xrd',
    ruleId: 'FLUX-CRD-ORDERING',
    severity: 'error',
    at: 'apis/widget.yaml:2',
    says: /applied together with the XRD widgets\.test\.example\.org/,
  },
  {
    name: 'definitions-not-waited',
    ruleId: 'FLUX-CRD-ORDERING',
    severity: 'warning',
    at: 'clusters/test/flux.yaml:7',
    says: /is Ready before its XRDs are established/,
  },
  {
    name: 'deprecated-api',
    ruleId: 'XP-DEPRECATED-API',
    severity: 'warning',
    at: 'apis/xrd.yaml:1',
    says: /claims on a v2 XRD/,
  },
];

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const textOf = (diagnosis: { title: string; evidence: Array<{ text: string }> }): string =>
  [diagnosis.title, ...diagnosis.evidence.map(evidence => evidence.text)].join('\n');

describe('validate finds the one fault of each broken tree', () => {
  it('every fixture directory has a case, and the reference tree is clean', async () => {
    const dirs = readdirSync(CASES, { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .map(entry => entry.name)
      .sort();
    // render/ holds the renderer's trees (test/validate/exactness.test.ts, test/engines).
    expect(dirs).toEqual([...CASES_TABLE.map(item => item.name), 'render', 'valid'].sort());
    const valid = await validateJson(caseDir('valid'));
    expect(valid.diagnoses).toEqual([]);
    expect(valid.code).toBe(0);
  });

  it.each(CASES_TABLE)('$name: $ruleId ($severity) at $at', async testCase => {
    const dir = caseDir(testCase.name);
    const run = await validateJson(dir);
    const found = run.diagnoses.filter(diagnosis => diagnosis.ruleId === testCase.ruleId);
    expect(found.map(diagnosis => diagnosis.severity)).toEqual(
      Array(testCase.count ?? 1).fill(testCase.severity)
    );
    expect(found.some(diagnosis => testCase.says.test(textOf(diagnosis)))).toBe(true);
    const at = new RegExp(`${escape(`${dir}/${testCase.at}`)}(?!\\d)`);
    expect(
      found
        .flatMap(diagnosis => diagnosis.evidence.map(evidence => evidence.text))
        .filter(text => at.test(text)),
      `evidence pointing at ${testCase.at}`
    ).not.toEqual([]);
    // One fault: nothing else above info.
    expect(unexpected(run.diagnoses, [testCase.ruleId])).toEqual([]);
    // Every error names at least one action; exit code follows --fail-on error.
    for (const diagnosis of found.filter(item => item.severity === 'error'))
      expect(diagnosis.actions.length).toBeGreaterThan(0);
    expect(run.code).toBe(testCase.severity === 'error' ? 1 : 0);
  });
});
