import { FIRING, NEAR_MISSES } from './cases/kustomize';
import { ruleTable } from './harness';

describe('Kustomizations rules', () => {
  ruleTable(FIRING, NEAR_MISSES);
});
