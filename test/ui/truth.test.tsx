/** @vitest-environment jsdom */
// Truth while lists load: no page states a conclusion from a list that has not
// answered (Headlamp's loader instead), a forbidden list is shown as unknown, the
// one store outlives routes (no new list when moving between pages), and
// Headlamp's namespace chooser and allowed namespaces decide what is listed.
import './loadHeadlamp';
import { storeClusterSettings } from '@kinvolk/headlamp-plugin/lib/helpers/clusterSettings';
import { setNamespaceFilter } from '@kinvolk/headlamp-plugin/lib/redux/filterSlice';
import store from '@kinvolk/headlamp-plugin/lib/redux/stores/store';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { Route, Switch, useHistory } from 'react-router-dom';
import { FluxCrossplaneDataProvider } from '../../src/k8s/FluxCrossplaneData';
import { HelmReleasesPage } from '../../src/views/helmreleases/HelmReleasesPage';
import { KustomizationDetailPage } from '../../src/views/kustomizations/KustomizationDetailPage';
import { KustomizationsPage } from '../../src/views/kustomizations/KustomizationsPage';
import { OverviewPage } from '../../src/views/overview/OverviewPage';
import { RolloutsPage } from '../../src/views/rollouts/RolloutsPage';
import { RuntimePage } from '../../src/views/runtime/RuntimePage';
import { SourcesPage } from '../../src/views/sources/SourcesPage';
import { loadFixture } from '../fixtures/load';
import { crossplaneCore, fluxControllers } from '../fixtures/runtime';
import { FakeClusterOptions, RecordedRequest } from './demoApi';
import { fakeClusterServer, renderInHeadlamp } from './harness';

const { serve } = fakeClusterServer({ unserved: false });

// An unexpected console error fails the test: test/setup.ts checks it for every component test.
afterEach(() => {
  store.dispatch(setNamespaceFilter([]));
  storeClusterSettings('test', {});
});

const WAIT = { timeout: 15_000 };
const DETAIL_ROUTE = '/c/:cluster/flux-crossplane/kustomizations/:objectCluster/:namespace/:name';

function platform(extra: Partial<FakeClusterOptions> = {}): FakeClusterOptions {
  return {
    name: 'test',
    objects: [...loadFixture('platform.yaml'), ...fluxControllers(), ...crossplaneCore()],
    extraGroups: ['notification.toolkit.fluxcd.io'],
    ...extra,
  };
}

/** Every collection GET except discovery. */
const allLists = (path: string) => path !== '/apis';
const lists = (requests: RecordedRequest[]) =>
  requests.filter(r => r.method === 'GET' && r.path !== '/apis' && !r.query.includes('watch'));

function renderAt(page: React.ReactElement, path: string, routePath: string) {
  return renderInHeadlamp(
    <Switch>
      <Route path={routePath}>
        <FluxCrossplaneDataProvider>{page}</FluxCrossplaneDataProvider>
      </Route>
    </Switch>,
    { path }
  );
}

/** Waits until the page asked for `path` (so what it shows now is the pending state), then a little. */
async function whileHeld(fake: { requests: RecordedRequest[] }, path: RegExp) {
  await waitFor(() => expect(lists(fake.requests).some(r => path.test(r.path))).toBe(true), WAIT);
  await act(() => new Promise(resolve => setTimeout(resolve, 300)));
}

const loaders = () => screen.queryAllByRole('progressbar');

