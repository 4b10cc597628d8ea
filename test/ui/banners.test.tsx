/** @vitest-environment jsdom */
// What a person reads in banners, action bars and dates: one banner per root cause, one
// permission note per page, confirmations before force and reset, the request tracker's
// progress in place and its give-up message, root-cause marks only with a diagnosis, and
// Headlamp's date labels. Real Headlamp components against the msw fake cluster.
import './loadHeadlamp';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { Route, Switch } from 'react-router-dom';
import { setRequestTimeout } from '../../src/actions/requestTracker';
import { FluxCrossplaneDataProvider } from '../../src/k8s/FluxCrossplaneData';
import { CrossplaneObjectPage } from '../../src/views/crossplane/CrossplaneObjectPage';
import { HelmReleaseDetailPage } from '../../src/views/helmreleases/HelmReleaseDetailPage';
import { HelmReleasesPage } from '../../src/views/helmreleases/HelmReleasesPage';
import { KustomizationDetailPage } from '../../src/views/kustomizations/KustomizationDetailPage';
import { OverviewPage } from '../../src/views/overview/OverviewPage';
import { SourceDetailPage } from '../../src/views/sources/SourceDetailPage';
import { loadFixture } from '../fixtures/load';
import { CRASH_LOOP, fluxControllers } from '../fixtures/runtime';
import { FakeClusterOptions, RecordedRequest } from './demoApi';
import { fakeClusterServer, renderInHeadlamp } from './harness';

const { serve } = fakeClusterServer({ unserved: false });
afterEach(() => setRequestTimeout());

const WAIT = { timeout: 20_000 };
type Json = Record<string, unknown>;

function cluster(objects: Json[], extra: Partial<FakeClusterOptions> = {}): FakeClusterOptions {
  return { name: 'test', objects, extraGroups: ['notification.toolkit.fluxcd.io'], ...extra };
}

const platform = () => loadFixture('platform.yaml');
const failures = () => [...loadFixture('platform.yaml'), ...loadFixture('flux-failures.yaml')];

const ROUTES = {
  overview: '/c/:cluster/flux-crossplane',
  kustomization: '/c/:cluster/flux-crossplane/kustomizations/:objectCluster/:namespace/:name',
  helmreleases: '/c/:cluster/flux-crossplane/helmreleases',
  helmrelease: '/c/:cluster/flux-crossplane/helmreleases/:objectCluster/:namespace/:name',
  object:
    '/c/:cluster/flux-crossplane/crossplane/objects/:objectCluster/:group/:kind/:namespace/:name',
  source: '/c/:cluster/flux-crossplane/sources/:objectCluster/:kind/:namespace/:name',
};

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

const patches = (requests: RecordedRequest[]) => requests.filter(r => r.method === 'PATCH');
const reviews = (requests: RecordedRequest[]) =>
  requests.filter(r => r.path.endsWith('/selfsubjectaccessreviews'));

/** Waits until no new access review was asked for a moment: every action bar has its answer. */
async function settledReviews(requests: RecordedRequest[]): Promise<number> {
  let count = -1;
  while (count !== reviews(requests).length) {
    count = reviews(requests).length;
    await new Promise(resolve => setTimeout(resolve, 400));
  }
  return count;
}

function bannerOf(rule: string): HTMLElement {
  return document.querySelector(`[data-rule="${rule}"]`) as HTMLElement;
}

