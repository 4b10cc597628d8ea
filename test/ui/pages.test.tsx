/** @vitest-environment jsdom */
// Component tests of the plugin's pages with the real Headlamp components,
// hooks and store; the cluster is an msw fake at Headlamp's backend URL.
import './loadHeadlamp';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { Route, Switch } from 'react-router-dom';
import { FluxCrossplaneDataProvider } from '../../src/k8s/FluxCrossplaneData';
import { SettingsPage } from '../../src/settings/SettingsPage';
import { HelmReleaseDetailPage } from '../../src/views/helmreleases/HelmReleaseDetailPage';
import { KustomizationDetailPage } from '../../src/views/kustomizations/KustomizationDetailPage';
import { KustomizationsPage } from '../../src/views/kustomizations/KustomizationsPage';
import { ManagedByFluxSection } from '../../src/views/managedByFlux/ManagedByFluxSection';
import { NotificationsPage } from '../../src/views/notifications/NotificationsPage';
import { OverviewPage } from '../../src/views/overview/OverviewPage';
import { SourceDetailPage } from '../../src/views/sources/SourceDetailPage';
import { loadFixture } from '../fixtures/load';
import { FakeClusterOptions } from './demoApi';
import { fakeClusterServer, renderInHeadlamp } from './harness';

const { serve } = fakeClusterServer();

const WAIT = { timeout: 15_000 };

function platformCluster(extra: Partial<FakeClusterOptions> = {}): FakeClusterOptions {
  return {
    name: 'test',
    objects: loadFixture('platform.yaml'),
    extraGroups: ['notification.toolkit.fluxcd.io'],
    ...extra,
  };
}

function renderPage(
  page: React.ReactElement,
  path = '/flux-crossplane',
  routePath = '/c/:cluster/flux-crossplane',
  cluster = 'test'
) {
  return renderInHeadlamp(
    <Switch>
      <Route path={routePath}>
        <FluxCrossplaneDataProvider>{page}</FluxCrossplaneDataProvider>
      </Route>
    </Switch>,
    { path, cluster }
  );
}

const DETAIL_ROUTE = '/c/:cluster/flux-crossplane/kustomizations/:objectCluster/:namespace/:name';

describe('Overview', () => {
  it('shows the key objects with their commit links and leads the attention list with the root cause', async () => {
    serve(platformCluster());
    renderPage(<OverviewPage />);
    const keyObjects = await screen.findByText(
      'Kustomization flux-system/crossplane-apis',
      {},
      WAIT
    );
    expect(keyObjects).toBeTruthy();
    const commit = screen.getAllByRole('link', { name: 'main@8a1f2c3' })[0];
    expect(commit.getAttribute('href')).toBe(
      'https://github.com/acme/crossplane-configs/commit/8a1f2c3d4e5f60718293a4b5c6d7e8f901234567'
    );
    // The managed resource's missing ProviderConfig is the root cause: one banner, and the
    // symptoms it explains (the Kustomization's health check, the claim, the XR) folded under it.
    await screen.findByText(/ProviderConfig team-a is missing/, {}, WAIT);
    const banners = screen.getAllByRole('alert');
    const titles = banners.map(banner => banner.textContent ?? '');
    const root = titles.findIndex(text => text.includes('ProviderConfig team-a is missing'));
    expect(root).toBeGreaterThanOrEqual(0);
    expect(titles.filter(text => text.includes('did not become ready'))).toHaveLength(0);
    const fold = within(banners[root]).getByRole('button', { name: /Also explains 3 objects/ });
    fireEvent.click(fold);
    const explained = within(banners[root])
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(explained).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Kustomization flux-system\/crossplane-claims: .*did not become ready.*main@8a1f2c3 is applied but not healthy; last healthy main@77aa0e1/
        ),
        expect.stringMatching(/^NopResource default\/ext-functions: Claim ext-functions waits/),
        expect.stringMatching(/^XNopResource ext-functions-x7k2p: .*waits for bucket/),
      ])
    );
    // No alert covers crossplane-apis in this cluster.
    expect(
      titles.some(text =>
        text.includes('No working alert covers Kustomization flux-system/crossplane-apis')
      )
    ).toBe(true);
  });

  it('says so when Flux is not installed', async () => {
    serve({ name: 'test', objects: [], extraGroups: ['apps'] });
    renderPage(<OverviewPage />);
    expect(
      await screen.findByText(/Flux is not installed in the selected clusters/, {}, WAIT)
    ).toBeTruthy();
  });

  it('says so when nothing is visible to the user', async () => {
    serve(platformCluster({ forbidden: ['kustomize.toolkit.fluxcd.io/kustomizations'] }));
    renderPage(<OverviewPage />);
    expect(await screen.findByText(/Nothing is visible to you/, {}, WAIT)).toBeTruthy();
  });

  it('notes forbidden Alerts and does not conclude that nothing alerts', async () => {
    serve(platformCluster({ forbidden: ['notification.toolkit.fluxcd.io/alerts'] }));
    renderPage(<OverviewPage />);
    expect(
      await screen.findByText(
        /Not allowed to list Alert \(notification.toolkit.fluxcd.io\)/,
        {},
        WAIT
      )
    ).toBeTruthy();
    await screen.findByText(/ProviderConfig team-a is missing/, {}, WAIT);
    expect(screen.queryByText(/No working alert covers/)).toBeNull();
  });
});

