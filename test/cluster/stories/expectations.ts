import { expect } from 'vitest';

/**
 * What a person must read at each step of the controller stories, asserted on
 * `diagnose --output json` — live in the real-cluster stage and again over the
 * step's recorded objects in the unit tests (test/fixtures/real/). `facts`
 * are the step's commit shas and request tokens, recorded with it.
 */

type Facts = Record<string, string>;

/** The part of a diagnosis (diagnose --output json) the expectations read. */
export interface Diagnosis {
  ruleId: string;
  severity: string;
  subject: { kind: string; namespace?: string; name: string };
  title: string;
}

const short = (sha: string) => sha.slice(0, 7);

/**
 * FLUX-STALE on a Kustomization whose controller stopped (story 7): quiet for longer than Flux
 * allows, or — stopped in the middle of a reconcile — an attempt running past spec.timeout
 * (this story's 15s within its 10s interval).
 */
export const STALE_STOPPED =
  /more than 2× spec\.interval \+ spec\.timeout ago|reconciling since \S+ without finishing \(allowed: spec\.timeout 15s within spec\.interval 10s\)/;

function line(d: Diagnosis): string {
  return `${d.severity} ${d.ruleId} ${d.subject.kind}/${d.subject.name}: ${d.title}`;
}

function text(d: Diagnosis): string {
  return JSON.stringify(d);
}

function about(diagnoses: Diagnosis[], kind: string, name: string): Diagnosis[] {
  return diagnoses.filter(d => d.subject.kind === kind && d.subject.name === name);
}

/** Nothing at error or warning level: the healthy state. */
function none(found: Diagnosis[], what: string): void {
  expect(found.map(line), `${what}, yet:\n${found.map(line).join('\n')}`).toEqual([]);
}

function healthy(diagnoses: Diagnosis[]): void {
  none(
    diagnoses.filter(d => d.severity !== 'info'),
    'healthy: nothing at warning or error'
  );
}

function one(diagnoses: Diagnosis[], ruleId: string, kind: string, name: string): Diagnosis {
  const found = about(diagnoses, kind, name).filter(d => d.ruleId === ruleId);
  expect(
    found.map(line),
    `${ruleId} on ${kind}/${name} among:\n${diagnoses.map(line).join('\n')}`
  ).toHaveLength(1);
  return found[0];
}

