import { FIRING, NEAR_MISSES } from './cases/dependency';
import { ruleTable } from './harness';

describe('waiting for a dependency (Kustomization and HelmRelease)', () => {
  ruleTable(FIRING, NEAR_MISSES);
});
