import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forcePatch, reconcilePatch, requestToken, resetPatch } from '../../src/actions/patches';
import { diagnoseJson, Diagnosis } from './lib/cli';
import { controllersEnv } from './lib/controllersEnv';
import { clusterEnv } from './lib/env';
import { GitWork } from './lib/gitWork';
import { HelmRepository } from './lib/helmCharts';
import { at, Kube, sleep } from './lib/kube';
import { PluginBrowser } from './lib/pluginBrowser';
import { keyOf, Resources } from './lib/resources';
import { fixtureText, readStep, StoryHeader, writeFixture } from './lib/storySnapshot';
import { waitFor } from './lib/waitFor';
import { StepName, STEPS } from './stories/expectations';
import {
  BUCKET,
  fluxObjects,
  goodTree,
  QUEUE,
  QUEUE_XRD,
  settingsChart,
  xrd,
  XRD_NAME,
  yaml,
} from './stories/layout';
import { PAGES } from './stories/pluginPages';

/**
 * Failure stories against real controllers (controllers.sh): source-,
 * kustomize- and helm-controller and Crossplane core reconcile a local Git
 * repository and Helm repository on the stage's "controllers" API server.
 * Each step is asserted in `diagnose --kubeconfig --output json` (live) and in
 * `diagnose --snapshot` of what was read at that moment (the fixture the unit
 * tests keep, test/fixtures/real/), on what a person reads — and, for the
 * steps stories/pluginPages.ts names, in the built plugin inside real Headlamp
 * against the same API server (story 8's actions are clicked there).
 */

const FLUX_NS = 'flux-system';
const GIT_PATH = `/apis/source.toolkit.fluxcd.io/v1/namespaces/${FLUX_NS}/gitrepositories/crossplane-configs`;
const KS_PATH = (name: string) =>
  `/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${FLUX_NS}/kustomizations/${name}`;
const HR_PATH = `/apis/helm.toolkit.fluxcd.io/v2/namespaces/${FLUX_NS}/helmreleases/settings`;
const XRD_PATH = `/apis/apiextensions.crossplane.io/v2/compositeresourcedefinitions/${XRD_NAME}`;
const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';

type Obj = Record<string, unknown>;

function condition(object: unknown, type: string): Obj | undefined {
  const conditions = (at(object, 'status', 'conditions') as Obj[] | undefined) ?? [];
  return conditions.find(c => c.type === type);
}

function isTrue(object: unknown, type: string): boolean {
  return condition(object, type)?.status === 'True';
}

function summary(object: unknown): string {
  const ready = condition(object, 'Ready');
  return JSON.stringify({
    generation: at(object, 'metadata', 'generation'),
    observedGeneration: at(object, 'status', 'observedGeneration'),
    ready: ready && `${String(ready.status)} ${String(ready.reason)}: ${String(ready.message)}`,
    artifact: at(object, 'status', 'artifact', 'revision'),
    applied: at(object, 'status', 'lastAppliedRevision'),
    attempted: at(object, 'status', 'lastAttemptedRevision'),
    handled: at(object, 'status', 'lastHandledReconcileAt'),
  });
}