describe('Kustomizations', () => {
  it('lists failed Kustomizations first with applied and attempted revisions', async () => {
    serve(platformCluster());
    renderPage(
      <KustomizationsPage />,
      '/flux-crossplane/kustomizations',
      '/c/:cluster/flux-crossplane/kustomizations'
    );
    const claims = await screen.findByRole('link', { name: 'flux-system/crossplane-claims' }, WAIT);
    const rows = screen.getAllByRole('row');
    const claimsRow = rows.find(row => row.contains(claims));
    const apisRow = rows.find(row =>
      within(row).queryByRole('link', { name: 'flux-system/crossplane-apis' })
    );
    expect(rows.indexOf(claimsRow as HTMLElement)).toBeLessThan(
      rows.indexOf(apisRow as HTMLElement)
    );
    expect(within(claimsRow as HTMLElement).getByText('Failing')).toBeTruthy();
    expect(
      within(claimsRow as HTMLElement).getByRole('link', { name: 'main@77aa0e1' })
    ).toBeTruthy();
    expect(
      within(claimsRow as HTMLElement).getByRole('link', { name: 'main@8a1f2c3' })
    ).toBeTruthy();
  });

  it('shows each inventory entry with its own state, cluster-scoped Crossplane ids included', async () => {
    serve(platformCluster());
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      DETAIL_ROUTE
    );
    const xrdLink = await screen.findByText('xnopresources.nop.example.org', {}, WAIT);
    const xrdRow = xrdLink.closest('tr') as HTMLElement;
    expect(within(xrdRow).getByText('(cluster-scoped)')).toBeTruthy();
    expect(within(xrdRow).getByText('Ready')).toBeTruthy();
    expect(
      screen.getByText('CompositeResourceDefinition (apiextensions.crossplane.io) (1)')
    ).toBeTruthy();
  });

  it('leads the claims Kustomization banner with the missing ProviderConfig and keeps the gone entry as not found', async () => {
    serve(platformCluster());
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-claims',
      DETAIL_ROUTE
    );
    await screen.findByText(/ProviderConfig team-a is missing/, {}, WAIT);
    const banners = screen.getAllByRole('alert');
    expect(banners[0].textContent).toMatch(
      /NopResource ext-functions-x7k2p-bucket: ProviderConfig team-a is missing/
    );
    expect(banners[0].textContent).toContain(
      'cannot get referenced ProviderConfig: ProviderConfig.nop.crossplane.io "team-a" not found'
    );
    // "Not found" only once the claims' list has answered (until then it is unknown).
    await waitFor(() => {
      const gone = screen.getByText('default/deleted-claim').closest('tr') as HTMLElement;
      expect(within(gone).getByText('Not found')).toBeTruthy();
    }, WAIT);
    await waitFor(() => {
      const claim = screen.getByText('default/ext-functions').closest('tr') as HTMLElement;
      expect(within(claim).getByText('Progressing')).toBeTruthy();
    }, WAIT);
    // HealthCheckFailed: the attempted commit was applied; its objects are live.
    expect(
      screen.getByText(/main@8a1f2c3 is applied but not healthy: its objects are live/)
    ).toBeTruthy();
    expect(screen.queryByText(/still runs the applied revision/)).toBeNull();
  });
});