describe('banners', () => {
  it('shows one missing ProviderConfig as one banner on the Overview, its symptoms folded under it with links', async () => {
    serve(cluster(platform()));
    renderPage(<OverviewPage />, '/flux-crossplane', ROUTES.overview);
    await screen.findByText(/ProviderConfig team-a is missing/, {}, WAIT);
    const banners = screen.getAllByRole('alert');
    const mentions = banners.filter(banner =>
      /ProviderConfig|team-a/.test(banner.textContent ?? '')
    );
    expect(mentions).toHaveLength(1);
    // The other banners are about something else (alert coverage, a stale Kustomization).
    expect(banners.map(banner => banner.getAttribute('data-rule')).sort()).toEqual([
      'FLUX-NO-ALERTS',
      'FLUX-NO-ALERTS',
      'FLUX-STALE',
      'XP-PROVIDERCONFIG-MISSING',
    ]);
    expect(screen.getByText('Needs attention (4)')).toBeTruthy();
    const root = mentions[0];
    expect(within(root).queryByRole('list', { name: 'Objects this explains' })).toBeNull();
    fireEvent.click(within(root).getByRole('button', { name: '▸ Also explains 3 objects' }));
    // Each explained object is a link to its page, with what it shows.
    const explained = within(
      within(root).getByRole('list', { name: 'Objects this explains' })
    ).getAllByRole('listitem');
    expect(explained.map(item => within(item).getByRole('link').textContent)).toEqual([
      'Kustomization flux-system/crossplane-claims',
      'NopResource default/ext-functions',
      'XNopResource ext-functions-x7k2p',
    ]);
    expect(explained[0].textContent).toContain(
      'Kustomization crossplane-claims: NopResource/default/ext-functions did not become ready'
    );
  });

  it("keeps the page's own diagnoses on its page, after the root cause, the actions and the facts", async () => {
    serve(cluster(platform()));
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-claims',
      ROUTES.kustomization
    );
    await screen.findByText(/ProviderConfig team-a is missing/, {}, WAIT);
    const root = bannerOf('XP-PROVIDERCONFIG-MISSING');
    const own = bannerOf('FLUX-HEALTH-CHECK');
    const actions = await screen.findByRole('button', { name: 'Reconcile' }, WAIT);
    const facts = screen.getByText('Applied revision');
    const before = (a: Node, b: Node) =>
      !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(before(root, actions)).toBe(true);
    expect(before(actions, facts)).toBe(true);
    expect(before(facts, own)).toBe(true);
    // The page's own banner names the chain of causes, deepest first.
    expect(own.textContent).toMatch(
      /Caused by: NopResource ext-functions-x7k2p-bucket ← XNopResource ext-functions-x7k2p ← NopResource default\/ext-functions/
    );
    // On this page the root explains the claim and the XR (the page's object stays its own banner).
    expect(within(root).getByRole('button', { name: '▸ Also explains 2 objects' })).toBeTruthy();
  });

  it('says once per page that a reader may not change objects, however many banners offer actions', async () => {
    const fake = serve(cluster(failures(), { canPatch: false }));
    const overview = renderPage(<OverviewPage />, '/flux-crossplane', ROUTES.overview);
    await screen.findByText(/HelmRelease crossplane is stuck/, {}, WAIT);
    await screen.findByText(/You are not allowed to change/, {}, WAIT);
    // Several banners have action bars that each asked; the note is said once.
    expect(await settledReviews(fake.requests)).toBeGreaterThan(2);
    expect(screen.getAllByText(/not allowed to change/)).toHaveLength(1);
    expect(
      screen.getByText(
        'You are not allowed to change the objects named below (no patch permission): their actions are hidden.'
      )
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Force upgrade' })).toBeNull();
    overview.unmount();

    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-claims',
      ROUTES.kustomization
    );
    await screen.findByText(
      'You are not allowed to change this object (no patch permission).',
      {},
      WAIT
    );
    await settledReviews(fake.requests);
    expect(screen.getAllByText(/not allowed to change/)).toHaveLength(1);
    expect(patches(fake.requests)).toHaveLength(0);
  });

  it('marks a root cause only where a diagnosis stands behind it', async () => {
    serve({ name: 'test', objects: loadFixture('crossplane/views.yaml') });
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/xp-claims',
      ROUTES.kustomization
    );
    const tree = await screen.findByRole(
      'tree',
      { name: 'Crossplane objects of Kustomization xp-claims' },
      WAIT
    );
    await within(tree).findByRole('treeitem', { name: 'ProviderConfig team-a' }, WAIT);
    // The inventory entry whose object is gone ends its failing branch, but no rule diagnosed it.
    const gone = within(tree).getByRole('treeitem', { name: 'NopResource gone-claim' });
    expect(within(gone).queryByText('Root cause')).toBeNull();
    expect(within(gone).queryByRole('button', { name: 'Show diagnosis' })).toBeNull();
    expect(within(gone).getByText('Deepest failing object (not diagnosed)')).toBeTruthy();
    // Every "Root cause" mark opens a diagnosis.
    const marked = within(tree)
      .getAllByText('Root cause')
      .map(mark => mark.closest('[role="treeitem"]') as HTMLElement);
    expect(marked.length).toBeGreaterThan(0);
    for (const entry of marked) {
      fireEvent.click(within(entry).getByRole('button', { name: 'Show diagnosis' }));
      expect((await within(entry).findAllByRole('alert', {}, WAIT)).length).toBeGreaterThan(0);
    }
  });
});