// A story waits on real controllers (a health-check timeout, 2 × interval of staleness): minutes.
describe('real Flux and Crossplane controllers: failure stories', { timeout: 900_000 }, () => {
  const cluster = clusterEnv();
  const env = controllersEnv();
  const kube = new Kube(env.server, cluster.tokens.admin, cluster.ca);
  const resources = new Resources(kube);
  const git = GitWork.create(join(env.dir, 'work'), env.gitRepository);
  const charts = new HelmRepository(env.chartsDir, env.chartsUrl);
  const last = new Map<string, unknown>();

  const get = async (path: string): Promise<unknown> => {
    const response = await kube.get(path, false);
    const body = response.status === 200 ? response.body : undefined;
    last.set(path, body);
    return body;
  };
  const lastOf = (path: string) => () => summary(last.get(path));

  const applyAll = async (manifests: Obj[]) => {
    for (const manifest of manifests)
      await kube.apply(await resources.path(keyOf(manifest)), manifest);
  };

  /**
   * Waits until the object at `path` satisfies `test` (after its controller observed the current
   * generation). 4 minutes: crossplane-claims re-checks its dependsOn every 30 s (kustomize-
   * controller's --requeue-dependency, no jitter) and fails the check while crossplane-apis is
   * in the middle of a reconcile (Ready=Unknown); crossplane-apis comes round every 30 s ± 5 %
   * plus its ~1 s of work, so the two drift apart slowly and claims can miss several retries in
   * a row (three after a restart, in a recorded run): each one is 30 s more.
   */
  const waitUntil = (
    what: string,
    path: string,
    test: (object: unknown) => boolean,
    timeoutMs = 240_000
  ) =>
    waitFor(
      what,
      async () => {
        const object = await get(path);
        // Observed the current spec (kinds without status.observedGeneration: their conditions speak).
        const observed = at(object, 'status', 'observedGeneration');
        const current =
          object !== undefined &&
          (observed === undefined || observed === at(object, 'metadata', 'generation'));
        return current && test(object) ? object : undefined;
      },
      timeoutMs,
      lastOf(path)
    );

  const revisionOf = (sha: string) => `main@sha1:${sha}`;
  const appliedAt = (sha: string) => (object: unknown) =>
    isTrue(object, 'Ready') && at(object, 'status', 'lastAppliedRevision') === revisionOf(sha);

  /** Reads the step, keeps it as a fixture, and asserts the step's expectations on both diagnoses. */
  const check = async (name: StepName, facts: Record<string, string>): Promise<Diagnosis[]> => {
    const now = new Date().toISOString();
    const objects = await readStep(env.kubeconfig);
    const header: StoryHeader = { now, facts };
    const text = fixtureText(header, objects);
    const file = join(env.dir, `${name}.yaml`);
    writeFileSync(file, text);
    writeFixture(name, text);
    const [snapshot, live] = await Promise.all([
      diagnoseJson(['--snapshot', file, '--now', now]).then(r => r.diagnoses),
      diagnoseJson(['--kubeconfig', env.kubeconfig]).then(r => r.diagnoses),
    ]);
    const shown = (list: Diagnosis[]) =>
      list
        .map(d => `${d.severity} ${d.ruleId} ${d.subject.kind}/${d.subject.name}: ${d.title}`)
        .join('\n');
    console.log(`step ${name}:\n${shown(live)}`);
    // A failed step is kept and the story goes on to its healthy end, so that
    // the next story starts from a healthy cluster; flush() fails the story.
    for (const [what, diagnoses] of [
      ['diagnose --snapshot', snapshot],
      ['diagnose --kubeconfig', live],
    ] as const) {
      try {
        STEPS[name](diagnoses, facts);
      } catch (error) {
        failures.push(
          `${name} (${what}): ${error instanceof Error ? error.message : String(error)}`
        );
      }
    }
    const pages = PAGES[name];
    if (pages) {
      const started = Date.now();
      try {
        await pages(plugin(), facts, live);
      } catch (error) {
        failures.push(
          `${name} (the plugin in ${browser?.frontend ?? 'the browser'}): ${
            error instanceof Error ? error.message : String(error)
          }`
        );
      }
      const problems = browser?.problems() ?? [];
      if (problems.length)
        failures.push(`${name}: the browser reported problems:\n${problems.join('\n')}`);
      console.log(
        `step ${name}: the plugin's pages read in ${((Date.now() - started) / 1000).toFixed(1)} s`
      );
    }
    return live;
  };
  const failures: string[] = [];
  const flush = () => {
    const found = failures.splice(0);
    if (found.length) throw new Error(found.join('\n\n'));
  };
  afterEach(() => {
    failures.length = 0;
  });

  /** controllers.sh start|stop RUN_DIR NAME: the stage's own script, by recorded PID. */
  const controllers = async (command: 'start' | 'stop', name: string) => {
    await promisify(execFile)('bash', ['test/cluster/controllers.sh', command, env.runDir, name], {
      timeout: 120_000,
    });
  };

  /** The built plugin in real Headlamp against this API server (started once, beforeAll). */
  let browser: PluginBrowser | undefined;
  let browserError = '';
  const plugin = (): PluginBrowser => {
    if (!browser) throw new Error(`the browser did not start: ${browserError}`);
    return browser;
  };
  /**
   * Clicks an action of crossplane-claims' own action bar (a banner may carry another
   * object's actions, e.g. its dependency's Reconcile, above it).
   */
  const click = async (page: Page, name: string) => {
    const bar = page.locator(`[data-action-bar$="|Kustomization|${FLUX_NS}|crossplane-claims"]`);
    const button = bar.getByRole('button', { name, exact: true }).first();
    await button.waitFor({ state: 'visible', timeout: 60_000 });
    await button.click();
  };
  const requestedAt = (object: unknown): string | undefined =>
    (at(object, 'metadata', 'annotations') as Record<string, string> | undefined)?.[REQUESTED_AT];
  /** The new request the plugin wrote on the real object (its `requestedAt`, changed). */
  const newRequest = (path: string, previous: string | undefined) =>
    waitFor(
      "the plugin's reconcile request on the real object",
      async () => {
        const value = requestedAt(await get(path));
        return value && value !== previous ? value : undefined;
      },
      30_000,
      lastOf(path)
    );

  const helm = env.running.has('helm-controller');
  const crossplane = env.running.has('crossplane');
  let good = '';

  afterAll(async () => {
    await browser?.stop();
  });

  beforeAll(async () => {
    const browserStarted = Date.now();
    try {
      browser = await PluginBrowser.start({
        kubeconfig: env.kubeconfig,
        context: 'controllers-admin',
        log: line => console.log(line),
      });
      console.log(
        `the plugin in ${browser.frontend} against the controllers' API server (${(
          (Date.now() - browserStarted) /
          1000
        ).toFixed(1)} s)`
      );
    } catch (error) {
      browserError = error instanceof Error ? error.message : String(error);
    }
    charts.add(settingsChart('0.1.0', true));
    good = git.commit('Platform APIs and team settings', goodTree());
    await applyAll(
      fluxObjects({
        gitUrl: env.gitUrl,
        gitUser: env.gitUser,
        gitPassword: env.gitPassword,
        chartsUrl: env.chartsUrl,
        chartVersion: '0.1.0',
        withHelm: helm,
      })
    );
  });

  it("1. a good commit: everything Ready, the revision is the Git server's commit", async () => {
    const source = await waitUntil(
      'the GitRepository to store the commit',
      GIT_PATH,
      object => at(object, 'status', 'artifact', 'revision') === revisionOf(good)
    );
    expect(condition(source, 'Ready')?.status).toBe('True');
    await waitUntil(
      'crossplane-apis to apply the commit',
      KS_PATH('crossplane-apis'),
      appliedAt(good)
    );
    await waitUntil(
      'crossplane-claims to apply the commit',
      KS_PATH('crossplane-claims'),
      appliedAt(good)
    );
    if (crossplane) {
      await waitUntil('Crossplane to establish the XRD', XRD_PATH, object =>
        isTrue(object, 'Established')
      );
    }
    if (helm) {
      await waitUntil('the HelmRelease to install', HR_PATH, object => isTrue(object, 'Ready'));
    }
    await check('01-good-commit', { good, revision: revisionOf(good) });
    flush();
  });

  it('2. an invalid XRD: crossplane-apis fails, crossplane-claims waits; git revert recovers', async () => {
    const bad = git.commit('XRD with an unknown scope', { 'apis/xrd.yaml': yaml(xrd('Regional')) });
    await waitUntil(
      'crossplane-apis to fail on the commit',
      KS_PATH('crossplane-apis'),
      object =>
        condition(object, 'Ready')?.status === 'False' &&
        at(object, 'status', 'lastAttemptedRevision') === revisionOf(bad)
    );
    await waitUntil(
      'crossplane-claims to wait on its dependency',
      KS_PATH('crossplane-claims'),
      object => condition(object, 'Ready')?.reason === 'DependencyNotReady'
    );
    await check('02-invalid-xrd', { good, bad });
    const revert = git.revertLast();
    await waitUntil(
      'crossplane-apis to apply the revert',
      KS_PATH('crossplane-apis'),
      appliedAt(revert)
    );
    await waitUntil(
      'crossplane-claims to apply the revert',
      KS_PATH('crossplane-claims'),
      appliedAt(revert)
    );
    await check('02-reverted', { good: revert, revision: revisionOf(revert) });
    flush();
  });

  it("3. wrong credentials in the source's Secret: FLUX-SOURCE-AUTH; fixed, it recovers", async () => {
    const secretPath = `/api/v1/namespaces/${FLUX_NS}/secrets/crossplane-configs-auth`;
    await kube.mergePatch(secretPath, { stringData: { password: 'not-the-password' } });
    await kube.mergePatch(GIT_PATH, reconcilePatch(requestToken()));
    await waitUntil(
      'the GitRepository to fail authentication',
      GIT_PATH,
      object => condition(object, 'Ready')?.status === 'False'
    );
    await check('03-bad-credentials', { good: git.git('rev-parse', 'HEAD') });
    await kube.mergePatch(secretPath, { stringData: { password: env.gitPassword } });
    const token = requestToken();
    await kube.mergePatch(GIT_PATH, reconcilePatch(token));
    await waitUntil(
      'the GitRepository to recover',
      GIT_PATH,
      object => isTrue(object, 'Ready') && at(object, 'status', 'lastHandledReconcileAt') === token
    );
    const head = git.git('rev-parse', 'HEAD');
    await check('03-fixed', { good: head, revision: revisionOf(head) });
    flush();
  });

  it('8. Reconcile, Suspend, Resume clicked in the plugin: handled by kustomize-controller', async () => {
    const path = KS_PATH('crossplane-claims');
    const page = await plugin().kustomization(FLUX_NS, 'crossplane-claims');
    const before = requestedAt(await get(path));
    await click(page, 'Reconcile');
    const token = await newRequest(path, before).catch(async (error: unknown) => {
      await page.screenshot({ path: 'test-output/e2e/FAILED-story-8-reconcile.png' });
      throw error;
    });
    // The reconcile that handles the request checks dependsOn first: if crossplane-apis is in the
    // middle of its own periodic reconcile (Ready=Unknown), kustomize-controller records the request
    // as handled with Ready=False DependencyNotReady and retries 30 s later. Ready=True with the
    // request handled is the reconcile that went through.
    await waitUntil(
      'kustomize-controller to handle the request and reconcile',
      path,
      object => isTrue(object, 'Ready') && at(object, 'status', 'lastHandledReconcileAt') === token
    );
    // The page follows: the handled request's time is its date label (the exact time in data-time).
    await page.locator(`[data-time="${token}"]`).first().waitFor({ timeout: 60_000 });

    await click(page, 'Suspend');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Suspend Kustomization crossplane-claims?').waitFor({ timeout: 30_000 });
    await dialog.getByRole('button').filter({ hasText: /^Yes$/ }).click();
    await waitFor(
      "the plugin's suspend on the real object",
      async () => (at(await get(path), 'spec', 'suspend') === true ? true : undefined),
      30_000,
      lastOf(path)
    );
    const applied = String(at(await get(path), 'status', 'lastAppliedRevision'));
    const change = git.commit('Team settings: premium tier', {
      'claims/settings.yaml': yaml({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'team-a-settings', namespace: 'default' },
        data: { tier: 'premium' },
      }),
    });
    await waitUntil(
      'the source to have the new commit',
      GIT_PATH,
      object => at(object, 'status', 'artifact', 'revision') === revisionOf(change)
    );
    await waitUntil(
      'crossplane-apis (not suspended) to apply it',
      KS_PATH('crossplane-apis'),
      appliedAt(change)
    );
    const suspended = await get(path);
    expect(at(suspended, 'status', 'lastAppliedRevision')).toBe(applied);
    const configMap = await get('/api/v1/namespaces/default/configmaps/team-a-settings');
    expect(at(configMap, 'data', 'tier')).toBe('standard');
    await check('08-suspended', { applied, change });

    // check() left the suspended claims page open: Resume there.
    const resumePage = await plugin().kustomization(FLUX_NS, 'crossplane-claims');
    const previous = requestedAt(await get(path));
    await click(resumePage, 'Resume');
    const resume = await newRequest(path, previous);
    expect(at(await get(path), 'spec', 'suspend')).toBe(false);
    await waitUntil(
      'crossplane-claims to apply the commit after resume',
      path,
      object =>
        appliedAt(change)(object) && at(object, 'status', 'lastHandledReconcileAt') === resume
    );
    expect(
      at(await get('/api/v1/namespaces/default/configmaps/team-a-settings'), 'data', 'tier')
    ).toBe('premium');
    await check('08-resumed', { good: change, revision: revisionOf(change) });
    flush();
  });

  it('7. kustomize-controller stopped: its Kustomizations go stale after their interval; restarted, it clears', async () => {
    const head = git.git('rev-parse', 'HEAD');
    // This story's Kustomizations only: interval 10s, timeout 15s while the controller is stopped
    // (the layout's 30s and 40s are back once it runs again). The rule reads each object's own
    // spec, so what it asserts is unchanged; staleness comes after 2 × 10 s + 15 s instead of
    // 2 × 30 s + 40 s.
    const names = ['crossplane-apis', 'crossplane-claims'];
    const timing = async (interval: string, timeout: string) => {
      for (const name of names)
        await kube.mergePatch(KS_PATH(name), { spec: { interval, timeout } });
      for (const name of names)
        await waitUntil(`${name} to reconcile with interval ${interval}`, KS_PATH(name), object =>
          isTrue(object, 'Ready')
        );
    };
    await timing('10s', '15s');
    await controllers('stop', 'kustomize-controller');
    let unhandled = '';
    try {
      // The last sign of handling is at most the stop: stale 35 s later; 10 s of margin.
      await sleep(45_000);
      unhandled = requestToken();
      await kube.mergePatch(KS_PATH('crossplane-apis'), reconcilePatch(unhandled));
      await sleep(5_000);
      expect(
        at(await get(KS_PATH('crossplane-apis')), 'status', 'lastHandledReconcileAt')
      ).not.toBe(unhandled);
      await check('07-controller-stopped', { good: head, token: unhandled });
    } finally {
      await controllers('start', 'kustomize-controller');
    }
    // The request made while it was stopped, handled: crossplane-apis' Ready=True and an older
    // lastHandledReconcileAt are what the stopped controller left, not a sign that it runs again.
    await waitUntil(
      'crossplane-apis to handle the request made while the controller was stopped',
      KS_PATH('crossplane-apis'),
      object =>
        isTrue(object, 'Ready') && at(object, 'status', 'lastHandledReconcileAt') === unhandled
    );
    const token = requestToken();
    await kube.mergePatch(KS_PATH('crossplane-claims'), reconcilePatch(token));
    await waitUntil(
      'crossplane-claims to reconcile again',
      KS_PATH('crossplane-claims'),
      object => isTrue(object, 'Ready') && at(object, 'status', 'lastHandledReconcileAt') === token
    );
    // The layout's timing before the healthy end is read: on 10s crossplane-apis reconciles every
    // ~11 s, and crossplane-claims, checking dependsOn in one of those seconds, waits 30 s
    // (DependencyNotReady) — often enough to catch the pages read after the check.
    await timing('30s', '40s');
    await check('07-restarted', { good: head, revision: revisionOf(head) });
    flush();
  });

  it('9. drift: an applied object edited through the API is corrected on the next reconcile', async () => {
    const path = '/api/v1/namespaces/default/configmaps/team-a-settings';
    const DRIFTED = 'ConfigMap/default/team-a-settings';
    /** kustomize-controller's events about crossplane-claims with the line "<DRIFTED> configured": name → count. */
    const configuredEvents = async (): Promise<Map<string, number>> => {
      const selector = encodeURIComponent(
        'involvedObject.kind=Kustomization,involvedObject.name=crossplane-claims'
      );
      const list = await kube.get(`/api/v1/namespaces/${FLUX_NS}/events?fieldSelector=${selector}`);
      const items = (at(list.body, 'items') as Obj[] | undefined) ?? [];
      return new Map(
        items
          .filter(event =>
            String(event.message ?? '')
              .split('\n')
              .some(line => line.trim() === `${DRIFTED} configured`)
          )
          .map(event => [String(at(event, 'metadata', 'name')), Number(event.count ?? 1)])
      );
    };
    const wanted = at(await get(path), 'data', 'tier');
    const before = await configuredEvents();
    await kube.mergePatch(path, { data: { tier: 'edited-by-hand' } });
    const token = requestToken();
    await kube.mergePatch(KS_PATH('crossplane-claims'), reconcilePatch(token));
    // Handled with Ready=False DependencyNotReady when crossplane-apis was reconciling at that
    // moment (nothing applied; the retry comes 30 s later): Ready=True is the apply.
    await waitUntil(
      'crossplane-claims to handle the request and apply',
      KS_PATH('crossplane-claims'),
      object => isTrue(object, 'Ready') && at(object, 'status', 'lastHandledReconcileAt') === token
    );
    expect(at(await get(path), 'data', 'tier')).toBe(wanted);
    // kustomize-controller reports the correction in an event, which its recorder writes
    // asynchronously (queued during the apply, not part of the status patch): the step is read
    // once the event of this correction is there (a new one, or the old one counted once more).
    // None at all would be client-go's spam filter (25 events per Kustomization and process,
    // then one per 5 minutes): FLUX-DRIFT reads the event, so this story runs right after story
    // 7 restarts kustomize-controller, with a fresh recorder.
    await waitFor(
      "kustomize-controller's event for the correction",
      async () => {
        const now = await configuredEvents();
        return [...now].some(([name, count]) => count > (before.get(name) ?? 0)) ? true : undefined;
      },
      30_000,
      () =>
        `"${DRIFTED} configured" events about crossplane-claims before the edit: ${JSON.stringify([
          ...before,
        ])}`
    );
    await check('09-drift-corrected', { good: git.git('rev-parse', 'HEAD') });
    flush();
  });

  it.skipIf(!crossplane)(
    "10. an XR whose Composition needs a Function that is not installed: the Crossplane cause leads crossplane-claims' banner (a health check that times out)",
    async () => {
      const before = git.git('rev-parse', 'HEAD');
      const added = git.commit('A bucket for team A', { 'claims/bucket.yaml': yaml(BUCKET) });
      try {
        await waitUntil(
          'crossplane-claims to time out on the XR',
          KS_PATH('crossplane-claims'),
          object =>
            condition(object, 'Ready')?.reason === 'HealthCheckFailed' &&
            at(object, 'status', 'lastAttemptedRevision') === revisionOf(added),
          // The dependency retries of any wait, and the 40 s health check on top.
          300_000
        );
        await check('10-function-missing', { good: before, added });
      } finally {
        git.revertLast();
      }
      const revert = git.git('rev-parse', 'HEAD');
      await waitUntil(
        'crossplane-claims to apply the revert',
        KS_PATH('crossplane-claims'),
        appliedAt(revert)
      );
      // kustomize-controller prunes the XR with a DELETE and does not wait for it to go: until
      // Crossplane removes its finalizer the XR is still there, deleting, with the failed
      // pipeline in its conditions (XP-FUNCTION-MISSING). The healthy end is once it is gone.
      const bucketPath =
        '/apis/platform.example.org/v1alpha1/namespaces/default/xbuckets/team-a-bucket';
      await waitFor(
        'the pruned XR to be gone',
        async () => {
          const response = await kube.get(bucketPath, false);
          last.set(bucketPath, response.body);
          return response.status === 404 ? true : undefined;
        },
        60_000,
        () => {
          const object = last.get(bucketPath);
          return JSON.stringify({
            deletionTimestamp: at(object, 'metadata', 'deletionTimestamp'),
            finalizers: at(object, 'metadata', 'finalizers'),
          });
        }
      );
      await check('10-reverted', { good: revert, revision: revisionOf(revert) });
      flush();
    }
  );

  it('4. a kind applied in the same Kustomization as the XRD that defines it: FLUX-CRD-ORDERING', async () => {
    const before = git.git('rev-parse', 'HEAD');
    const bad = git.commit('Queues: XRD and a queue together', {
      'apis/queue.yaml': yaml(QUEUE_XRD, QUEUE),
    });
    await waitUntil(
      'crossplane-apis to fail on the commit',
      KS_PATH('crossplane-apis'),
      object =>
        condition(object, 'Ready')?.status === 'False' &&
        at(object, 'status', 'lastAttemptedRevision') === revisionOf(bad)
    );
    await check('04-crd-ordering', { good: before, bad });
    const revert = git.revertLast();
    await waitUntil(
      'crossplane-apis to apply the revert',
      KS_PATH('crossplane-apis'),
      appliedAt(revert)
    );
    await waitUntil(
      'crossplane-claims to apply the revert',
      KS_PATH('crossplane-claims'),
      appliedAt(revert)
    );
    await check('04-reverted', { good: revert, revision: revisionOf(revert) });
    flush();
  });

  it.skipIf(!helm)(
    '6. a chart that fails to upgrade: FLUX-HELM-STUCK; Force and Reset are handled by helm-controller',
    async () => {
      charts.add(settingsChart('0.2.0', false));
      await kube.mergePatch(HR_PATH, { spec: { chart: { spec: { version: '0.2.0' } } } });
      await waitUntil(
        'the upgrade to fail',
        HR_PATH,
        object => {
          // helm-controller v1.4 leaves Ready Unknown ("Fulfilling prerequisites") once it stalls.
          // A verdict counts once it is about the current spec (the version just patched in): a
          // Ready=False the controller has not yet written for this generation is in progress.
          const generation = at(object, 'metadata', 'generation');
          const current = (type: string) => {
            const found = condition(object, type);
            return found && at(found, 'observedGeneration') === generation ? found : undefined;
          };
          return (
            current('Stalled')?.status === 'True' ||
            (current('Ready')?.status === 'False' &&
              at(object, 'status', 'observedGeneration') === generation)
          );
        },
        180_000
      );
      // helm-controller writes the stalled state in more than one status update: the step is
      // read once diagnose, reading the cluster as it is, reports the release stuck.
      await waitFor(
        'diagnose to report the release stuck',
        async () => {
          const { diagnoses } = await diagnoseJson(['--kubeconfig', env.kubeconfig]);
          return diagnoses.some(
            d => d.ruleId === 'FLUX-HELM-STUCK' && d.subject.name === 'settings'
          )
            ? true
            : undefined;
        },
        60_000,
        () => 'no FLUX-HELM-STUCK on HelmRelease settings yet'
      );
      await check('06-upgrade-failed', {});
      const force = requestToken();
      await kube.mergePatch(HR_PATH, forcePatch(force));
      await waitUntil(
        'helm-controller to handle Force',
        HR_PATH,
        object => at(object, 'status', 'lastHandledForceAt') === force
      );
      const reset = requestToken();
      await kube.mergePatch(HR_PATH, resetPatch(reset));
      await waitUntil(
        'helm-controller to handle Reset',
        HR_PATH,
        object => at(object, 'status', 'lastHandledResetAt') === reset
      );
      charts.add(settingsChart('0.3.0', true));
      await kube.mergePatch(HR_PATH, { spec: { chart: { spec: { version: '0.3.0' } } } });
      await waitUntil(
        'the fixed chart to install',
        HR_PATH,
        object => isTrue(object, 'Ready'),
        180_000
      );
      await check('06-fixed', {});
      flush();
    }
  );
});
