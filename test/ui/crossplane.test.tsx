/** @vitest-environment jsdom */
// Component tests of the Crossplane views (Kustomization section, lists, the
// detail page, actions, rollouts, the commit page, the map source) with the
// real Headlamp components against an msw fake cluster. One file: importing
// Headlamp costs ~10 s per file.
import './loadHeadlamp';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { Route, Switch } from 'react-router-dom';
import { resetPermissions } from '../../src/actions/permissions';
import { resetDiscovery } from '../../src/k8s/discovery';
import { FluxCrossplaneDataProvider } from '../../src/k8s/FluxCrossplaneData';
import { FIXED_KINDS } from '../../src/k8s/listedKinds';
import { CompositesPage } from '../../src/views/crossplane/CompositesPage';
import { CompositionsPage } from '../../src/views/crossplane/CompositionsPage';
import { CrossplaneObjectPage } from '../../src/views/crossplane/CrossplaneObjectPage';
import { ManagedResourcesPage } from '../../src/views/crossplane/ManagedResourcesPage';
import { fluxCrossplaneMapSource } from '../../src/views/crossplane/mapSource';
import { PackagesPage } from '../../src/views/crossplane/PackagesPage';
import { XrdsPage } from '../../src/views/crossplane/XrdsPage';
import { KustomizationDetailPage } from '../../src/views/kustomizations/KustomizationDetailPage';
import { CommitPage } from '../../src/views/rollouts/CommitPage';
import { RolloutsPage } from '../../src/views/rollouts/RolloutsPage';
import { scaleCluster } from '../fixtures/crossplane/scale';
import { loadFixture } from '../fixtures/load';
import { FakeClusterOptions } from './demoApi';
import { clickAndSettle, fakeClusterServer, renderInHeadlamp } from './harness';

const { server, serve } = fakeClusterServer();

const WAIT = { timeout: 20_000 };
const C1 = '4f1d2c3b5a6e7f8091a2b3c4d5e6f708192a3b4c';
const C2 = 'b2e9c4d1a7f3e5c8d0b6a4f2e1c3d5b7a9f0e2c4';

/** The views fixture's cluster; its user may not list ConfigMaps (what XRs compose is unknown). */
function viewsCluster(extra: Partial<FakeClusterOptions> = {}): FakeClusterOptions {
  return {
    name: 'test',
    objects: loadFixture('crossplane/views.yaml'),
    forbidden: ['/configmaps'],
    ...extra,
  };
}

const ROUTE = {
  kustomization: '/c/:cluster/flux-crossplane/kustomizations/:objectCluster/:namespace/:name',
  object:
    '/c/:cluster/flux-crossplane/crossplane/objects/:objectCluster/:group/:kind/:namespace/:name',
  commit: '/c/:cluster/flux-crossplane/rollouts/commits/:sha',
  any: '/c/:cluster/flux-crossplane',
};

function renderPage(page: React.ReactElement, path: string, routePath = ROUTE.any) {
  return renderInHeadlamp(
    <Switch>
      <Route path={routePath}>
        <FluxCrossplaneDataProvider>{page}</FluxCrossplaneDataProvider>
      </Route>
    </Switch>,
    { path }
  );
}

function renderKustomization(name: string) {
  return renderPage(
    <KustomizationDetailPage />,
    `/flux-crossplane/kustomizations/test/flux-system/${name}`,
    ROUTE.kustomization
  );
}

async function findTree(name: string): Promise<HTMLElement> {
  return screen.findByRole('tree', { name }, WAIT);
}

function item(tree: HTMLElement, name: string): HTMLElement {
  return within(tree).getByRole('treeitem', { name });
}

/** Lists answer one after the other (claims and MRs last): wait for an item before reading the tree. */
function findItem(tree: HTMLElement, name: string): Promise<HTMLElement> {
  return within(tree).findByRole('treeitem', { name }, WAIT);
}

function level(element: HTMLElement): number {
  return Number(element.getAttribute('aria-level'));
}

