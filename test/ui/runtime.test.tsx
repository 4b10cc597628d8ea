/** @vitest-environment jsdom */
// Component tests of the Runtime page and of the logs links diagnoses offer,
// with the real Headlamp components against the msw fake cluster.
import './loadHeadlamp';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { Route, Switch } from 'react-router-dom';
import { FluxCrossplaneDataProvider } from '../../src/k8s/FluxCrossplaneData';
import { KustomizationDetailPage } from '../../src/views/kustomizations/KustomizationDetailPage';
import { OverviewPage } from '../../src/views/overview/OverviewPage';
import { RuntimePage } from '../../src/views/runtime/RuntimePage';
import { loadFixture } from '../fixtures/load';
import {
  CRASH_LOOP,
  crossplaneCore,
  fluxControllers,
  IMAGE_PULL,
  packageRuntime,
  rbacManager,
} from '../fixtures/runtime';
import { FakeClusterOptions } from './demoApi';
import { fakeClusterServer, renderInHeadlamp } from './harness';

const { serve } = fakeClusterServer();

const WAIT = { timeout: 15_000 };
type Json = Record<string, unknown>;

const PROVIDER_REVISION = 'provider-nop-ext-functions-1a2b3c';
const FUNCTION_REVISION = 'function-dummy-ext-functions-5e3a1b';

function runtimeObjects(
  flux: Parameters<typeof fluxControllers>[0] = {},
  providerPods = [{}]
): Json[] {
  return [
    ...fluxControllers(flux),
    ...crossplaneCore(),
    ...rbacManager(),
    ...packageRuntime('Provider', 'provider-nop-ext-functions', PROVIDER_REVISION, {
      pods: providerPods,
    }),
    ...packageRuntime('Function', 'function-dummy-ext-functions', FUNCTION_REVISION),
  ];
}

function cluster(objects: Json[], extra: Partial<FakeClusterOptions> = {}): FakeClusterOptions {
  return {
    name: 'test',
    objects: [...loadFixture('platform.yaml'), ...objects],
    extraGroups: ['notification.toolkit.fluxcd.io'],
    ...extra,
  };
}

function renderRuntime() {
  return renderInHeadlamp(
    <Switch>
      <Route path="/c/:cluster/flux-crossplane/runtime">
        <FluxCrossplaneDataProvider>
          <RuntimePage />
        </FluxCrossplaneDataProvider>
      </Route>
    </Switch>,
    { path: '/flux-crossplane/runtime' }
  );
}

/** The table row of a controller (by the text of its name cell). */
async function row(name: string): Promise<HTMLElement> {
  const cell = await screen.findByText(name, { selector: 'a, span' }, WAIT);
  return cell.closest('tr') as HTMLElement;
}

