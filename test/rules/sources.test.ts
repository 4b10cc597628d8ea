import { FIRING, NEAR_MISSES } from './cases/sources';
import { loadRuleFixture, ruleTable, run } from './harness';

describe('Flux sources rules', () => {
  ruleTable(FIRING, NEAR_MISSES);

  it('the flux CLI testdata statuses (failed without a cause, ready, unknown) produce no source verdict', () => {
    const objects = loadRuleFixture('flux-status-objects.yaml');
    expect(objects.filter(object => object.kind === 'GitRepository')).toHaveLength(3);
    const report = run({ objects });
    expect(report.diagnoses.filter(d => d.ruleId.startsWith('FLUX-SOURCE-'))).toEqual([]);
  });
});
