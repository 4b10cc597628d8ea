import { FIRING, NEAR_MISSES } from './cases/managed';
import { ruleTable } from './harness';

describe('Managed resources rules', () => {
  ruleTable(FIRING, NEAR_MISSES);
});