describe('Runtime page', () => {
  it('shows healthy Flux and Crossplane controllers with versions, images, restarts and logs links', async () => {
    const fake = serve(cluster(runtimeObjects()));
    renderRuntime();
    const kustomize = await row('kustomize-controller');
    expect(within(kustomize).getByText('Available')).toBeTruthy();
    expect(within(kustomize).getByText('v1.6.1')).toBeTruthy();
    expect(within(kustomize).getByText('ghcr.io/fluxcd/kustomize-controller:v1.6.1')).toBeTruthy();
    expect(within(kustomize).getByText('1/1')).toBeTruthy();
    expect(
      within(kustomize).getByRole('link', { name: 'kustomize-controller' }).getAttribute('href')
    ).toBe('/c/test/deployments/flux-system/kustomize-controller');
    expect(within(kustomize).getByRole('link', { name: 'Logs' }).getAttribute('href')).toBe(
      '/c/test/pods/flux-system/kustomize-controller-7d9f8c6b5-x2x9z?view=logs'
    );
    expect(within(kustomize).getByText(/^\d+d$/)).toBeTruthy();
    for (const name of ['source-controller', 'helm-controller', 'notification-controller'])
      expect(within(await row(name)).getByText('Available')).toBeTruthy();
    const core = await row('crossplane');
    expect(within(core).getByText('Crossplane core')).toBeTruthy();
    expect(within(core).getByText('v2.0.2')).toBeTruthy();
    const provider = (
      await screen.findByRole('link', { name: 'Provider provider-nop-ext-functions' }, WAIT)
    ).closest('tr') as HTMLElement;
    expect(within(provider).getByText('Available')).toBeTruthy();
    expect(within(provider).getByText(/revision provider-nop-ext-functions-1a2b3c/)).toBeTruthy();
    const fn = (
      await screen.findByRole('link', { name: 'Function function-dummy-ext-functions' }, WAIT)
    ).closest('tr') as HTMLElement;
    expect(within(fn).getByText('Available')).toBeTruthy();
    expect(within(fn).getByText(/container package-runtime/)).toBeTruthy();
    // Versions of the installation and the features they allow.
    expect(screen.getByText('v2.6.4')).toBeTruthy();
    expect(screen.getByText('Crossplane version').nextElementSibling?.textContent).toBe('v2.0.2');
    // Nothing is down.
    expect(screen.queryByText(/is down/)).toBeNull();
    // Few, label-selected lists: never one request per controller.
    const runtimeLists = fake.requests.filter(
      r =>
        r.method === 'GET' && /\/(pods|deployments)$/.test(r.path) && !r.query.includes('watch=1')
    );
    expect(
      runtimeLists
        .map(r => `${r.path}?${new URLSearchParams(r.query).get('labelSelector') ?? ''}`)
        .sort()
    ).toEqual([
      '/api/v1/pods?app.kubernetes.io/part-of in (flux,crossplane)',
      '/api/v1/pods?pkg.crossplane.io/revision',
      '/apis/apps/v1/deployments?app.kubernetes.io/part-of in (flux,crossplane)',
      '/apis/apps/v1/namespaces/crossplane-system/deployments?',
    ]);
  });

  it('shows a crash-looping controller as down, with the banner, restarts and the logs of the right pod and container', async () => {
    serve(cluster(runtimeObjects({ 'kustomize-controller': { pods: [CRASH_LOOP] } })));
    renderRuntime();
    const banner = await screen.findByText(
      /Flux kustomize-controller is down: CrashLoopBackOff \(last exit OOMKilled\)/,
      {},
      WAIT
    );
    const alert = banner.closest('[role="alert"]') as HTMLElement;
    expect(alert.getAttribute('data-rule')).toBe('FLUX-CONTROLLER-DOWN');
    expect(
      within(alert).getByText(/restarted 14 times, last exit OOMKilled \(exit code 137\)/)
    ).toBeTruthy();
    expect(
      within(alert).getByText(
        'kubectl logs kustomize-controller-7d9f8c6b5-x2x9z -c manager --previous -n flux-system --context test'
      )
    ).toBeTruthy();
    const open = within(alert).getByRole('link', {
      name: 'Open logs of pod kustomize-controller-7d9f8c6b5-x2x9z',
    });
    expect(open.getAttribute('href')).toBe(
      '/c/test/pods/flux-system/kustomize-controller-7d9f8c6b5-x2x9z?view=logs'
    );
    const kustomize = await row('kustomize-controller');
    expect(within(kustomize).getByText('Down')).toBeTruthy();
    expect(within(kustomize).getByText('14')).toBeTruthy();
    expect(within(kustomize).getByText('0/1')).toBeTruthy();
    const logs = within(kustomize).getByRole('link', { name: 'Logs' });
    expect(logs.getAttribute('href')).toBe(
      '/c/test/pods/flux-system/kustomize-controller-7d9f8c6b5-x2x9z?view=logs'
    );
    expect(within(kustomize).getByText(/container manager/)).toBeTruthy();
    expect(within(await row('helm-controller')).getByText('Available')).toBeTruthy();
  });

  it('shows a missing controller and a provider runtime that cannot pull its image', async () => {
    const objects = runtimeObjects({ 'helm-controller': null }, [IMAGE_PULL]);
    objects.push({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'crossplane', namespace: 'crossplane-system' },
      spec: { interval: '10m', chart: { spec: { chart: 'crossplane' } } },
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'UpgradeSucceeded' }] },
    });
    serve(cluster(objects));
    renderRuntime();
    expect(
      await screen.findByText(
        /Flux helm-controller is not installed in namespace flux-system/,
        {},
        WAIT
      )
    ).toBeTruthy();
    const helm = await row('helm-controller');
    expect(within(helm).getByText('Not found')).toBeTruthy();
    const provider = (
      await screen.findByRole('link', { name: 'Provider provider-nop-ext-functions' }, WAIT)
    ).closest('tr') as HTMLElement;
    expect(within(provider).getByText('Down')).toBeTruthy();
    expect(within(provider).getByText(/ImagePullBackOff/)).toBeTruthy();
    expect(within(provider).getByText(/container package-runtime/)).toBeTruthy();
    expect(
      screen.getByText(/Provider provider-nop-ext-functions's runtime is down: ImagePullBackOff/)
    ).toBeTruthy();
  });

  it('a user who cannot list pods gets a note, the controllers from their Deployments, and the rest of the plugin', async () => {
    serve(
      cluster(runtimeObjects({ 'kustomize-controller': { pods: [CRASH_LOOP] } }), {
        forbidden: ['/pods'],
      })
    );
    const { unmount } = renderRuntime();
    expect(
      await screen.findByText(
        /Not allowed to list Pod in all namespaces in cluster test\. Restarts, crash loops and links to the logs are not shown/,
        {},
        WAIT
      )
    ).toBeTruthy();
    // Availability still comes from the Deployment: down, without a pod to open.
    const kustomize = await row('kustomize-controller');
    expect(within(kustomize).getByText('Down')).toBeTruthy();
    expect(within(kustomize).getByText('0/1')).toBeTruthy();
    expect(within(kustomize).getByText('no pod visible')).toBeTruthy();
    expect(within(kustomize).queryByRole('link', { name: 'Logs' })).toBeNull();
    const banner = screen
      .getByText(/Flux kustomize-controller is down/)
      .closest('[role="alert"]') as HTMLElement;
    expect(
      within(banner).getByText(
        'kubectl logs deploy/kustomize-controller -c manager -n flux-system --context test'
      )
    ).toBeTruthy();
    unmount();

    // The rest of the plugin keeps working, with a note instead of an error page.
    renderInHeadlamp(
      <Switch>
        <Route path="/c/:cluster/flux-crossplane">
          <FluxCrossplaneDataProvider>
            <OverviewPage />
          </FluxCrossplaneDataProvider>
        </Route>
      </Switch>,
      { path: '/flux-crossplane' }
    );
    expect(
      await screen.findByText('Kustomization flux-system/crossplane-apis', {}, WAIT)
    ).toBeTruthy();
    expect(await screen.findByText(/ProviderConfig team-a is missing/, {}, WAIT)).toBeTruthy();
    expect(screen.getByText(/Not allowed to list Pod in all namespaces/)).toBeTruthy();
  });
});