describe('while lists are pending', () => {
  it('Overview: no count, no "nothing needs attention", no "none of the key objects"; content once answered', async () => {
    const fake = serve(platform({ holdLists: allLists }));
    renderAt(<OverviewPage />, '/flux-crossplane', '/c/:cluster/flux-crossplane');
    await whileHeld(fake, /kustomizations$/);
    const text = () => document.body.textContent ?? '';
    expect(text()).not.toMatch(/Nothing needs attention/);
    expect(text()).not.toMatch(/Needs attention \(0\)/);
    expect(text()).not.toMatch(/None of the key objects/);
    expect(loaders().length).toBeGreaterThan(0);
    fake.release();
    expect(
      await screen.findByText('Kustomization flux-system/crossplane-apis', {}, WAIT)
    ).toBeTruthy();
    await screen.findByText(/Needs attention \(\d+\)/, {}, WAIT);
    expect(text()).not.toMatch(/Needs attention \(0\)/);
  });

  it('Overview, partly answered: the sections that are known show, the others load', async () => {
    // Kustomizations answered; sources and HelmReleases still pending.
    const fake = serve(
      platform({ holdLists: path => /(source|helm)\.toolkit\.fluxcd\.io/.test(path) })
    );
    renderAt(<OverviewPage />, '/flux-crossplane', '/c/:cluster/flux-crossplane');
    expect(
      await screen.findByText('Kustomization flux-system/crossplane-apis', {}, WAIT)
    ).toBeTruthy();
    await whileHeld(fake, /gitrepositories$/);
    const counts = screen.getByText('Flux objects by state').closest('section, div') as HTMLElement;
    expect(within(counts.parentElement as HTMLElement).queryAllByRole('row')).toHaveLength(0);
    expect(screen.getByText('Needs attention')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Needs attention \(\d+\)/);
    expect(loaders().length).toBeGreaterThan(0);
    fake.release();
    expect(await screen.findByText('GitRepository flux-system/crossplane-configs', {}, WAIT));
    await screen.findByText(/Needs attention \(\d+\)/, {}, WAIT);
  });

  it('the failing Kustomization is never "not found" before its list answered', async () => {
    const fake = serve(platform({ holdLists: allLists }));
    renderAt(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-claims',
      DETAIL_ROUTE
    );
    await whileHeld(fake, /kustomizations$/);
    expect(document.body.textContent).not.toMatch(/was not found in cluster/);
    expect(loaders().length).toBeGreaterThan(0);
    fake.release();
    expect(await screen.findByText(/ProviderConfig team-a is missing/, {}, WAIT)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/was not found in cluster/);
  });

  it('a Kustomization whose list is still pending while everything else answered loads, then shows', async () => {
    const fake = serve(platform({ holdLists: path => path.endsWith('/kustomizations') }));
    renderAt(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-claims',
      DETAIL_ROUTE
    );
    await whileHeld(fake, /gitrepositories$/);
    await whileHeld(fake, /kustomizations$/);
    expect(document.body.textContent).not.toMatch(/was not found in cluster/);
    expect(loaders().length).toBeGreaterThan(0);
    fake.release();
    expect(await screen.findByText(/ProviderConfig team-a is missing/, {}, WAIT)).toBeTruthy();
  });

  it('Kustomizations list: no "No Kustomizations" while its list is pending', async () => {
    const fake = serve(platform({ holdLists: path => path.endsWith('/kustomizations') }));
    renderAt(
      <KustomizationsPage />,
      '/flux-crossplane/kustomizations',
      '/c/:cluster/flux-crossplane/kustomizations'
    );
    await whileHeld(fake, /kustomizations$/);
    // Something else is known (sources answered), so the page frame shows and the table loads.
    await screen.findByLabelText('Filter', {}, WAIT);
    expect(document.body.textContent).not.toMatch(/No Kustomizations/);
    expect(screen.getByRole('progressbar', { name: 'Loading table data' })).toBeTruthy();
    fake.release();
    expect(
      await screen.findByRole('link', { name: 'flux-system/crossplane-claims' }, WAIT)
    ).toBeTruthy();
  });

  it('HelmReleases and Sources lists: no empty message while pending', async () => {
    const fake = serve(platform({ holdLists: path => /(source|helm)\.toolkit/.test(path) }));
    renderAt(<SourcesPage />, '/flux-crossplane/sources', '/c/:cluster/flux-crossplane/sources');
    await whileHeld(fake, /gitrepositories$/);
    expect(document.body.textContent).not.toMatch(/No sources in the selected clusters/);
    expect(screen.getByRole('progressbar', { name: 'Loading table data' })).toBeTruthy();
    fake.release();
    expect(
      (await screen.findAllByText('crossplane-configs', { exact: false }, WAIT)).length
    ).toBeGreaterThan(0);
    expect(document.body.textContent).not.toMatch(/No sources in the selected clusters/);
  });

  it('Rollouts: no "No history" and no "no Kustomization uses a source" while pending', async () => {
    const fake = serve(platform({ holdLists: path => path.endsWith('/kustomizations') }));
    renderAt(<RolloutsPage />, '/flux-crossplane/rollouts', '/c/:cluster/flux-crossplane/rollouts');
    await whileHeld(fake, /kustomizations$/);
    await screen.findByText('Applied manifests per Kustomization (status.history)', {}, WAIT);
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/No history/);
    expect(text).not.toMatch(/No Kustomization uses a source/);
    expect(loaders().length).toBeGreaterThan(0);
    fake.release();
    expect(
      (await screen.findAllByRole('link', { name: 'flux-system/crossplane-claims' }, WAIT)).length
    ).toBeGreaterThan(0);
  });

  it('Runtime: no "No Flux controller found" while Deployments and Pods are pending', async () => {
    const fake = serve(platform({ holdLists: path => /\/(deployments|pods)$/.test(path) }));
    renderAt(<RuntimePage />, '/flux-crossplane/runtime', '/c/:cluster/flux-crossplane/runtime');
    await whileHeld(fake, /deployments$/);
    await screen.findByText('Flux controllers', {}, WAIT);
    expect(document.body.textContent).not.toMatch(/No Flux controller found/);
    expect(document.body.textContent).not.toMatch(/No Crossplane controller found/);
    expect(loaders().length).toBeGreaterThan(0);
    fake.release();
    expect(await screen.findByText('kustomize-controller', {}, WAIT)).toBeTruthy();
  });

  it('event tables: no "No events" before the events list answered', async () => {
    const fake = serve(platform({ holdLists: path => path.endsWith('/events') }));
    renderAt(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      DETAIL_ROUTE
    );
    await screen.findByText('xnopresources.nop.example.org', {}, WAIT);
    await whileHeld(fake, /namespaces\/flux-system\/events$/);
    expect(document.body.textContent).not.toMatch(/No events for/);
    fake.release();
    expect(
      await screen.findByText('No events for Kustomization crossplane-apis.', {}, WAIT)
    ).toBeTruthy();
  });
});

