/** @vitest-environment jsdom */
/**
 * A controller that is down reaches the objects it reconciles: with
 * helm-controller crash-looping, a HelmRelease whose last status says Ready
 * reads "stale: helm-controller is down" in the list, and its page leads with
 * the controller as the root cause.
 */
import './loadHeadlamp';
import { screen, within } from '@testing-library/react';
import React from 'react';
import { Route, Switch } from 'react-router-dom';
import { FluxCrossplaneDataProvider } from '../../src/k8s/FluxCrossplaneData';
import { HelmReleaseDetailPage } from '../../src/views/helmreleases/HelmReleaseDetailPage';
import { HelmReleasesPage } from '../../src/views/helmreleases/HelmReleasesPage';
import { RolloutsPage } from '../../src/views/rollouts/RolloutsPage';
import { loadFixture } from '../fixtures/load';
import { CRASH_LOOP, fluxControllers } from '../fixtures/runtime';
import { helmRelease, ready } from '../rules/builders';
import { fakeClusterServer, renderInHeadlamp } from './harness';

const { serve } = fakeClusterServer({ unserved: false });

const WAIT = { timeout: 20_000 };

function serveCrashingHelmController() {
  serve({
    name: 'test',
    objects: [
      ...loadFixture('platform.yaml'),
      ...fluxControllers({ 'helm-controller': { pods: [CRASH_LOOP] } }),
      helmRelease({
        name: 'podinfo',
        namespace: 'apps',
        conditions: [
          ready(
            'True',
            'UpgradeSucceeded',
            'Helm upgrade succeeded for release apps/podinfo.v3 with chart podinfo@6.3.5'
          ),
        ],
      }),
    ],
    extraGroups: ['notification.toolkit.fluxcd.io'],
  });
}

function renderPage(page: React.ReactElement, path: string, routePath: string) {
  return renderInHeadlamp(
    <Switch>
      <Route path={routePath}>
        <FluxCrossplaneDataProvider>{page}</FluxCrossplaneDataProvider>
      </Route>
    </Switch>,
    { path }
  );
}

describe('helm-controller down: its HelmReleases are stale, not Ready', () => {
  it('the list says the Ready is stale while helm-controller is down', async () => {
    serveCrashingHelmController();
    renderPage(
      <HelmReleasesPage />,
      '/flux-crossplane/helmreleases',
      '/c/:cluster/flux-crossplane/helmreleases'
    );
    const stale = await screen.findByText('(stale: helm-controller is down)', {}, WAIT);
    const row = stale.closest('tr') as HTMLElement;
    expect(within(row).getByText('apps/podinfo')).toBeTruthy();
    expect(row.textContent).toContain('Ready');
  });

  it('the detail page leads with helm-controller as the root cause of the stale status', async () => {
    serveCrashingHelmController();
    renderPage(
      <HelmReleaseDetailPage />,
      '/flux-crossplane/helmreleases/test/apps/podinfo',
      '/c/:cluster/flux-crossplane/helmreleases/:objectCluster/:namespace/:name'
    );
    expect(
      await screen.findByText(
        'HelmRelease podinfo: status is stale while helm-controller is down',
        {},
        WAIT
      )
    ).toBeTruthy();
    const alerts = screen.getAllByRole('alert');
    expect(alerts[0].getAttribute('data-rule')).toBe('FLUX-CONTROLLER-DOWN');
    const stale = alerts.find(
      alert => alert.getAttribute('data-rule') === 'FLUX-STALE'
    ) as HTMLElement;
    expect(within(stale).getByText('Deployment flux-system/helm-controller')).toBeTruthy();
  });
});

describe('Rollouts with a failing source', () => {
  it('says "last fetched commit; failing since T", never "Latest commit"', async () => {
    const AUTH = 'failed to checkout and determine revision: authentication required';
    const objects = loadFixture('crossplane/views.yaml').map(object =>
      object.kind === 'GitRepository'
        ? {
            ...object,
            status: {
              ...(object.status as Record<string, unknown>),
              conditions: [
                {
                  type: 'Ready',
                  status: 'False',
                  reason: 'AuthenticationFailed',
                  message: AUTH,
                  lastTransitionTime: '2026-11-30T07:00:00Z',
                },
              ],
            },
          }
        : object
    );
    serve({ name: 'test', objects });
    renderPage(<RolloutsPage />, '/flux-crossplane/rollouts', '/c/:cluster/flux-crossplane');
    expect(
      await screen.findByText(
        'GitRepository platform is failing since 2026-11-30T07:00:00Z (AuthenticationFailed): this is the last commit it fetched, not necessarily the latest.',
        {},
        WAIT
      )
    ).toBeTruthy();
    expect(screen.getByText('Last fetched commit:')).toBeTruthy();
    expect(screen.queryByText('Latest commit:')).toBeNull();
  });
});

describe('Rollouts: waiting is not failed', () => {
  it('a Kustomization waiting for a dependency that is Ready now reads Waiting and when it retries', async () => {
    const objects = loadFixture('crossplane/views.yaml').map(object =>
      object.kind === 'Kustomization' && (object.metadata as { name: string }).name === 'infra'
        ? {
            ...object,
            spec: { ...(object.spec as Record<string, unknown>), dependsOn: [{ name: 'xp-apis' }] },
            status: {
              ...(object.status as Record<string, unknown>),
              conditions: [
                {
                  type: 'Ready',
                  status: 'False',
                  reason: 'DependencyNotReady',
                  message: "dependency 'flux-system/xp-apis' is not ready",
                  lastTransitionTime: '2026-11-26T09:00:00Z',
                },
              ],
            },
          }
        : object
    );
    serve({ name: 'test', objects });
    renderPage(<RolloutsPage />, '/flux-crossplane/rollouts', '/c/:cluster/flux-crossplane');
    const link = (await screen.findAllByRole('link', { name: 'flux-system/infra' }, WAIT))[0];
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Waiting')).toBeTruthy();
    expect(row.textContent).toContain('flux-system/xp-apis is Ready now: it will retry at');
    expect(row.textContent).toContain('or reconcile now');
    expect(within(row).queryByText('Failed')).toBeNull();
  });
});