describe('actions', () => {
  const helmRelease = '/flux-crossplane/helmreleases/test/crossplane-system/crossplane';

  it('asks before a reset, sends nothing when cancelled, and exactly the reset patch when confirmed', async () => {
    const fake = serve(cluster(failures()));
    renderPage(<HelmReleaseDetailPage />, helmRelease, ROUTES.helmrelease);
    fireEvent.click(await screen.findByRole('button', { name: 'Reset failures' }, WAIT));
    expect(
      await screen.findByText('Reset failures of HelmRelease crossplane?', {}, WAIT)
    ).toBeTruthy();
    expect(screen.getByText(/forget the failure counts of the release/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'cancel-button' }));
    await waitFor(
      () => expect(screen.queryByText('Reset failures of HelmRelease crossplane?')).toBeNull(),
      WAIT
    );
    expect(patches(fake.requests)).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Reset failures' }));
    fireEvent.click(await screen.findByRole('button', { name: 'confirm-button' }, WAIT));
    await waitFor(() => expect(patches(fake.requests)).toHaveLength(1), WAIT);
    const [patch] = patches(fake.requests);
    expect(patch.path).toBe(
      '/apis/helm.toolkit.fluxcd.io/v2/namespaces/crossplane-system/helmreleases/crossplane'
    );
    expect(patch.contentType).toBe('application/merge-patch+json');
    const token = (patch.body as { metadata: { annotations: Record<string, string> } }).metadata
      .annotations['reconcile.fluxcd.io/resetAt'];
    expect(Date.parse(token)).not.toBeNaN();
    expect(patch.body).toEqual({
      metadata: {
        annotations: {
          'reconcile.fluxcd.io/requestedAt': token,
          'reconcile.fluxcd.io/resetAt': token,
        },
      },
    });
  });

  it('keeps the banner and the action bar in place while the request runs, progress inline', async () => {
    const fake = serve(cluster(failures()));
    renderPage(<HelmReleaseDetailPage />, helmRelease, ROUTES.helmrelease);
    await screen.findByText(/HelmRelease crossplane is stuck/, {}, WAIT);
    const banner = bannerOf('FLUX-HELM-STUCK');
    const button = await screen.findByRole('button', { name: 'Reconcile' }, WAIT);
    const bar = button.closest('[data-action-bar]') as HTMLElement;
    fireEvent.click(button);
    const progress = await within(bar).findByText(
      'Reconcile requested: waiting for the controller…',
      {},
      WAIT
    );
    expect(progress.closest('[role="status"]')).toBeTruthy();
    expect(patches(fake.requests)).toHaveLength(1);
    // The same elements, still in the page: nothing collapsed or was rebuilt.
    expect(bannerOf('FLUX-HELM-STUCK')).toBe(banner);
    expect(banner.isConnected && bar.isConnected).toBe(true);
    expect(screen.getByRole('button', { name: 'Reconcile' })).toBe(button);
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('gives up after the timeout, says what to check and enables the buttons again', async () => {
    setRequestTimeout(2_000);
    const fake = serve(cluster([...platform(), ...fluxControllers()]));
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      ROUTES.kustomization
    );
    const button = await screen.findByRole('button', { name: 'Reconcile' }, WAIT);
    expect(screen.queryByText(/nothing will handle a request/)).toBeNull();
    fireEvent.click(button);
    await screen.findByText('Reconcile requested: waiting for the controller…', {}, WAIT);
    expect(
      await screen.findByText(
        'Gave up after 2 s: kustomize-controller (namespace flux-system) has not handled the request. Check on the Runtime page that it is running and read its logs; a dependency that is not ready also holds an object back.',
        {},
        WAIT
      )
    ).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Reconcile' }) as HTMLButtonElement).disabled).toBe(
      false
    );
    expect(patches(fake.requests)).toHaveLength(1);
  });

  it('warns that nothing handles a request while the controller is down, still sends it, and says so when giving up', async () => {
    setRequestTimeout(2_000);
    const fake = serve(
      cluster([
        ...platform(),
        ...fluxControllers({ 'kustomize-controller': { pods: [CRASH_LOOP] } }),
      ])
    );
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      ROUTES.kustomization
    );
    const button = await screen.findByRole('button', { name: 'Reconcile' }, WAIT);
    const bar = button.closest('[data-action-bar]') as HTMLElement;
    expect(
      await within(bar).findByText(
        /^kustomize-controller \(namespace flux-system\) is down \(.+\): nothing will handle a request on this object until it is back\. You can still send it/,
        {},
        WAIT
      )
    ).toBeTruthy();
    fireEvent.click(button);
    await waitFor(() => expect(patches(fake.requests)).toHaveLength(1), WAIT);
    expect(
      await within(bar).findByText(
        'Gave up after 2 s: kustomize-controller (namespace flux-system) is not running, so nothing handled the request. Check it on the Runtime page; the request is handled once it is back.',
        {},
        WAIT
      )
    ).toBeTruthy();
  });

  it('Crossplane "Request reconcile" gives up too, and its button comes back', async () => {
    setRequestTimeout(2_000);
    const fake = serve({ name: 'test', objects: loadFixture('crossplane/views.yaml') });
    renderPage(
      <CrossplaneObjectPage />,
      '/flux-crossplane/crossplane/objects/test/nop.example.org/NopResource/default/ext-functions',
      ROUTES.object
    );
    const button = await screen.findByRole('button', { name: 'Request reconcile' }, WAIT);
    fireEvent.click(button);
    await screen.findByText('Reconcile requested: waiting for Crossplane to handle it…', {}, WAIT);
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(
      await screen.findByText(
        /^(Crossplane has not recorded the request after 2 s\. Only Crossplane 2\.3 and newer honour crossplane\.io\/reconcile-requested-at|Gave up after 2 s: crossplane)/,
        {},
        WAIT
      )
    ).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Request reconcile' }) as HTMLButtonElement).disabled
    ).toBe(false);
    expect(patches(fake.requests)).toHaveLength(1);
  });
});