describe('a list that failed', () => {
  it('a forbidden Kustomization list makes the object unknown, not "not found"', async () => {
    serve(platform({ forbidden: ['kustomize.toolkit.fluxcd.io/kustomizations'] }));
    renderAt(
      <KustomizationsPage />,
      '/flux-crossplane/kustomizations',
      '/c/:cluster/flux-crossplane/kustomizations'
    );
    expect(await screen.findByText(/Nothing is visible to you/, {}, WAIT)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/No Kustomizations/);
  });

  it('a forbidden HelmRelease list says so instead of "No HelmReleases"', async () => {
    serve(
      platform({
        // The group serves HelmReleases (at v2); this reader may not list them.
        objects: [
          ...platform().objects,
          {
            apiVersion: 'helm.toolkit.fluxcd.io/v2',
            kind: 'HelmRelease',
            metadata: { name: 'hidden', namespace: 'flux-system' },
          },
        ],
        forbidden: ['helm.toolkit.fluxcd.io/helmreleases'],
      })
    );
    renderAt(
      <HelmReleasesPage />,
      '/flux-crossplane/helmreleases',
      '/c/:cluster/flux-crossplane/helmreleases'
    );
    expect(
      await screen.findByText(
        /Not allowed to list HelmRelease \(helm.toolkit.fluxcd.io\)/,
        {},
        WAIT
      )
    ).toBeTruthy();
    expect(
      screen.getByText('Unknown: HelmReleases could not be listed everywhere (see above).')
    ).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/No HelmReleases/);
  });
});

