import {
  crossplanePausePatch,
  crossplaneReconcilePatch,
  forcePatch,
  reconcilePatch,
  requestToken,
  resetPatch,
  resumePatch,
  suspendPatch,
} from '../../src/actions/patches';
import { requestProgress, sourceRequestHandled } from '../../src/actions/progress';
import { toResource } from '../../src/model/resource';

const TOKEN = '2026-11-26T09:30:00.123Z';

describe('patch builders (what the cluster receives)', () => {
  it('reconcile sets only the requestedAt annotation', () => {
    expect(reconcilePatch(TOKEN)).toEqual({
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': TOKEN } },
    });
  });
  it('suspend sets only spec.suspend', () => {
    expect(suspendPatch()).toEqual({ spec: { suspend: true } });
  });
  it('resume clears suspend and requests a reconcile', () => {
    expect(resumePatch(TOKEN)).toEqual({
      spec: { suspend: false },
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': TOKEN } },
    });
  });
  it('force and reset carry the same value as requestedAt', () => {
    expect(forcePatch(TOKEN)).toEqual({
      metadata: {
        annotations: {
          'reconcile.fluxcd.io/requestedAt': TOKEN,
          'reconcile.fluxcd.io/forceAt': TOKEN,
        },
      },
    });
    expect(resetPatch(TOKEN)).toEqual({
      metadata: {
        annotations: {
          'reconcile.fluxcd.io/requestedAt': TOKEN,
          'reconcile.fluxcd.io/resetAt': TOKEN,
        },
      },
    });
  });
  it('Crossplane pause sets the annotation and resume deletes it (null in a merge patch)', () => {
    expect(crossplanePausePatch(true)).toEqual({
      metadata: { annotations: { 'crossplane.io/paused': 'true' } },
    });
    expect(crossplanePausePatch(false)).toEqual({
      metadata: { annotations: { 'crossplane.io/paused': null } },
    });
    expect(crossplaneReconcilePatch(TOKEN)).toEqual({
      metadata: { annotations: { 'crossplane.io/reconcile-requested-at': TOKEN } },
    });
  });
  it('request tokens are RFC 3339 times and differ from one call to the next', () => {
    expect(requestToken(new Date(Date.parse(TOKEN)))).toBe(TOKEN);
    expect(requestToken(new Date(1))).not.toBe(requestToken(new Date(2)));
  });
});

function kustomization(status: Record<string, unknown>, generation = 1) {
  const resource = toResource({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'k', namespace: 'flux-system', generation },
    status,
  });
  if (!resource) throw new Error('fixture');
  return resource;
}

describe('requestProgress', () => {
  const started = Date.parse(TOKEN);
  it('waits until the controller copies the token to lastHandledReconcileAt', () => {
    const notYet = kustomization({
      lastHandledReconcileAt: 'older',
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(requestProgress(notYet, TOKEN, started, started + 1000)).toEqual({ state: 'waiting' });
  });
  it('reports Ready after the request was handled', () => {
    const done = kustomization({
      observedGeneration: 1,
      lastHandledReconcileAt: TOKEN,
      conditions: [{ type: 'Ready', status: 'True', message: 'Applied revision: main@sha1:abc' }],
    });
    expect(requestProgress(done, TOKEN, started, started + 1000)).toEqual({
      state: 'succeeded',
      message: 'Applied revision: main@sha1:abc',
    });
  });
  it('reports the failure message', () => {
    const failed = kustomization({
      lastHandledReconcileAt: TOKEN,
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'BuildFailed',
          message: 'kustomize build failed: accumulating resources',
        },
      ],
    });
    expect(requestProgress(failed, TOKEN, started, started + 1000)).toEqual({
      state: 'failed',
      message: 'kustomize build failed: accumulating resources',
    });
  });
  it('gives up after the timeout and says whether the controller ever handled the request', () => {
    // The words are the view's (RequestStatusLine); the tracker tells which case it is.
    const notYet = kustomization({});
    expect(requestProgress(notYet, TOKEN, started, started + 119_000)).toEqual({
      state: 'waiting',
    });
    expect(requestProgress(notYet, TOKEN, started, started + 121_000)).toEqual({
      state: 'timed-out',
      reason: 'not-handled',
      waitedSeconds: 120,
    });
    const working = kustomization({
      lastHandledReconcileAt: TOKEN,
      conditions: [{ type: 'Ready', status: 'Unknown', reason: 'Progressing', message: '' }],
    });
    expect(requestProgress(working, TOKEN, started, started + 121_000, 120_000)).toEqual({
      state: 'timed-out',
      reason: 'no-result',
      waitedSeconds: 120,
    });
  });
  it('settles a Crossplane request once it is handled, whatever Ready says', () => {
    const handled = kustomization({ lastHandledReconcileAt: TOKEN });
    expect(requestProgress(handled, TOKEN, started, started + 1000, 120_000, 'handled')).toEqual({
      state: 'handled',
    });
    expect(
      requestProgress(kustomization({}), TOKEN, started, started + 5_000, 2_000, 'handled')
    ).toEqual({ state: 'timed-out', reason: 'not-handled', waitedSeconds: 2 });
  });
  it('lets a reconcile-with-source go on when the source handled its request or got a new artifact', () => {
    const source = (status: Record<string, unknown>) =>
      toResource({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 's', namespace: 'ns' },
        status,
      });
    expect(sourceRequestHandled(source({ lastHandledReconcileAt: TOKEN }), TOKEN, 'a')).toBe(true);
    expect(sourceRequestHandled(source({ artifact: { revision: 'b' } }), TOKEN, 'a')).toBe(true);
    expect(sourceRequestHandled(source({ artifact: { revision: 'a' } }), TOKEN, 'a')).toBe(false);
    expect(sourceRequestHandled(undefined, TOKEN, 'a')).toBe(false);
  });
});