describe('the Crossplane section of a Kustomization', () => {
  it('joins a v1 claim → XR → nested XR → MR and marks the missing ProviderConfig as the root cause', async () => {
    serve(viewsCluster());
    renderKustomization('xp-claims');
    const tree = await findTree('Crossplane objects of Kustomization xp-claims');
    await findItem(tree, 'ProviderConfig team-a');
    await findItem(tree, 'Composition parent');
    // The Kustomization applied the claim; the XRD and Composition are shown for context.
    const xrd = item(tree, 'CompositeResourceDefinition xnopresources.nop.example.org');
    expect(within(xrd).getByText('(not in this inventory)')).toBeTruthy();
    expect(xrd.textContent).toContain('Established: True (WatchingCompositeResource)');
    expect(xrd.textContent).toContain('Offered: True (WatchingCompositeResourceClaim)');
    const composition = item(tree, 'Composition parent');
    expect(composition.textContent).toContain('Mode: Pipeline');
    expect(composition.textContent).toContain('Current revision: parent-8f3c2a1 (#2)');
    expect(item(tree, 'Function function-dummy-ext-functions').textContent).toContain(
      'Step: be-a-dummy'
    );

    const claim = item(tree, 'NopResource ext-functions');
    const xr = item(tree, 'XNopResource ext-functions-x7k2p');
    const nested = item(tree, 'XNopResource ext-functions-x7k2p-n8d4q');
    const mr = item(tree, 'NopResource ext-functions-x7k2p-n8d4q-bucket');
    const providerConfig = item(tree, 'ProviderConfig team-a');
    expect([level(xr), level(nested), level(mr), level(providerConfig)]).toEqual([
      level(claim) + 1,
      level(claim) + 2,
      level(claim) + 3,
      level(claim) + 4,
    ]);
    // Synced / Ready with reasons, the whole message in trace precedence (Synced first).
    expect(claim.textContent).toContain('Synced: True (ReconcileSuccess)');
    expect(claim.textContent).toContain('Ready: False (Waiting)');
    expect(claim.textContent).toContain('Claim is waiting for composite resource to become Ready');
    expect(mr.textContent).toContain('Synced: False (ReconcileError)');
    expect(mr.textContent).toContain(
      'connect failed: cannot get referenced ProviderConfig: ProviderConfig.nop.crossplane.io "team-a" not found'
    );
    expect(providerConfig.textContent).toContain(
      'Not found: ProviderConfig team-a does not exist in the cluster.'
    );
    // The root cause is the MR (the rules' verdict), not its symptoms up the chain.
    expect(mr.getAttribute('data-root-cause')).toBe('true');
    expect(within(mr).getByText('Root cause')).toBeTruthy();
    for (const symptom of [claim, xr, nested])
      expect(symptom.getAttribute('data-root-cause')).toBeNull();
    // Its banner is one click away.
    fireEvent.click(within(mr).getByRole('button', { name: 'Show diagnosis' }));
    const banner = await within(mr).findByRole('alert', {}, WAIT);
    expect(banner.textContent).toContain(
      'NopResource ext-functions-x7k2p-n8d4q-bucket: ProviderConfig team-a is missing'
    );
    // Readiness of what it applied, counted per level.
    expect(
      screen.getByText(
        /4 Crossplane objects in the inventory: 0\/2 claims Ready, 1\/2 composite resources Ready \(1 failing\)/
      )
    ).toBeTruthy();
  });

  it('keeps healthy branches collapsed with their counts, and shows v2 namespaced and cluster-scoped XRs', async () => {
    serve(viewsCluster());
    renderKustomization('xp-claims');
    const tree = await findTree('Crossplane objects of Kustomization xp-claims');
    await findItem(tree, 'ProviderConfig team-a');
    // v2 Namespaced XR → namespaced MR + a ConfigMap: a healthy branch, collapsed down from its XRD.
    const xrd = item(tree, 'CompositeResourceDefinition tests.example.org');
    expect(xrd.getAttribute('aria-expanded')).toBe('false');
    expect(within(tree).queryByRole('treeitem', { name: 'Test basic-xr-namespaced' })).toBeNull();
    await clickAndSettle(within(xrd).getByRole('button', { name: /^Expand/ }));
    const composition = item(tree, 'Composition basic-composition-namespaced');
    await clickAndSettle(within(composition).getByRole('button', { name: /^Expand/ }));
    const namespaced = await findItem(tree, 'Test basic-xr-namespaced');
    await waitFor(() => expect(namespaced.getAttribute('aria-expanded')).toBe('false'), WAIT);
    expect(namespaced.textContent).toContain('Ready: True (Available)');
    expect(namespaced.textContent).toMatch(/2: .*Ready/);
    expect(
      within(tree).queryByRole('treeitem', { name: 'NopResource basic-xr-namespaced-nop' })
    ).toBeNull();
    await clickAndSettle(
      within(namespaced).getByRole('button', { name: 'Expand Test basic-xr-namespaced' })
    );
    const namespacedMr = item(tree, 'NopResource basic-xr-namespaced-nop');
    expect(level(namespacedMr)).toBe(level(namespaced) + 1);
    // A composed ConfigMap is read by Crossplane's label; this cluster's user may not list
    // ConfigMaps, so it is unknown (not visible), never missing.
    expect(item(tree, 'ConfigMap basic-xr-namespaced-cm').textContent).toContain('Not visible');
    // v2 Cluster XR: failing because its pipeline Function is unhealthy; the Function is the root cause.
    const clusterXr = item(tree, 'ClusterTest basic-xr-cluster');
    expect(clusterXr.textContent).toContain(
      'cannot compose resources: cannot run Composition pipeline step "be-a-dummy": cannot get gRPC client connection for Function "function-dummy-ext-cluster": no active revision'
    );
    expect(clusterXr.getAttribute('data-root-cause')).toBeNull();
    const fn = item(tree, 'Function function-dummy-ext-cluster');
    expect(fn.getAttribute('data-root-cause')).toBe('true');
    expect(fn.textContent).toContain('Healthy: False (UnhealthyPackageRevision)');
    expect(fn.textContent).toContain('deployment function-dummy-ext-cluster-9c1d2e is unavailable');
    // The inventory entry whose object is gone.
    const gone = item(tree, 'NopResource gone-claim');
    expect(gone.textContent).toContain(
      'Not found: NopResource gone-claim does not exist in the cluster.'
    );
    expect(gone.getAttribute('data-root-cause')).toBe('true');
  });

  it('marks an XRD that is not established and an unhealthy Function among the definitions', async () => {
    serve(viewsCluster());
    renderKustomization('xp-apis');
    const tree = await findTree('Crossplane objects of Kustomization xp-apis');
    await findItem(tree, 'ProviderConfig default');
    const broken = item(tree, 'CompositeResourceDefinition xbuckets.storage.example.org');
    expect(broken.getAttribute('data-root-cause')).toBe('true');
    expect(broken.textContent).toContain('Established: False (ReconcileError)');
    expect(broken.textContent).toContain(
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields'
    );
    const packages = item(tree, 'Packages');
    expect(packages.textContent).toMatch(/5: 1 Failing, 4 Ready/);
    const healthyXrd = item(tree, 'CompositeResourceDefinition tests.example.org');
    expect(healthyXrd.getAttribute('aria-expanded')).toBe('false');
    // "Collapse all" then "Open failing branches only" leaves just the way to the root causes.
    await clickAndSettle(screen.getByRole('button', { name: 'Collapse all' }));
    expect(
      within(tree).queryByRole('treeitem', { name: 'Composition basic-composition-cluster' })
    ).toBeNull();
    await clickAndSettle(screen.getByRole('button', { name: 'Open failing branches only' }));
    expect(item(tree, 'Composition basic-composition-cluster')).toBeTruthy();
    expect(
      within(tree).getAllByRole('treeitem', { name: 'Function function-dummy-ext-cluster' }).length
    ).toBe(2);
  });
});