describe('Actions', () => {
  it('sends exactly the reconcile merge patch to the object on its own cluster', async () => {
    const fake = serve(platformCluster());
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      DETAIL_ROUTE
    );
    const button = await screen.findByRole('button', { name: 'Reconcile' }, WAIT);
    fireEvent.click(button);
    await waitFor(() => expect(fake.requests.some(r => r.method === 'PATCH')).toBe(true), WAIT);
    const patch = fake.requests.find(r => r.method === 'PATCH');
    expect(patch?.cluster).toBe('test');
    expect(patch?.path).toBe(
      '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/crossplane-apis'
    );
    expect(patch?.contentType).toBe('application/merge-patch+json');
    const body = patch?.body as { metadata: { annotations: Record<string, string> } };
    expect(Object.keys(body)).toEqual(['metadata']);
    expect(Object.keys(body.metadata.annotations)).toEqual(['reconcile.fluxcd.io/requestedAt']);
    expect(Date.parse(body.metadata.annotations['reconcile.fluxcd.io/requestedAt'])).not.toBeNaN();
    expect(
      await screen.findByText(/Reconcile requested: waiting for the controller/, {}, WAIT)
    ).toBeTruthy();
  });

  it('shows no action buttons without patch permission', async () => {
    const fake = serve(platformCluster({ canPatch: false }));
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      DETAIL_ROUTE
    );
    expect(await screen.findByText(/not allowed to change this object/, {}, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reconcile' })).toBeNull();
    expect(fake.requests.filter(r => r.method === 'PATCH')).toHaveLength(0);
  });

  it('disables reconcile on a suspended object and sends nothing', async () => {
    const objects = loadFixture('platform.yaml').map(object =>
      object.kind === 'Kustomization' &&
      (object.metadata as { name: string }).name === 'crossplane-apis'
        ? { ...object, spec: { ...(object.spec as object), suspend: true } }
        : object
    );
    const fake = serve(platformCluster({ objects }));
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      DETAIL_ROUTE
    );
    const button = await screen.findByRole('button', { name: 'Reconcile' }, WAIT);
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button);
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(screen.getByText(/Kustomization crossplane-apis is suspended/)).toBeTruthy();
    expect(screen.getByText('Reconcile is disabled while suspended.')).toBeTruthy();
    expect(fake.requests.filter(r => r.method === 'PATCH')).toHaveLength(0);
  });

  it('shows the server message when a patch is refused', async () => {
    const cluster = platformCluster();
    const fake = serve(cluster);
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      DETAIL_ROUTE
    );
    const button = await screen.findByRole('button', { name: 'Reconcile' }, WAIT);
    // The review said yes, the API server says no (a real race: role revoked).
    fake.api('test').faults.add({ verbs: ['patch'], code: 403 });
    fireEvent.click(button);
    expect(await screen.findByText(/Reconcile failed/, {}, WAIT)).toBeTruthy();
    expect(fake.requests.filter(r => r.method === 'PATCH')).toHaveLength(1);
  });
});

function failuresCluster(): FakeClusterOptions {
  return platformCluster({
    objects: [...loadFixture('platform.yaml'), ...loadFixture('flux-failures.yaml')],
  });
}

describe('Sources, HelmReleases and objects Flux applied', () => {
  it('explains a source that cannot authenticate and names its Secret', async () => {
    serve(failuresCluster());
    renderPage(
      <SourceDetailPage />,
      '/flux-crossplane/sources/test/GitRepository/flux-system/team-apps',
      '/c/:cluster/flux-crossplane/sources/:objectCluster/:kind/:namespace/:name'
    );
    expect(
      await screen.findByText(
        /GitRepository team-apps cannot authenticate to ssh:\/\/git@github.com\/acme\/team-apps.git/,
        {},
        WAIT
      )
    ).toBeTruthy();
    expect(
      screen.getByText('kubectl describe secret team-apps-deploy-key -n flux-system --context test')
    ).toBeTruthy();
    expect(
      screen.getByText(/ssh: handshake failed: ssh: unable to authenticate/, { selector: 'code' })
    ).toBeTruthy();
  });

  it('forces a stuck HelmRelease with requestedAt and forceAt set to one value', async () => {
    const fake = serve(failuresCluster());
    renderPage(
      <HelmReleaseDetailPage />,
      '/flux-crossplane/helmreleases/test/crossplane-system/crossplane',
      '/c/:cluster/flux-crossplane/helmreleases/:objectCluster/:namespace/:name'
    );
    expect(
      await screen.findByText(
        /HelmRelease crossplane is stuck \(UpgradeFailed\): chart crossplane 2.1.3/,
        {},
        WAIT
      )
    ).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Force upgrade' }, WAIT));
    // Force asks first (as suspend does); nothing is sent before the answer.
    expect(await screen.findByText('Force upgrade HelmRelease crossplane?', {}, WAIT)).toBeTruthy();
    expect(fake.requests.filter(r => r.method === 'PATCH')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'confirm-button' }));
    await waitFor(() => expect(fake.requests.some(r => r.method === 'PATCH')).toBe(true), WAIT);
    const patch = fake.requests.find(r => r.method === 'PATCH');
    expect(patch?.path).toBe(
      '/apis/helm.toolkit.fluxcd.io/v2/namespaces/crossplane-system/helmreleases/crossplane'
    );
    const annotations = (patch?.body as { metadata: { annotations: Record<string, string> } })
      .metadata.annotations;
    expect(Object.keys(annotations).sort()).toEqual([
      'reconcile.fluxcd.io/forceAt',
      'reconcile.fluxcd.io/requestedAt',
    ]);
    expect(annotations['reconcile.fluxcd.io/forceAt']).toBe(
      annotations['reconcile.fluxcd.io/requestedAt']
    );
  });

  it('reconciles the source first when asked to reconcile with source', async () => {
    const fake = serve(platformCluster());
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      DETAIL_ROUTE
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Reconcile with source' }, WAIT));
    await waitFor(() => expect(fake.requests.some(r => r.method === 'PATCH')).toBe(true), WAIT);
    const patches = fake.requests.filter(r => r.method === 'PATCH');
    expect(patches.map(r => r.path)).toEqual([
      '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/crossplane-configs',
    ]);
    expect(
      await screen.findByText('Waiting for GitRepository crossplane-configs…', {}, WAIT)
    ).toBeTruthy();
  });

  it('marks a built-in object Flux applied, with its Kustomization and the warning about manual edits', async () => {
    serve(failuresCluster());
    const configMap = loadFixture('flux-failures.yaml').find(object => object.kind === 'ConfigMap');
    renderInHeadlamp(
      <ManagedByFluxSection
        resource={{
          cluster: 'test',
          jsonData: configMap as { metadata: { labels: Record<string, string> } },
        }}
      />
    );
    expect(await screen.findByText('Managed by Flux', {}, WAIT)).toBeTruthy();
    expect(screen.getByText(/manual edits will be reverted/)).toBeTruthy();
    expect(screen.getByText('Kustomization flux-system/crossplane-apis')).toBeTruthy();
    expect(await screen.findByText('main@8a1f2c3', {}, WAIT)).toBeTruthy();
  });
});