const PAGES: Array<{ path: string; element: React.ReactElement; shows: RegExp }> = [
  { path: '/flux-crossplane', element: <OverviewPage />, shows: /Needs attention \(\d+\)/ },
  {
    path: '/flux-crossplane/kustomizations',
    element: <KustomizationsPage />,
    shows: /flux-system\/crossplane-claims/,
  },
  {
    path: '/flux-crossplane/rollouts',
    element: <RolloutsPage />,
    shows: /Applied manifests per Kustomization/,
  },
  { path: '/flux-crossplane/runtime', element: <RuntimePage />, shows: /kustomize-controller/ },
  { path: '/flux-crossplane/sources', element: <SourcesPage />, shows: /crossplane-configs/ },
  { path: '/flux-crossplane/helmreleases', element: <HelmReleasesPage />, shows: /HelmReleases/ },
];

function Navigation() {
  const history = useHistory();
  return (
    <nav>
      {PAGES.map(page => (
        <button key={page.path} onClick={() => history.push(`/c/test${page.path}`)}>
          {`go ${page.path}`}
        </button>
      ))}
    </nav>
  );
}

describe('one store for every page', () => {
  it('moving between the pages opens no new list for kinds already held', async () => {
    const fake = serve(platform());
    renderInHeadlamp(
      <FluxCrossplaneDataProvider>
        <Navigation />
        <Switch>
          {PAGES.map(page => (
            <Route key={page.path} exact path={`/c/:cluster${page.path}`}>
              {page.element}
            </Route>
          ))}
        </Switch>
      </FluxCrossplaneDataProvider>,
      { path: '/flux-crossplane' }
    );
    await screen.findByText(PAGES[0].shows, {}, WAIT);
    // Let the dynamic kinds (XRs, claims, managed resources) be planned and answered too.
    await waitFor(() => expect(screen.queryAllByRole('progressbar')).toHaveLength(0), WAIT);
    await act(() => new Promise(resolve => setTimeout(resolve, 500)));
    const before = lists(fake.requests).length;
    expect(before).toBeGreaterThan(10);
    for (const page of PAGES.slice(1)) {
      fireEvent.click(screen.getByRole('button', { name: `go ${page.path}` }));
      expect((await screen.findAllByText(page.shows, {}, WAIT)).length).toBeGreaterThan(0);
    }
    fireEvent.click(screen.getByRole('button', { name: 'go /flux-crossplane' }));
    await screen.findByText(PAGES[0].shows, {}, WAIT);
    await act(() => new Promise(resolve => setTimeout(resolve, 300)));
    expect(lists(fake.requests).slice(before)).toEqual([]);
  });
});

describe('namespaces', () => {
  it("Headlamp's namespace chooser limits every namespaced list and says so", async () => {
    store.dispatch(setNamespaceFilter(['flux-system']));
    const fake = serve(platform());
    renderAt(
      <KustomizationsPage />,
      '/flux-crossplane/kustomizations',
      '/c/:cluster/flux-crossplane/kustomizations'
    );
    expect(
      await screen.findByRole('link', { name: 'flux-system/crossplane-claims' }, WAIT)
    ).toBeTruthy();
    expect(
      screen.getByText(/Showing namespaces flux-system only \(namespace selection\)/)
    ).toBeTruthy();
    const namespacedLists = lists(fake.requests).filter(r =>
      /\/kustomize\.toolkit\.fluxcd\.io\/v1\//.test(r.path)
    );
    expect(namespacedLists.map(r => r.path)).toEqual([
      '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations',
    ]);
  });

  it('a user limited to one namespace (403 cluster-wide) gets working pages there through allowed namespaces', async () => {
    storeClusterSettings('test', { allowedNamespaces: ['flux-system'] });
    serve(
      platform({
        forbiddenClusterWide: [
          'kustomize.toolkit.fluxcd.io/kustomizations',
          'source.toolkit.fluxcd.io/gitrepositories',
        ],
      })
    );
    renderAt(
      <KustomizationsPage />,
      '/flux-crossplane/kustomizations',
      '/c/:cluster/flux-crossplane/kustomizations'
    );
    expect(
      await screen.findByRole('link', { name: 'flux-system/crossplane-claims' }, WAIT)
    ).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Nothing is visible to you/);
    expect(document.body.textContent).not.toMatch(/Not allowed to list/);
  });
});
