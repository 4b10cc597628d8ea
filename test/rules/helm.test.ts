import { FIRING, NEAR_MISSES } from './cases/helm';
import { ruleTable } from './harness';

describe('HelmReleases rules', () => {
  ruleTable(FIRING, NEAR_MISSES);
});
