/** Every family's firing table, with the test file that runs it (the proof table of the README). */
import type { FiringCase } from '../harness';
import * as composition from './composition';
import * as fluxState from './fluxState';
import * as helm from './helm';
import * as kustomize from './kustomize';
import * as managed from './managed';
import * as notifications from './notifications';
import * as packages from './packages';
import * as runtime from './runtime';
import * as sources from './sources';
import * as visibility from './visibility';

export interface FamilyTable {
  /** The test file that runs the table. */
  file: string;
  /** Its top-level describe block. */
  suite: string;
  firing: FiringCase[];
}

export const FAMILY_TABLES: FamilyTable[] = [
  { file: 'test/rules/sources.test.ts', suite: 'Flux sources rules', firing: sources.FIRING },
  { file: 'test/rules/kustomize.test.ts', suite: 'Kustomizations rules', firing: kustomize.FIRING },
  { file: 'test/rules/helm.test.ts', suite: 'HelmReleases rules', firing: helm.FIRING },
  { file: 'test/rules/notifications.test.ts', suite: 'Alerts rules', firing: notifications.FIRING },
  { file: 'test/rules/fluxState.test.ts', suite: 'Flux state rules', firing: fluxState.FIRING },
  {
    file: 'test/rules/composition.test.ts',
    suite: 'Composition machinery rules',
    firing: composition.FIRING,
  },
  { file: 'test/rules/managed.test.ts', suite: 'Managed resources rules', firing: managed.FIRING },
  {
    file: 'test/rules/packages.test.ts',
    suite: 'Crossplane packages rules',
    firing: packages.FIRING,
  },
  {
    file: 'test/rules/runtime.test.ts',
    suite: 'Controller runtime rules',
    firing: runtime.FIRING,
  },
  { file: 'test/rules/visibility.test.ts', suite: 'Visibility rules', firing: visibility.FIRING },
];

/** The full vitest name of a firing case, as `ruleTable` registers it. */
export function testName(table: FamilyTable, testCase: FiringCase): string {
  return `${table.suite} > fires on realistic cases > ${testCase.ruleId}: ${testCase.name}`;
}
