// Pure: which diagnoses become banners and which fold under their root cause.
import { buildIndex } from '../../src/model/clusterIndex';
import { diagnose, Diagnosis } from '../../src/rules';
import { groupByRootCause, holdWhileInFlight } from '../../src/viewModels/bannerGroups';
import { loadFixture } from '../fixtures/load';

const NOW = Date.parse('2026-11-26T10:00:00Z');

function platformReport() {
  const index = buildIndex({ objects: loadFixture('platform.yaml', 'test'), visibility: [] });
  return diagnose(index, { now: NOW });
}

const summary = (groups: ReturnType<typeof groupByRootCause>) =>
  groups.map(group => ({
    banner: `${group.diagnosis.ruleId} ${group.diagnosis.subject.kind}/${group.diagnosis.subject.name}`,
    explains: group.explains.map(
      item => `${item.subject.kind}/${item.subject.name}: ${item.diagnoses.map(d => d.ruleId)}`
    ),
  }));

function diagnosis(name: string, ruleId: string, causes: string[] = []): Diagnosis {
  const subject = (n: string) => ({
    cluster: 'c',
    apiVersion: 'example.org/v1',
    kind: 'X',
    name: n,
  });
  return {
    ruleId,
    severity: 'error',
    subject: subject(name),
    title: `${name} ${ruleId}`,
    explanation: '',
    evidence: [],
    causes: causes.map(subject),
    actions: [],
  };
}

describe('one banner per root cause', () => {
  it('folds the missing ProviderConfig’s symptoms under it, alert gaps stay banners', () => {
    const report = platformReport();
    const groups = groupByRootCause(report.diagnoses.filter(d => d.ruleId !== 'VISIBILITY'));
    const root = summary(groups).find(group =>
      group.banner.startsWith('XP-PROVIDERCONFIG-MISSING')
    );
    expect(root).toEqual({
      banner: 'XP-PROVIDERCONFIG-MISSING NopResource/ext-functions-x7k2p-bucket',
      explains: [
        'Kustomization/crossplane-claims: FLUX-HEALTH-CHECK,FLUX-ROLLOUT-BEHIND',
        'NopResource/ext-functions: XP-CLAIM-WAITING',
        'XNopResource/ext-functions-x7k2p: XP-WAITING-ON-CHILDREN',
      ],
    });
    expect(groups.map(group => group.diagnosis.ruleId)).not.toContain('FLUX-HEALTH-CHECK');
    expect(groups.filter(group => group.diagnosis.ruleId === 'FLUX-NO-ALERTS')).toHaveLength(2);
    // Nothing is lost: every diagnosis is a banner or folded under one.
    const shown = groups.flatMap(group => [
      group.diagnosis,
      ...group.explains.flatMap(item => item.diagnoses),
    ]);
    expect(shown).toHaveLength(report.diagnoses.filter(d => d.ruleId !== 'VISIBILITY').length);
  });

  it("keeps the page object's own diagnoses as banners on its page", () => {
    const report = platformReport();
    const claims = {
      cluster: 'test',
      group: 'kustomize.toolkit.fluxcd.io',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'crossplane-claims',
    };
    const groups = summary(groupByRootCause(report.forObject(claims), claims));
    expect(groups[0].banner).toBe(
      'XP-PROVIDERCONFIG-MISSING NopResource/ext-functions-x7k2p-bucket'
    );
    expect(groups.map(group => group.banner)).toEqual(
      expect.arrayContaining([
        'FLUX-HEALTH-CHECK Kustomization/crossplane-claims',
        'FLUX-ROLLOUT-BEHIND Kustomization/crossplane-claims',
      ])
    );
  });

  it('does not fold under a cause that has no diagnosis here, and survives cycles', () => {
    // b's chain ends in an undiagnosed object: b stays a banner of its own.
    expect(summary(groupByRootCause([diagnosis('b', 'R', ['ghost'])]))).toEqual([
      { banner: 'R X/b', explains: [] },
    ]);
    // a and b blame each other: neither disappears.
    const groups = groupByRootCause([diagnosis('a', 'R', ['b']), diagnosis('b', 'R', ['a'])]);
    expect(
      groups.flatMap(group => [group.diagnosis, ...group.explains.flatMap(i => i.diagnoses)])
    ).toHaveLength(2);
  });

  it('holds the banners shown before a request while it is in flight, and lets go after', () => {
    const before = groupByRootCause([diagnosis('a', 'R'), diagnosis('b', 'S', ['a'])]);
    // The controller flips Ready to Unknown while it works: the findings would vanish.
    const during = groupByRootCause([]);
    expect(holdWhileInFlight(before, during, true)).toEqual({ groups: before, held: true });
    // Same banners: nothing to say.
    const same = groupByRootCause([diagnosis('a', 'R'), diagnosis('b', 'S', ['a'])]);
    expect(holdWhileInFlight(before, same, true)).toEqual({ groups: same, held: false });
    // Answered: the new truth is shown.
    expect(holdWhileInFlight(before, during, false)).toEqual({ groups: during, held: false });
  });
});