describe('logs links of diagnoses whose cause lives in a controller', () => {
  function staleApis(objects: Json[]): Json[] {
    const lastReconciled = new Date(Date.now() - 3 * 3600_000).toISOString();
    return objects.map(object =>
      object.kind === 'Kustomization' &&
      (object.metadata as { name: string }).name === 'crossplane-apis'
        ? {
            ...object,
            status: {
              ...(object.status as Json),
              history: [
                {
                  digest: 'sha256:2b8b',
                  firstReconciled: lastReconciled,
                  lastReconciled,
                  lastReconciledStatus: 'ReconciliationSucceeded',
                  metadata: { revision: 'main@sha1:8a1f2c3d4e5f60718293a4b5c6d7e8f901234567' },
                },
              ],
            },
          }
        : object
    );
  }

  it('a stale Kustomization leads with the crash-looping kustomize-controller and opens its pod logs', async () => {
    const objects = staleApis([
      ...loadFixture('platform.yaml'),
      ...runtimeObjects({ 'kustomize-controller': { pods: [CRASH_LOOP] } }),
    ]);
    serve({ name: 'test', objects, extraGroups: ['notification.toolkit.fluxcd.io'] });
    renderInHeadlamp(
      <Switch>
        <Route path="/c/:cluster/flux-crossplane/kustomizations/:objectCluster/:namespace/:name">
          <FluxCrossplaneDataProvider>
            <KustomizationDetailPage />
          </FluxCrossplaneDataProvider>
        </Route>
      </Switch>,
      { path: '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis' }
    );
    await screen.findByText(/has not been reconciled when it should have been/, {}, WAIT);
    const alerts = screen.getAllByRole('alert');
    expect(alerts[0].getAttribute('data-rule')).toBe('FLUX-CONTROLLER-DOWN');
    const stale = alerts.find(
      alert => alert.getAttribute('data-rule') === 'FLUX-STALE'
    ) as HTMLElement;
    expect(within(stale).getByText(/Caused by:/)).toBeTruthy();
    expect(within(stale).getByText('Deployment flux-system/kustomize-controller')).toBeTruthy();
    const open = within(stale).getByRole('link', {
      name: 'Open logs of pod kustomize-controller-7d9f8c6b5-x2x9z',
    });
    expect(open.getAttribute('href')).toBe(
      '/c/test/pods/flux-system/kustomize-controller-7d9f8c6b5-x2x9z?view=logs'
    );
    expect(
      within(stale).getByText(
        'flux logs --kind=Kustomization --name=crossplane-apis -n flux-system --context test'
      )
    ).toBeTruthy();
  });

  it("an unhealthy Provider opens its runtime's logs: the provider pod and the package-runtime container", async () => {
    const objects = [
      ...loadFixture('platform.yaml').map(object =>
        object.kind === 'Provider'
          ? {
              ...object,
              status: {
                currentRevision: PROVIDER_REVISION,
                conditions: [
                  { type: 'Installed', status: 'True', reason: 'ActivePackageRevision' },
                  {
                    type: 'Healthy',
                    status: 'False',
                    reason: 'UnhealthyPackageRevision',
                    message: `post establish runtime hook failed for package: deployment ${PROVIDER_REVISION} is unavailable: Deployment does not have minimum availability.`,
                  },
                ],
              },
            }
          : object
      ),
      ...runtimeObjects({}, [
        {
          ...CRASH_LOOP,
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 5m0s restarting failed container=package-runtime',
          },
        },
      ]),
    ];
    serve({ name: 'test', objects, extraGroups: ['notification.toolkit.fluxcd.io'] });
    renderInHeadlamp(
      <Switch>
        <Route path="/c/:cluster/flux-crossplane">
          <FluxCrossplaneDataProvider>
            <OverviewPage />
          </FluxCrossplaneDataProvider>
        </Route>
      </Switch>,
      { path: '/flux-crossplane' }
    );
    const podName = `${PROVIDER_REVISION}-7d9f8c6b5-x2x9z`;
    // The runtime that is down is the root cause: its banner leads with the logs of the right
    // pod and container, and the Provider's "not healthy" is folded under it (one banner).
    // The banner can show before the pods list has arrived; the logs link follows it.
    let alert = document.body;
    await waitFor(() => {
      const title = screen.getByText(/Provider provider-nop-ext-functions's runtime is down/);
      alert = title.closest('[role="alert"]') as HTMLElement;
      expect(
        within(alert)
          .getByRole('link', { name: `Open logs of pod ${podName}` })
          .getAttribute('href')
      ).toBe(`/c/test/pods/crossplane-system/${podName}?view=logs`);
    }, WAIT);
    expect(
      within(alert).getByText(
        `kubectl logs ${podName} -c package-runtime --previous -n crossplane-system --context test`
      )
    ).toBeTruthy();
    expect(screen.queryByText(/Provider provider-nop-ext-functions is not healthy/)).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: '▸ Also explains 1 object' }));
    const explained = within(alert).getByRole('list', { name: 'Objects this explains' });
    expect(explained.textContent).toBe(
      'Provider provider-nop-ext-functions: Provider provider-nop-ext-functions is not healthy'
    );
  });
});
