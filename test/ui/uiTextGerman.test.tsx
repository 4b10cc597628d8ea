/** @vitest-environment jsdom */
// With Headlamp set to German, what the model returns as ids reads in German (locales/de):
// a list left out by the namespace selection, a controller's problem; names as they are.
import './loadHeadlamp';
import { screen } from '@testing-library/react';
import i18next from 'i18next';
import React from 'react';
import { useT } from '../../src/i18n';
import { Controller, ControllerProblem } from '../../src/model/runtime';
import { VisibilityGap } from '../../src/model/visibility';
import { useGapText } from '../../src/views/common/gapText';
import { problemText } from '../../src/views/runtime/runtimeText';
import { fakeClusterServer, renderInHeadlamp } from './harness';

const { serve } = fakeClusterServer();
beforeAll(async () => {
  await i18next.changeLanguage('de');
});
afterAll(async () => {
  await i18next.changeLanguage('en');
});

const WAIT = { timeout: 20_000 };

const gap: VisibilityGap = {
  cluster: 'prod',
  group: 'kustomize.toolkit.fluxcd.io',
  kind: 'Kustomization',
  reason: 'outside-namespaces',
  exceptNamespaces: ['team-a', 'team-b'],
  message: '',
};
const problem: ControllerProblem = {
  id: 'crash-loop',
  params: { reason: 'CrashLoopBackOff', lastExit: 'OOMKilled' },
};

function Words() {
  const t = useT();
  const gapText = useGapText();
  const controller = { problemText: problem } as Controller;
  return (
    <ul>
      <li>{gapText(gap)}</li>
      <li>{problemText(t, controller)}</li>
    </ul>
  );
}

describe('the words of the model’s ids in German', () => {
  it('say a gap and a controller’s problem in German, with the names as they are', async () => {
    serve({ name: 'test', objects: [] });
    renderInHeadlamp(<Words />);
    expect(
      await screen.findByText(
        'Kustomization (kustomize.toolkit.fluxcd.io) wird im Cluster prod nur in den Namespaces team-a, team-b gelesen: Die Namespace-Auswahl lässt den Rest ungelesen.',
        {},
        WAIT
      )
    ).toBeTruthy();
    expect(screen.getByText('CrashLoopBackOff (zuletzt beendet: OOMKilled)')).toBeTruthy();
  });
});
