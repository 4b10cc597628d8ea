import { FIRING, NEAR_MISSES } from './cases/fluxState';
import { ruleTable } from './harness';

describe('Flux state rules', () => {
  ruleTable(FIRING, NEAR_MISSES);
});