describe("Headlamp's conventions", () => {
  it('shows times as Headlamp date labels with the exact time on hover, never raw ISO strings', async () => {
    serve(cluster(platform()));
    renderPage(
      <KustomizationDetailPage />,
      '/flux-crossplane/kustomizations/test/flux-system/crossplane-apis',
      ROUTES.kustomization
    );
    await screen.findByText('Conditions', {}, WAIT);
    // crossplane-apis' Ready condition changed at 09:01 that day.
    const since = await waitFor(() => {
      const element = document.querySelector('[title="2026-11-26T09:01:00.000Z"]');
      expect(element).toBeTruthy();
      return element as HTMLElement;
    }, WAIT);
    expect(since.textContent).toMatch(/^\d+(s|m|h|d|y)$/);
    const cells = [...document.querySelectorAll('td')].map(cell => cell.textContent ?? '');
    // Short SHAs never break across lines.
    const sha = screen.getAllByRole('link', { name: 'main@8a1f2c3' })[0];
    expect(sha.style.whiteSpace).toBe('nowrap');
    expect(cells.filter(text => /\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text))).toEqual([]);
    // "Next reconcile" is a time, not an interval: last reconciled 09:11 + interval 10m, long past.
    const next = document.querySelector('[title="2026-11-26T09:21:00.000Z"]') as HTMLElement;
    expect(next.textContent).toMatch(/^due \d+d ago$/);
  });

  it('lists the deployed chart version of a HelmRelease and the attempted one only when it differs', async () => {
    const objects = failures().map(object => {
      if (object.kind !== 'HelmRelease') return object;
      const status = object.status as { history: Json[] };
      // helm-controller keeps the release that runs as `deployed` when an upgrade fails.
      return {
        ...object,
        status: {
          ...status,
          history: [status.history[0], { ...status.history[1], status: 'deployed' }],
        },
      };
    });
    serve(cluster(objects));
    renderPage(<HelmReleasesPage />, '/flux-crossplane/helmreleases', ROUTES.helmreleases);
    const link = await screen.findByRole('link', { name: 'crossplane-system/crossplane' }, WAIT);
    const row = link.closest('tr') as HTMLElement;
    const headers = screen.getAllByRole('columnheader').map(header => header.textContent);
    const cell = (label: string) =>
      within(row).getAllByRole('cell')[headers.indexOf(label)].textContent;
    expect(cell('Deployed')).toBe('2.1.2');
    // Names and versions stay on one line at 1366 px (no break mid-token).
    const nameCell = within(row).getAllByRole('cell')[headers.indexOf('Name')];
    expect(getComputedStyle(nameCell).whiteSpace).toBe('nowrap');
    expect(cell('Attempted')).toBe('2.1.3');
    expect(headers).not.toContain('Version');
  });

  it('does not ask whether a HelmRelease "runs the latest revision" of a HelmRepository', async () => {
    serve(cluster(failures()));
    renderPage(
      <SourceDetailPage />,
      '/flux-crossplane/sources/test/HelmRepository/flux-system/crossplane-stable',
      ROUTES.source
    );
    const link = await screen.findByRole(
      'link',
      { name: 'HelmRelease crossplane-system/crossplane' },
      WAIT
    );
    const row = link.closest('tr') as HTMLElement;
    // The fixture's history has no deployed entry (the upgrade failed, the previous was superseded).
    expect(row.textContent).toContain(
      'does not apply (a HelmRelease deploys a chart version, not a revision of this source); deployed: none recorded in status.history'
    );
    expect(within(row).queryByText('No')).toBeNull();
    expect(within(row).queryByText('Yes')).toBeNull();
  });
});
