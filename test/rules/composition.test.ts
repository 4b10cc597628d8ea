import { FIRING, NEAR_MISSES } from './cases/composition';
import { describeSubject, expectCatalogueShape, loadRuleFixture, ruleTable, run } from './harness';

describe('Composition machinery rules', () => {
  ruleTable(FIRING, NEAR_MISSES);

  describe('the Crossplane e2e manifests, just applied (no status yet)', () => {
    it('legacy: a v1 XRD with claimNames, Pipeline Compositions, Functions, a Provider and a claim', () => {
      const report = run({ objects: loadRuleFixture('crossplane-legacy.yaml') });
      report.diagnoses.forEach(expectCatalogueShape);
      // Only the XRD that Crossplane has not processed yet; nothing is deprecated, nothing "unhealthy" without status.
      expect(
        report.diagnoses.map(d => `${d.ruleId} ${d.severity} ${describeSubject(d.subject)}`)
      ).toEqual([
        'XP-XRD-NOT-ESTABLISHED warning CompositeResourceDefinition/xnopresources.nop.example.org',
      ]);
    });

    it('v2 namespaced: a Namespaced XRD without claims and its XR', () => {
      const report = run({ objects: loadRuleFixture('crossplane-basic-namespaced.yaml') });
      expect(report.diagnoses.map(d => `${d.ruleId} ${describeSubject(d.subject)}`)).toEqual([
        'XP-XRD-NOT-ESTABLISHED CompositeResourceDefinition/tests.example.org',
      ]);
    });
  });
});