export const STEPS = {
  '01-good-commit': (diagnoses: Diagnosis[]) => healthy(diagnoses),

  '02-invalid-xrd': (diagnoses: Diagnosis[], facts: Facts) => {
    const invalid = one(diagnoses, 'FLUX-INVALID-MANIFESTS', 'Kustomization', 'crossplane-apis');
    expect(invalid.severity).toBe('error');
    expect(text(invalid)).toContain('xbuckets.platform.example.org');
    expect(text(invalid)).toContain(short(facts.bad));
    // The applied commit (still running) and the attempted one, both named.
    const apis = about(diagnoses, 'Kustomization', 'crossplane-apis').map(text).join('\n');
    expect(apis).toContain(short(facts.good));
    // crossplane-claims waits on its dependency: not failed.
    const claims = about(diagnoses, 'Kustomization', 'crossplane-claims');
    none(
      claims.filter(d => d.severity === 'error'),
      'crossplane-claims waits (DependencyNotReady): no error on it'
    );
  },

  '02-reverted': (diagnoses: Diagnosis[]) => healthy(diagnoses),

  '03-bad-credentials': (diagnoses: Diagnosis[]) => {
    const auth = one(diagnoses, 'FLUX-SOURCE-AUTH', 'GitRepository', 'crossplane-configs');
    expect(auth.severity).toBe('error');
    expect(text(auth)).toContain('crossplane-configs-auth');
  },

  '03-fixed': (diagnoses: Diagnosis[]) => healthy(diagnoses),

  '08-suspended': (diagnoses: Diagnosis[]) => {
    one(diagnoses, 'FLUX-SUSPENDED', 'Kustomization', 'crossplane-claims');
    expect(diagnoses.filter(d => d.severity === 'error').map(line)).toEqual([]);
  },

  '08-resumed': (diagnoses: Diagnosis[]) => healthy(diagnoses),

  '07-controller-stopped': (diagnoses: Diagnosis[]) => {
    for (const name of ['crossplane-apis', 'crossplane-claims']) {
      // What the rule has: the newest sign of handling (status.history, a condition, an event)
      // is older than 2× interval + timeout. The controller as the cause needs its Deployment/Pod,
      // which this stage has not got (the controllers run as local processes), so no cause is
      // claimed.
      // A controller stopped in the middle of a reconcile leaves Reconciling=True behind: then the
      // rule says the attempt runs past what Flux allows (this story's 15s within 10s).
      const stale = one(diagnoses, 'FLUX-STALE', 'Kustomization', name);
      expect(text(stale)).toMatch(STALE_STOPPED);
      if (!/reconciling since/.test(text(stale)))
        expect(text(stale)).toMatch(
          /status\.history|condition \w+ last changed|event \w+ was last seen/i
        );
    }
    // source-controller and helm-controller still run: their objects are not stale.
    expect(
      diagnoses
        .filter(d => d.ruleId === 'FLUX-STALE' && d.subject.kind !== 'Kustomization')
        .map(line)
    ).toEqual([]);
  },

  '07-restarted': (diagnoses: Diagnosis[]) => healthy(diagnoses),

  '10-function-missing': (diagnoses: Diagnosis[], facts: Facts) => {
    const health = one(diagnoses, 'FLUX-HEALTH-CHECK', 'Kustomization', 'crossplane-claims');
    expect(health.severity).toBe('error');
    // The commit went in (kustomize-controller applied it, then its health check timed out):
    // applied but unhealthy, not "did not land".
    const behind = one(diagnoses, 'FLUX-ROLLOUT-BEHIND', 'Kustomization', 'crossplane-claims');
    expect(behind.title).toContain(short(facts.added));
    expect(behind.title).toMatch(/applied but not healthy|applied, unhealthy/i);
    const causes =
      (health as Diagnosis & { causes?: Array<{ kind: string; name: string }> }).causes ?? [];
    expect(causes.map(cause => `${cause.kind}/${cause.name}`)).toContain('XBucket/team-a-bucket');
    const crossplane = one(diagnoses, 'XP-FUNCTION-MISSING', 'XBucket', 'team-a-bucket');
    expect(text(crossplane)).toContain('function-bucket');
  },

  '10-reverted': (diagnoses: Diagnosis[]) => healthy(diagnoses),

  '04-crd-ordering': (diagnoses: Diagnosis[], facts: Facts) => {
    const ordering = one(diagnoses, 'FLUX-CRD-ORDERING', 'Kustomization', 'crossplane-apis');
    expect(ordering.severity).toBe('error');
    expect(text(ordering)).toContain('XQueue');
    expect(text(ordering)).toContain(short(facts.bad));
  },

  '04-reverted': (diagnoses: Diagnosis[]) => healthy(diagnoses),

  '06-upgrade-failed': (diagnoses: Diagnosis[]) => {
    const stuck = one(diagnoses, 'FLUX-HELM-STUCK', 'HelmRelease', 'settings');
    expect(stuck.severity).toBe('error');
  },

  '06-fixed': (diagnoses: Diagnosis[]) => healthy(diagnoses),

  '09-drift-corrected': (diagnoses: Diagnosis[]) => {
    const drift = one(diagnoses, 'FLUX-DRIFT', 'Kustomization', 'crossplane-claims');
    expect(text(drift)).toContain('team-a-settings');
  },
} satisfies Record<string, (diagnoses: Diagnosis[], facts: Facts) => void>;

export type StepName = keyof typeof STEPS;
