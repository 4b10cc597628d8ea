import { gitRepository, kustomization, ready, SHA_A } from './builders';
import { FIRING, NEAR_MISSES } from './cases/notifications';
import { loadRuleFixture, ruleTable, run } from './harness';

describe('Alerts rules', () => {
  ruleTable(FIRING, NEAR_MISSES);

  it('the flux CLI testdata Alert (eventSeverity info, `*` for GitRepository and Kustomization, a v1beta3 Provider) covers the key objects', () => {
    const objects = [
      ...loadRuleFixture('flux-notification-objects.yaml'),
      gitRepository({
        conditions: [
          ready('True', 'Succeeded', `stored artifact for revision 'main@sha1:${SHA_A}'`),
        ],
      }),
      kustomization({
        conditions: [
          ready('True', 'ReconciliationSucceeded', `Applied revision: main@sha1:${SHA_A}`),
        ],
      }),
    ];
    const report = run({ objects });
    expect(report.diagnoses.map(d => d.ruleId)).not.toContain('FLUX-NO-ALERTS');
    // The same snapshot without the testdata's Provider: the Alert cannot deliver.
    const withoutProvider = run({ objects: objects.filter(object => object.kind !== 'Provider') });
    expect(
      withoutProvider.diagnoses
        .filter(d => d.ruleId === 'FLUX-NO-ALERTS')
        .map(d => `${d.subject.kind}/${d.subject.name}`)
        .sort()
    ).toEqual([
      'Alert/flux-system',
      'GitRepository/crossplane-configs',
      'Kustomization/crossplane-apis',
    ]);
  });
});
