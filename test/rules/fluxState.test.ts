import { kustomization, ready, SHA_A, SHA_B } from './builders';
import { FIRING, NEAR_MISSES } from './cases/fluxState';
import { ruleTable, run } from './harness';

describe('Flux state rules', () => {
  ruleTable(FIRING, NEAR_MISSES);
});

describe('one story per page: is the health-check-failed commit live?', () => {
  it('no diagnosis of the Kustomization says the previous revision still runs', () => {
    const report = run({
      objects: [
        kustomization({
          lastAppliedRevision: `main@sha1:${SHA_A}`,
          lastAttemptedRevision: `main@sha1:${SHA_B}`,
          conditions: [
            ready(
              'False',
              'HealthCheckFailed',
              "health check failed after 5m0s: timeout waiting for: [XPostgres/team-a/db status: 'InProgress']"
            ),
          ],
        }),
      ],
    });
    const texts = report.diagnoses.map(d => `${d.title} ${d.explanation}`);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const text of texts) {
      expect(text).not.toMatch(/still runs|keeps running|did not land/);
    }
    expect(texts.join(' ')).toContain('were applied but did not pass the health check');
  });
});