describe('Settings', () => {
  it('saves key objects only when every line is understood, and names the lines that are not', async () => {
    const saved: unknown[] = [];
    renderInHeadlamp(<SettingsPage data={{}} onDataChange={value => saved.push(value)} />);
    const field = await screen.findByLabelText(/Key objects/, {}, WAIT);
    fireEvent.change(field, {
      target: { value: 'Kustomization/flux-system/crossplane-apis@production\nnot a key' },
    });
    expect(screen.getByText('Not understood: not a key')).toBeTruthy();
    expect(saved).toHaveLength(0);
    fireEvent.change(field, {
      target: { value: 'Kustomization/flux-system/crossplane-apis@production' },
    });
    expect(saved.at(-1)).toMatchObject({
      keyObjects: [
        {
          kind: 'Kustomization',
          namespace: 'flux-system',
          name: 'crossplane-apis',
          cluster: 'production',
        },
      ],
    });
  });
});

describe('Several clusters', () => {
  it('lists the objects of every selected cluster with their cluster', async () => {
    serve(
      { ...platformCluster(), name: 'staging', objects: loadFixture('platform.yaml') },
      { ...platformCluster(), name: 'production', objects: loadFixture('platform.yaml') }
    );
    renderPage(
      <KustomizationsPage />,
      '/flux-crossplane/kustomizations',
      '/c/:cluster/flux-crossplane/kustomizations',
      'staging+production'
    );
    await waitFor(
      () =>
        expect(screen.getAllByRole('link', { name: 'flux-system/crossplane-apis' })).toHaveLength(
          2
        ),
      WAIT
    );
    const clusterCells = screen
      .getAllByRole('row')
      .map(row => within(row).queryByText(/^(staging|production)$/)?.textContent)
      .filter(Boolean);
    expect(new Set(clusterCells)).toEqual(new Set(['staging', 'production']));
  });

  it('patches the production object on the production cluster', async () => {
    const fake = serve(
      { ...platformCluster(), name: 'staging', objects: loadFixture('platform.yaml') },
      { ...platformCluster(), name: 'production', objects: loadFixture('platform.yaml') }
    );
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/production/flux-system/crossplane-apis',
      DETAIL_ROUTE,
      'staging+production'
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Reconcile' }, WAIT));
    await waitFor(() => expect(fake.requests.some(r => r.method === 'PATCH')).toBe(true), WAIT);
    expect(fake.requests.filter(r => r.method === 'PATCH').map(r => r.cluster)).toEqual([
      'production',
    ]);
  });
});

describe('Notifications', () => {
  it('says which key objects no Alert covers', async () => {
    serve(platformCluster());
    renderPage(
      <NotificationsPage />,
      '/flux-crossplane/notifications',
      '/c/:cluster/flux-crossplane/notifications'
    );
    await screen.findAllByText('no Alert', {}, WAIT);
    // Each list answers on its own: the Kustomization's row may come after the first 'no Alert'.
    const name = await screen.findByText('Kustomization flux-system/crossplane-apis', {}, WAIT);
    const row = name.closest('tr') as HTMLElement;
    expect(within(row).getByText('no Alert')).toBeTruthy();
  });
});
