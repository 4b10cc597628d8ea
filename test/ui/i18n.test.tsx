/** @vitest-environment jsdom */
// A diagnosis in the reader's language: with Headlamp set to German, the banner of a source
// that cannot authenticate reads the German texts of locales/de (through the plugin's t()),
// while names, URLs, field paths, commands and the controller's own words stay as they are.
import './loadHeadlamp';
import { screen, within } from '@testing-library/react';
import i18next from 'i18next';
import React from 'react';
import { Route, Switch } from 'react-router-dom';
import { FluxCrossplaneDataProvider } from '../../src/k8s/FluxCrossplaneData';
import { SourceDetailPage } from '../../src/views/sources/SourceDetailPage';
import { loadFixture } from '../fixtures/load';
import { fakeClusterServer, renderInHeadlamp } from './harness';

const { serve } = fakeClusterServer({ unserved: false });
beforeAll(async () => {
  await i18next.changeLanguage('de');
});
afterAll(async () => {
  await i18next.changeLanguage('en');
});

const WAIT = { timeout: 20_000 };

describe('a diagnosis in German', () => {
  it('shows the German title, explanation and action labels of FLUX-SOURCE-AUTH, with the names as they are', async () => {
    serve({
      name: 'test',
      objects: [...loadFixture('platform.yaml'), ...loadFixture('flux-failures.yaml')],
      extraGroups: ['notification.toolkit.fluxcd.io'],
    });
    renderInHeadlamp(
      <Switch>
        <Route path="/c/:cluster/flux-crossplane/sources/:objectCluster/:kind/:namespace/:name">
          <FluxCrossplaneDataProvider>
            <SourceDetailPage />
          </FluxCrossplaneDataProvider>
        </Route>
      </Switch>,
      { path: '/flux-crossplane/sources/test/GitRepository/flux-system/team-apps' }
    );
    const title = await screen.findByText(
      'GitRepository team-apps kann sich nicht bei ssh://git@github.com/acme/team-apps.git anmelden',
      { exact: false },
      WAIT
    );
    const banner = title.closest('[data-rule="FLUX-SOURCE-AUTH"]') as HTMLElement;
    expect(banner).toBeTruthy();
    expect(banner.textContent).toContain(
      'Prüfen Sie das in spec.secretRef genannte Secret flux-system/team-apps-deploy-key: Es muss existieren und die richtigen Schlüssel enthalten'
    );
    expect(banner.textContent).toContain('Zugangsdaten-Secret untersuchen');
    expect(banner.textContent).toContain('Quelle beschreiben');
    expect(banner.textContent).not.toContain('cannot authenticate');
    expect(banner.textContent).not.toContain('Describe the source');
    // The evidence is the controller's own words, verbatim.
    expect(within(banner).getAllByRole('listitem')[0].textContent).toContain(
      'Ready=False (GitOperationFailed): failed to checkout and determine revision'
    );
    // Commands stay commands.
    expect(banner.textContent).toContain(
      'kubectl describe gitrepository.source.toolkit.fluxcd.io team-apps -n flux-system'
    );
  });
});
