import {
  ago,
  event,
  kustomization,
  managed,
  MINUTE,
  providerConfig,
  ready,
  SHA_A,
  SHA_B,
  synced,
} from './builders';
import { FIRING, NEAR_MISSES } from './cases/kustomize';
import { PC_MISSING } from './cases/managed';
import { expectCatalogueShape, ruleTable, run } from './harness';

describe('Kustomizations rules', () => {
  ruleTable(FIRING, NEAR_MISSES);

  describe('FLUX-HEALTH-CHECK reads the whole message', () => {
    const CREATE_FAILED =
      'create failed: async create failed: failed to create the resource: [{0 creating S3 Bucket (logs): operation error S3: CreateBucket, https response error StatusCode: 409, BucketAlreadyExists: }]';
    const HEALTH_TWO =
      "health check failed after 5m0s: timeout waiting for: [Bucket/assets status: 'InProgress', Bucket/logs status: 'InProgress']\n";
    const objects = (message: string, extra: unknown[] = []) => [
      providerConfig({ name: 'other' }),
      kustomization({
        name: 'crossplane-claims',
        lastAppliedRevision: `main@sha1:${SHA_A}`,
        lastAttemptedRevision: `main@sha1:${SHA_B}`,
        conditions: [ready('False', 'HealthCheckFailed', message)],
      }),
      managed({ name: 'assets', conditions: [synced('False', 'ReconcileError', PC_MISSING)] }),
      managed({ name: 'logs', conditions: [synced('False', 'ReconcileError', CREATE_FAILED)] }),
      ...extra,
    ];

    it('several failing objects with different causes: one diagnosis and one cause chain per object', () => {
      const report = run({ objects: objects(HEALTH_TWO) });
      report.diagnoses.forEach(expectCatalogueShape);
      const health = report.diagnoses.filter(d => d.ruleId === 'FLUX-HEALTH-CHECK');
      expect(
        health.map(d => [d.title, (d.causes ?? []).map(cause => `${cause.kind}/${cause.name}`)])
      ).toEqual([
        [
          'Kustomization crossplane-claims: Bucket/assets did not become ready (1 of 2 failing objects)',
          ['Bucket/assets'],
        ],
        [
          'Kustomization crossplane-claims: Bucket/logs did not become ready (1 of 2 failing objects)',
          ['Bucket/logs'],
        ],
      ]);
      const banner = report.forObject({
        cluster: '',
        group: 'kustomize.toolkit.fluxcd.io',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'crossplane-claims',
      });
      expect(
        banner
          .map(d => d.ruleId)
          .slice(0, 2)
          .sort()
      ).toEqual(['XP-EXTERNAL-API', 'XP-PROVIDERCONFIG-MISSING']);
    });

    it('says nothing about Crossplane conditions lacking observedGeneration (v2 writes it on every condition)', () => {
      const report = run({ objects: objects(HEALTH_TWO) });
      for (const diagnosis of report.diagnoses.filter(d => d.ruleId === 'FLUX-HEALTH-CHECK'))
        expect(diagnosis.explanation).not.toMatch(/observedGeneration/);
    });

    it('cites Warning events of the attempted revision, not those of an earlier, already fixed one', () => {
      const involved = {
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'crossplane-claims',
      };
      const report = run({
        objects: objects(HEALTH_TWO, [
          event({
            involved,
            reason: 'HealthCheckFailed',
            message: 'old: Bucket/retired status: Failed',
            revision: `main@sha1:${SHA_A}`,
            source: 'kustomize-controller',
            lastTimestamp: ago(MINUTE),
          }),
          event({
            involved,
            reason: 'HealthCheckFailed',
            message: 'current: Bucket/logs status: InProgress',
            revision: `main@sha1:${SHA_B}`,
            source: 'kustomize-controller',
            lastTimestamp: ago(2 * MINUTE),
          }),
        ]),
      });
      const evidence = report.diagnoses
        .filter(d => d.ruleId === 'FLUX-HEALTH-CHECK')
        .flatMap(d => d.evidence.map(e => e.text));
      expect(evidence.some(text => text.includes('current: Bucket/logs'))).toBe(true);
      expect(evidence.some(text => text.includes('old: Bucket/retired'))).toBe(false);
    });

    it('a message listing hundreds of objects gets a capped title; the full message stays in the evidence', () => {
      const many = Array.from(
        { length: 400 },
        (_, i) => `ConfigMap/team-a/config-${i} status: 'InProgress'`
      ).join(', ');
      const message = `health check failed after 5m0s: timeout waiting for: [${many}]`;
      const report = run({ objects: objects(message) });
      const [health] = report.diagnoses.filter(d => d.ruleId === 'FLUX-HEALTH-CHECK');
      expect(health.title.length).toBeLessThanOrEqual(200);
      expect(health.title.endsWith('…')).toBe(true);
      expect(health.evidence[0].text).toBe(`Ready=False (HealthCheckFailed): ${message}`);
    });

    it('a message ending in a newline gives evidence without trailing blank lines', () => {
      const report = run({ objects: objects(HEALTH_TWO) });
      for (const diagnosis of report.diagnoses)
        for (const item of diagnosis.evidence) expect(item.text).toBe(item.text.trim());
    });
  });
});
