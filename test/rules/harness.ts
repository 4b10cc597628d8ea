/**
 * Table-driven rule tests: a case is a set of cluster objects plus what the
 * catalogue says must (or must not) come out of `diagnose` for them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { buildIndex } from '../../src/model/clusterIndex';
import type { VisibilityGap } from '../../src/model/visibility';
import type { RuleSettings } from '../../src/rules';
import { diagnose, DiagnosisReport, RULE_IDS, RULES } from '../../src/rules';
import type { ActionKind, Diagnosis, Severity, Subject } from '../../src/rules/types';
import { NOW } from './builders';

export interface Scenario {
  objects: unknown[];
  visibility?: VisibilityGap[];
  settings?: Partial<RuleSettings>;
  now?: number;
}

export interface SubjectExpectation {
  kind: string;
  name: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  /** Absent for single-cluster snapshots. */
  cluster?: string;
  apiVersion?: string;
}

export interface FiringCase extends Scenario {
  ruleId: string;
  name: string;
  subject: SubjectExpectation;
  /** Defaults to the catalogue's severity for the rule. */
  severity?: Severity;
  /** Each text appears verbatim in one evidence item (condition and event messages, fields). */
  evidence: string[];
  /** Each line is exactly the `command` of one action. */
  commands?: string[];
  actionKinds?: ActionKind[];
  titleIncludes?: string[];
  explanationIncludes?: string[];
  /** Expected causes, deepest first. */
  causes?: SubjectExpectation[];
}

export interface NearMiss extends Scenario {
  name: string;
  /** Rule ids that must not fire (on `subject` when given, else anywhere). */
  absent: string[];
  subject?: SubjectExpectation;
  /** Rule ids that must fire on `subject` instead, when the near miss is another rule's hit. */
  present?: string[];
}

