import { buildIndex } from '../../src/model/clusterIndex';
import { diagnose } from '../../src/rules';
import { FIRING, NEAR_MISSES } from './cases/packages';
import { ruleTable } from './harness';

describe('Crossplane packages rules', () => {
  ruleTable(FIRING, NEAR_MISSES);

  it('treats kinds named like built-in object keys as unknown objects, not packages', () => {
    const index = buildIndex({
      objects: [
        {
          apiVersion: 'pkg.crossplane.io/v1',
          kind: 'toString',
          metadata: { name: 'x' },
          status: { conditions: [{ type: 'Healthy', status: 'False' }] },
        },
        {
          apiVersion: 'apiextensions.crossplane.io/v1',
          kind: 'constructor',
          metadata: { name: 'y' },
        },
      ],
    });
    expect(index.resources.map(resource => index.role(resource))).toEqual(['other', 'other']);
    expect(diagnose(index, { now: 0 }).diagnoses).toEqual([]);
  });
});