describe('the Crossplane object page', () => {
  it('shows the banner, the provenance line, the trace up and down and the events of an MR', async () => {
    serve(viewsCluster());
    renderPage(
      <CrossplaneObjectPage />,
      '/flux-crossplane/crossplane/objects/test/nop.crossplane.io/NopResource/-/ext-functions-x7k2p-n8d4q-bucket',
      ROUTE.object
    );
    const provenance = await screen.findByText(/which was applied by/, {}, WAIT);
    const line = provenance.closest('[data-provenance]') as HTMLElement;
    await waitFor(
      () => expect(line.textContent).toContain('ProviderConfig team-a is missing'),
      WAIT
    );
    expect(line.textContent).toMatch(
      /^Composed by Crossplane for NopResource default\/ext-functions, which was applied by Kustomization flux-system\/xp-claims at commit 4f1d2c3, now failed at main@b2e9c4d: NopResource ext-functions-x7k2p-n8d4q-bucket: ProviderConfig team-a is missing\./
    );
    expect(within(line).getByRole('link', { name: '4f1d2c3' }).getAttribute('href')).toBe(
      `https://github.com/acme/platform/commit/${C1}`
    );
    expect(
      within(line).getByRole('link', { name: 'Kustomization flux-system/xp-claims' })
    ).toBeTruthy();
    expect(within(line).getByRole('link', { name: 'Everything this commit touched' })).toBeTruthy();
    // The banner leads with the root cause.
    const banners = screen.getAllByRole('alert').filter(el => el.getAttribute('data-rule'));
    expect(banners[0].textContent).toContain('ProviderConfig team-a is missing');
    // Trace up: the claim, the XR, the nested XR, then this object.
    const up = screen.getByRole('list', { name: 'Objects above' });
    expect(
      within(up)
        .getAllByRole('listitem')
        .map(li => li.textContent?.split(' ')[0] + ' ' + li.textContent?.split(' ')[1])
    ).toEqual([
      'NopResource default/ext-functions',
      'XNopResource ext-functions-x7k2p',
      'XNopResource ext-functions-x7k2p-n8d4q',
      'NopResource ext-functions-x7k2p-n8d4q-bucket',
    ]);
    // Trace down: the missing ProviderConfig and the Provider.
    const down = screen.getByRole('tree', {
      name: 'What NopResource ext-functions-x7k2p-n8d4q-bucket is made of',
    });
    expect(item(down, 'ProviderConfig team-a').textContent).toContain('Not found');
    expect(item(down, 'Provider provider-nop')).toBeTruthy();
    expect(await screen.findByText('CannotConnectToProvider', {}, WAIT)).toBeTruthy();
  });

  it('says "not managed by Flux" for what no Flux object applied', async () => {
    serve(viewsCluster());
    renderPage(
      <CrossplaneObjectPage />,
      '/flux-crossplane/crossplane/objects/test/pkg.crossplane.io/ProviderRevision/-/provider-nop-1a2b3c',
      ROUTE.object
    );
    expect(await screen.findByText(/^Not managed by Flux/, {}, WAIT)).toBeTruthy();
    const up = screen.getByRole('list', { name: 'Objects above' });
    expect(within(up).getByRole('link', { name: 'Provider provider-nop' })).toBeTruthy();
  });

  it('sends only the crossplane.io/paused and reconcile-requested-at annotations, on a v2 cluster', async () => {
    const fake = serve(viewsCluster());
    renderPage(
      <CrossplaneObjectPage />,
      '/flux-crossplane/crossplane/objects/test/nop.example.org/NopResource/default/ext-functions',
      ROUTE.object
    );
    const reconcile = await screen.findByRole('button', { name: 'Request reconcile' }, WAIT);
    fireEvent.click(reconcile);
    await waitFor(() => expect(fake.requests.some(r => r.method === 'PATCH')).toBe(true), WAIT);
    const patch = fake.requests.find(r => r.method === 'PATCH');
    expect(patch?.path).toBe(
      '/apis/nop.example.org/v1alpha1/namespaces/default/nopresources/ext-functions'
    );
    expect(patch?.contentType).toBe('application/merge-patch+json');
    const body = patch?.body as { metadata: { annotations: Record<string, string> } };
    expect(Object.keys(body)).toEqual(['metadata']);
    expect(Object.keys(body.metadata.annotations)).toEqual([
      'crossplane.io/reconcile-requested-at',
    ]);
    expect(
      await screen.findByText(/Reconcile requested: waiting for Crossplane/, {}, WAIT)
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Pause reconciliation' }));
    fireEvent.click(await screen.findByRole('button', { name: 'confirm-button' }, WAIT));
    await waitFor(
      () => expect(fake.requests.filter(r => r.method === 'PATCH')).toHaveLength(2),
      WAIT
    );
    const pause = fake.requests.filter(r => r.method === 'PATCH')[1];
    expect(pause.body).toEqual({ metadata: { annotations: { 'crossplane.io/paused': 'true' } } });
  });

  it('offers no reconcile request on Crossplane v1 and no buttons without patch permission', async () => {
    const v1Only = loadFixture('crossplane/views.yaml').filter(
      object =>
        object.apiVersion !== 'apiextensions.crossplane.io/v2' &&
        !['Test', 'ClusterTest'].includes(String(object.kind)) &&
        !String(object.apiVersion).startsWith('nop.m.')
    );
    // Crossplane 1.x: its XRD CRD serves v1 only.
    serve(
      viewsCluster({
        objects: v1Only,
        crdVersions: { 'compositeresourcedefinitions.apiextensions.crossplane.io': ['v1'] },
      })
    );
    const first = renderPage(
      <CrossplaneObjectPage />,
      '/flux-crossplane/crossplane/objects/test/nop.example.org/NopResource/default/ext-functions',
      ROUTE.object
    );
    expect(await screen.findByRole('button', { name: 'Pause reconciliation' }, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Request reconcile' })).toBeNull();
    first.unmount();
    server.resetHandlers();
    resetDiscovery();
    resetPermissions();

    const fake = serve(viewsCluster({ canPatch: false }));
    renderPage(
      <CrossplaneObjectPage />,
      '/flux-crossplane/crossplane/objects/test/nop.example.org/NopResource/default/ext-functions',
      ROUTE.object
    );
    expect(await screen.findByText(/not allowed to change this object/, {}, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pause reconciliation' })).toBeNull();
    expect(fake.requests.filter(r => r.method === 'PATCH')).toHaveLength(0);
  });
});

describe('the Crossplane lists', () => {
  it('lists XRDs of every scope, with the one not established first', async () => {
    serve(viewsCluster());
    renderPage(<XrdsPage />, '/flux-crossplane/crossplane/xrds');
    const broken = await screen.findByRole('link', { name: 'xbuckets.storage.example.org' }, WAIT);
    const rows = screen.getAllByRole('row');
    const brokenRow = broken.closest('tr') as HTMLElement;
    expect(rows.indexOf(brokenRow)).toBe(1);
    expect(within(brokenRow).getByText('Failing')).toBeTruthy();
    const scopes = [
      'xnopresources.nop.example.org',
      'tests.example.org',
      'clustertests.example.org',
    ].map(
      name =>
        within(screen.getByRole('link', { name }).closest('tr') as HTMLElement).getAllByRole(
          'cell'
        )[6].textContent
    );
    expect(scopes).toEqual(['LegacyCluster', 'Namespaced', 'Cluster']);
  });

  it('says when no selected cluster runs Crossplane, without needing Flux', async () => {
    const fluxOnly = loadFixture('crossplane/views.yaml').filter(object =>
      String(object.apiVersion).includes('toolkit.fluxcd.io')
    );
    serve(viewsCluster({ objects: fluxOnly }));
    renderPage(<XrdsPage />, '/flux-crossplane/crossplane/xrds');
    expect(
      await screen.findByText(/Crossplane is not installed in the selected clusters/, {}, WAIT)
    ).toBeTruthy();
  });

  it('lists every XR and claim kind from the XRDs and each object with its claim or parent', async () => {
    serve(viewsCluster());
    renderPage(<CompositesPage />, '/flux-crossplane/crossplane/composites');
    await screen.findAllByRole('link', { name: 'XNopResource ext-functions-x7k2p-n8d4q' }, WAIT);
    const kindRow = (kind: string) => screen.getByText(kind).closest('tr') as HTMLElement;
    expect(within(kindRow('XNopResource.nop.example.org')).getByText('LegacyCluster')).toBeTruthy();
    expect(within(kindRow('NopResource.nop.example.org')).getByText('claim')).toBeTruthy();
    expect(within(kindRow('Test.example.org')).getByText('Namespaced')).toBeTruthy();
    expect(within(kindRow('ClusterTest.example.org')).getByText('Cluster')).toBeTruthy();
    expect(within(kindRow('XBucket.storage.example.org')).getByText(/is not served/)).toBeTruthy();
    const nested = screen
      .getByRole('link', { name: 'XNopResource ext-functions-x7k2p-n8d4q' })
      .closest('tr') as HTMLElement;
    expect(within(nested).getByText(/composed by/)).toBeTruthy();
    expect(
      within(nested).getByRole('link', { name: 'XNopResource ext-functions-x7k2p' })
    ).toBeTruthy();
  });

  it('groups managed resources by provider and lists packages and compositions with their revisions', async () => {
    serve(viewsCluster());
    const managed = renderPage(<ManagedResourcesPage />, '/flux-crossplane/crossplane/managed');
    await screen.findByText('3 managed resources, 1 failing', {}, WAIT);
    const bucket = screen
      .getByRole('link', { name: 'NopResource ext-functions-x7k2p-n8d4q-bucket' })
      .closest('tr') as HTMLElement;
    expect(bucket.textContent).toContain('ProviderConfig team-a (not found)');
    managed.unmount();

    const packages = renderPage(<PackagesPage />, '/flux-crossplane/crossplane/packages');
    const fn = await screen.findByRole('link', { name: 'function-dummy-ext-cluster' }, WAIT);
    const fnRow = fn.closest('tr') as HTMLElement;
    expect(within(fnRow).getAllByText('Failing').length).toBe(2); // the Function and its active revision
    expect(fnRow.textContent).toContain('(active)');
    packages.unmount();

    renderPage(<CompositionsPage />, '/flux-crossplane/crossplane/compositions');
    const parent = (await screen.findByRole('link', { name: 'parent' }, WAIT)).closest(
      'tr'
    ) as HTMLElement;
    expect(parent.textContent).toContain('#2 parent-8f3c2a1 (latest), #1 parent-11aa22b');
    expect(parent.textContent).toContain('be-a-dummy: function-dummy-ext-functions');
  });
});

describe('rollouts', () => {
  it('shows every Kustomization’s state for the latest commit and the Crossplane readiness', async () => {
    serve(viewsCluster());
    renderPage(<RolloutsPage />, '/flux-crossplane/rollouts');
    const sha = await screen.findByRole('link', { name: 'b2e9c4d' }, WAIT);
    expect(sha.getAttribute('href')).toBe(`https://github.com/acme/platform/commit/${C2}`);
    const row = (name: string) =>
      screen.getAllByRole('link', { name: `flux-system/${name}` })[0].closest('tr') as HTMLElement;
    expect(within(row('xp-apis')).getByText('Applied')).toBeTruthy();
    await waitFor(() => {
      expect(row('xp-claims').textContent).toContain(
        '0/2 claims Ready, 1/2 composite resources Ready (1 failing)'
      );
      // The managed resources' kinds are listed once the XRs naming them have answered.
      expect(row('xp-claims').textContent).toContain('ProviderConfig team-a is missing');
    }, WAIT);
    const claims = row('xp-claims');
    expect(within(claims).getByText('Failed')).toBeTruthy();
    // HealthCheckFailed: the commit was applied (its objects are live), then failed its health checks.
    expect(claims.textContent).toContain(
      'main@b2e9c4d is applied but not healthy: its objects are live (last healthy: main@4f1d2c3)'
    );
    expect(claims.textContent).not.toContain('did not apply');
    expect(claims.textContent).toContain('ProviderConfig team-a is missing');
    expect(claims.textContent).toContain(
      '0/2 claims Ready, 1/2 composite resources Ready (1 failing)'
    );
    expect(row('infra').textContent).toContain('Behind');
    expect(row('infra').textContent).toContain('still on main@4f1d2c3');
    expect(row('monitoring').textContent).toContain('In progress');
    expect(row('monitoring').textContent).toContain('applying main@b2e9c4d');
    expect(row('apps').textContent).toContain('Suspended');
    // Applied manifests from status.history (one row per digest), each opening the commit page.
    const history = screen.getByText('HealthCheckFailed').closest('tr') as HTMLElement;
    expect(within(history).getByRole('link', { name: 'main@b2e9c4d' })).toBeTruthy();
  });

  it('opens a commit: who applied it, and what it touched that still fails', async () => {
    serve(viewsCluster());
    renderPage(<CommitPage />, `/flux-crossplane/rollouts/commits/${C2.slice(0, 7)}`, ROUTE.commit);
    await screen.findAllByRole(
      'link',
      { name: 'NopResource ext-functions-x7k2p-n8d4q-bucket' },
      WAIT
    );
    const full = await screen.findByRole('link', { name: C2 }, WAIT);
    expect(full.getAttribute('href')).toBe(`https://github.com/acme/platform/commit/${C2}`);
    const relation = (name: string) =>
      (screen.getAllByRole('link', { name: `flux-system/${name}` })[0].closest('tr') as HTMLElement)
        .textContent;
    expect(relation('xp-apis')).toContain('applied it');
    expect(relation('xp-claims')).toContain('applied it; its objects are live and not healthy');
    expect(relation('xp-claims')).not.toContain('not applied');
    expect(relation('infra')).toContain('not tried yet');
    // What still fails, with each object's own diagnosis; the gone inventory entry included.
    const mrRow = screen
      .getAllByRole('link', { name: 'NopResource ext-functions-x7k2p-n8d4q-bucket' })[0]
      .closest('tr') as HTMLElement;
    expect(mrRow.textContent).toContain(
      'NopResource ext-functions-x7k2p-n8d4q-bucket: ProviderConfig team-a is missing'
    );
    expect(
      within(mrRow).getByRole('link', { name: 'NopResource default/ext-functions' })
    ).toBeTruthy();
    const goneRow = screen
      .getAllByRole('link', { name: 'NopResource default/gone-claim' })[0]
      .closest('tr') as HTMLElement;
    expect(within(goneRow).getByText('Not found')).toBeTruthy();
    expect(screen.getByText(/XRD xbuckets.storage.example.org is not established/)).toBeTruthy();
  });
});

describe('the map source', () => {
  function Probe() {
    const graph =
      fluxCrossplaneMapSource && 'useData' in fluxCrossplaneMapSource
        ? fluxCrossplaneMapSource.useData()
        : null;
    if (!graph) return <p>no graph</p>;
    return (
      <ul aria-label="graph">
        {(graph.nodes ?? []).map(node => (
          <li key={node.id} data-status={node.status}>
            {node.id}
          </li>
        ))}
        <li>edges: {graph.edges?.length ?? 0}</li>
      </ul>
    );
  }

  it('draws Kustomization → applied objects → composed resources with status colours', async () => {
    serve(viewsCluster());
    renderPage(<Probe />, '/flux-crossplane');
    const bucket = await screen.findByText('uid-mr-bucket', {}, WAIT);
    expect(bucket.getAttribute('data-status')).toBe('error');
    expect(screen.getByText('uid-xr-ns').getAttribute('data-status')).toBe('success');
    expect(screen.getByText('uid-claim').getAttribute('data-status')).toBe('warning');
    expect(screen.getByText(/edges: \d+/).textContent).not.toBe('edges: 0');
  });
});

describe('scale', () => {
  it('renders a 5,000-entry inventory and a 2,500-node tree with one list per kind and a small DOM', async () => {
    const cluster = scaleCluster({ claims: 500, failing: 2, otherEntries: 4495 });
    // Its user may not list ConfigMaps: the inventory's 4,495 are unknown, not missing.
    const fake = serve({ ...cluster, forbidden: ['/configmaps'] });
    await act(async () => {
      renderKustomization('scale');
    });
    const tree = await findTree('Crossplane objects of Kustomization scale');
    await findItem(tree, 'NopResource m-0');
    expect(item(tree, 'Claims and composite resources').textContent).toMatch(
      /500: 2 Progressing, 498 Ready/
    );
    expect(
      within(tree).getByRole('button', { name: /Show 50 more \(450 not shown\)/ })
    ).toBeTruthy();
    // Failing claims first, open down to their root cause.
    expect(item(tree, 'NopResource m-0').getAttribute('data-root-cause')).toBe('true');
    await screen.findByText('ConfigMap (4495)', {}, WAIT);
    const rendered = document.querySelectorAll('[role="treeitem"], tr').length;
    expect(rendered).toBeLessThan(500);
    // Requests: bounded by the kinds listed, never one per object.
    const gets = fake.requests.filter(r => r.method === 'GET');
    expect(gets.filter(r => /\/(c|x|m)-\d+$/.test(r.path))).toHaveLength(0);
    // One list (and its watch) per kind: the XR, claim, MR and ProviderConfig kinds found at run
    // time, the fixed kinds, plus discovery, CRDs and events.
    const listedKinds = FIXED_KINDS.length + 4;
    const paths = new Set(gets.map(r => r.path));
    expect(paths.size).toBeLessThanOrEqual(listedKinds + 8);
    for (const path of paths) {
      const lists = gets.filter(r => r.path === path && !r.query.includes('watch=1'));
      expect(lists.length, path).toBeLessThanOrEqual(2);
    }
    expect(gets.length).toBeLessThanOrEqual(2 * (listedKinds + 8));
    expect(fake.requests.length).toBeLessThan(80);
  });
});