export function run(scenario: Scenario): DiagnosisReport {
  return diagnose(buildIndex({ objects: scenario.objects, visibility: scenario.visibility }), {
    now: scenario.now ?? NOW,
    settings: scenario.settings,
  });
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const ACTION_KINDS: ActionKind[] = [
  'reconcile',
  'reconcile-with-source',
  'resume',
  'suspend',
  'force',
  'reset',
  'open',
  'command',
  'doc',
];

export function severityOf(ruleId: string): Severity {
  const info = Object.values(RULES).find(rule => rule.id === ruleId);
  if (!info) throw new Error(`unknown rule id ${ruleId}`);
  return info.severity;
}

export function matchesSubject(subject: Subject, expected: SubjectExpectation): boolean {
  return (
    subject.kind === expected.kind &&
    subject.name === expected.name &&
    subject.namespace === expected.namespace &&
    subject.cluster === expected.cluster &&
    (expected.apiVersion === undefined || subject.apiVersion === expected.apiVersion)
  );
}

export function describeSubject(subject: SubjectExpectation): string {
  return `${subject.cluster ? `${subject.cluster}:` : ''}${subject.kind}/${
    subject.namespace ? `${subject.namespace}/` : ''
  }${subject.name}`;
}

/** The catalogue shape every diagnosis must have, whatever rule made it. */
export function expectCatalogueShape(diagnosis: Diagnosis): void {
  const where = `${diagnosis.ruleId} on ${describeSubject(diagnosis.subject)}`;
  expect(RULE_IDS, where).toContain(diagnosis.ruleId);
  expect(SEVERITIES, where).toContain(diagnosis.severity);
  expect(typeof diagnosis.subject.kind, where).toBe('string');
  expect(typeof diagnosis.subject.name, where).toBe('string');
  expect(typeof diagnosis.subject.apiVersion, where).toBe('string');
  expect(diagnosis.title.trim(), where).not.toBe('');
  expect(diagnosis.explanation.trim(), where).not.toBe('');
  expect(Array.isArray(diagnosis.evidence), where).toBe(true);
  for (const item of diagnosis.evidence) {
    expect(['condition', 'event', 'field'], where).toContain(item.kind);
    expect(typeof item.text, where).toBe('string');
  }
  if (diagnosis.severity === 'error')
    expect(
      diagnosis.actions.length,
      `${where}: an error names at least one action`
    ).toBeGreaterThan(0);
  for (const action of diagnosis.actions) {
    expect(ACTION_KINDS, where).toContain(action.kind);
    expect(action.label.trim(), where).not.toBe('');
    if (action.kind === 'command')
      expect(action.command?.trim(), `${where}: command action without a line`).toBeTruthy();
    if (action.kind === 'doc') expect(action.url, where).toMatch(/^https:\/\//);
  }
  for (const cause of diagnosis.causes ?? []) {
    expect(typeof cause.kind, where).toBe('string');
    expect(typeof cause.name, where).toBe('string');
  }
}

/** Runs a firing case: exactly one diagnosis of the rule on the subject, with the catalogue shape. */
export function expectFires(testCase: FiringCase): {
  diagnosis: Diagnosis;
  report: DiagnosisReport;
} {
  const report = run(testCase);
  for (const diagnosis of report.diagnoses) expectCatalogueShape(diagnosis);
  const hits = report.diagnoses.filter(
    d => d.ruleId === testCase.ruleId && matchesSubject(d.subject, testCase.subject)
  );
  const summary = report.diagnoses.map(d => `${d.ruleId} ${describeSubject(d.subject)}`).join('; ');
  expect(
    hits.length,
    `${testCase.ruleId} on ${describeSubject(testCase.subject)}; got: ${summary}`
  ).toBe(1);
  const diagnosis = hits[0];
  expect(diagnosis.severity).toBe(testCase.severity ?? severityOf(testCase.ruleId));
  expect(diagnosis.evidence.length).toBeGreaterThan(0);
  const evidenceTexts = diagnosis.evidence.map(item => item.text);
  // Evidence is what the explanation was read from, not a sentence of the explanation again
  // (a name or a field both mention is fine).
  const repeated = evidenceTexts.filter(
    text =>
      /\.$/.test(text) && text.split(/\s+/).length >= 5 && diagnosis.explanation.includes(text)
  );
  expect(repeated, 'evidence lines that repeat the explanation').toEqual([]);
  for (const text of testCase.evidence) {
    expect(
      evidenceTexts.some(item => item.includes(text)),
      `evidence should quote ${JSON.stringify(text)}; has ${JSON.stringify(evidenceTexts)}`
    ).toBe(true);
  }
  const commands = diagnosis.actions.flatMap(action => (action.command ? [action.command] : []));
  for (const line of testCase.commands ?? []) {
    expect(commands, `actions of ${testCase.ruleId}`).toContain(line);
  }
  for (const kind of testCase.actionKinds ?? []) {
    expect(diagnosis.actions.map(action => action.kind)).toContain(kind);
  }
  for (const text of testCase.titleIncludes ?? []) expect(diagnosis.title).toContain(text);
  for (const text of testCase.explanationIncludes ?? [])
    expect(diagnosis.explanation).toContain(text);
  if (testCase.causes) {
    expect(diagnosis.causes ?? []).toHaveLength(testCase.causes.length);
    testCase.causes.forEach((expected, index) => {
      const actual = diagnosis.causes?.[index];
      expect(
        actual && matchesSubject(actual, expected),
        `cause ${index}: ${actual ? describeSubject(actual) : 'none'} ≠ ${describeSubject(
          expected
        )}`
      ).toBe(true);
    });
  }
  return { diagnosis, report };
}

/** Runs a near miss: none of the `absent` rules fires (on the subject), `present` ones do. */
export function expectSilent(testCase: NearMiss): DiagnosisReport {
  const report = run(testCase);
  for (const diagnosis of report.diagnoses) expectCatalogueShape(diagnosis);
  const relevant = testCase.subject
    ? report.diagnoses.filter(d =>
        matchesSubject(d.subject, testCase.subject as SubjectExpectation)
      )
    : report.diagnoses;
  const fired = relevant.map(d => d.ruleId);
  for (const ruleId of testCase.absent) {
    expect(
      fired,
      `${ruleId} must not fire${testCase.subject ? ` on ${describeSubject(testCase.subject)}` : ''}`
    ).not.toContain(ruleId);
  }
  for (const ruleId of testCase.present ?? []) {
    expect(fired, `${ruleId} should fire instead`).toContain(ruleId);
  }
  return report;
}

/** Registers the firing and near-miss tables of one family. */
export function ruleTable(firing: FiringCase[], nearMisses: NearMiss[]): void {
  describe('fires on realistic cases', () => {
    it.each(firing.map(testCase => [`${testCase.ruleId}: ${testCase.name}`, testCase] as const))(
      '%s',
      (_name, testCase) => {
        expectFires(testCase);
      }
    );
  });
  if (nearMisses.length) {
    describe('stays silent on near misses', () => {
      it.each(nearMisses.map(testCase => [testCase.name, testCase] as const))(
        '%s',
        (_name, testCase) => {
          expectSilent(testCase);
        }
      );
    });
  }
}

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/rules');

/** A multi-document YAML file of test/fixtures/rules as plain JSON objects (`{{ .fluxns }}` → flux-system). */
export function loadRuleFixture(name: string): Record<string, unknown>[] {
  const text = readFileSync(join(fixtures, name), 'utf8')
    .split('{{ .fluxns }}')
    .join('flux-system');
  return parseAllDocuments(text)
    .map(document => document.toJSON() as unknown)
    .filter(
      (object): object is Record<string, unknown> => typeof object === 'object' && object !== null
    );
}
