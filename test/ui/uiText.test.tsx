/** @vitest-environment jsdom */
// The UI's tables of words for the ids the model returns say, in English, what the CLI prints
// for the same ids: a gap (describeGap), a controller's problem (problemMessage), the plugin's
// own gap messages (uiTextGerman.test.tsx: the same in German).
import './loadHeadlamp';
import { screen } from '@testing-library/react';
import React from 'react';
import { Translate, TranslateValues } from '../../src/i18n';
import { notServedGap, outsideNamespacesGap } from '../../src/k8s/visibility';
import { FactLabel, TreeGroup } from '../../src/model/crossplaneTree';
import { Controller, ControllerProblem } from '../../src/model/runtime';
import { describeGap, VisibilityGap } from '../../src/model/visibility';
import { problemMessage, renderEnglish } from '../../src/rules';
import { gapMessage, useGapText } from '../../src/views/common/gapText';
import { factLabel, treeGroupLabel } from '../../src/views/crossplane/treeText';
import { problemText } from '../../src/views/runtime/runtimeText';
import { renderInHeadlamp, translationsSettled } from './harness';

/** t() with no translation loaded: the key itself, its placeholders filled. */
const english: Translate = (key: string, values?: TranslateValues) =>
  key.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    values && name in values ? String(values[name]) : whole
  );

const GAP = { cluster: 'prod', group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization' };
const GAPS: VisibilityGap[] = [
  { ...GAP, reason: 'pending', message: 'still being read' },
  { ...GAP, namespace: 'team-a', reason: 'pending', message: 'still being read' },
  { ...GAP, reason: 'outside-namespaces', exceptNamespaces: ['team-a', 'team-b'], message: '' },
  { ...GAP, cluster: '', reason: 'outside-namespaces', exceptNamespaces: [], message: '' },
  { ...GAP, namespace: 'team-a', reason: 'forbidden', status: 403, message: 'forbidden' },
  { ...GAP, exceptNamespaces: ['team-a'], reason: 'forbidden', status: 403, message: '' },
  { ...GAP, reason: 'not-found', status: 404, message: 'the server could not find it' },
  { ...GAP, group: '', kind: 'Pod', reason: 'error', status: 500, message: 'etcd timed out' },
];

function GapLines({ gaps }: { gaps: VisibilityGap[] }) {
  const gapText = useGapText();
  return (
    <ul>
      {gaps.map((gap, i) => (
        <li key={i} data-testid={`gap-${i}`}>
          {gapText(gap)}
        </li>
      ))}
    </ul>
  );
}

describe('the words of a gap', () => {
  it('are describeGap’s English, for every reason', async () => {
    renderInHeadlamp(<GapLines gaps={GAPS} />);
    await translationsSettled();
    GAPS.forEach((gap, i) =>
      expect(screen.getByTestId(`gap-${i}`).textContent).toBe(describeGap(gap))
    );
  });

  it("say the plugin's own gap messages as the data layer writes them in English", () => {
    const kind = { group: 'pkg.crossplane.io', kind: 'Provider', plural: 'providers' };
    for (const gap of [
      notServedGap(kind, 'prod'),
      outsideNamespacesGap(kind, 'prod', ['a', 'b']),
      outsideNamespacesGap(kind, 'prod', []),
    ])
      expect(gapMessage(english, gap)).toBe(gap.message);
    expect(gapMessage(english, { ...GAP, reason: 'error', message: 'etcd timed out' })).toBe(
      'etcd timed out'
    );
  });
});

describe("a controller's problem", () => {
  const problems: ControllerProblem[] = [
    { id: 'scaled-to-zero' },
    { id: 'replicas-available', params: { available: 0, desired: 2 } },
    { id: 'no-pod-ready', params: { phase: 'Pending' } },
    { id: 'no-pod-ready-unknown-phase' },
    { id: 'container', params: { reason: 'ImagePullBackOff' } },
    { id: 'crash-loop', params: { reason: 'CrashLoopBackOff', lastExit: 'OOMKilled' } },
    {
      id: 'flux-missing',
      params: {
        component: 'helm-controller',
        selector: 'app.kubernetes.io/part-of=flux',
        count: 3,
      },
    },
    {
      id: 'runtime-missing',
      params: {
        kind: 'Provider',
        name: 'provider-aws-s3',
        revision: 'provider-aws-s3-1a2b3c',
        namespace: 'crossplane-system',
      },
    },
  ];
  it.each(problems.map(problem => [problem.id, problem] as const))(
    'reads in the UI as the rules and the CLI print it (%s)',
    (_id, problem) => {
      const controller = { problemText: problem } as Controller;
      expect(problemText(english, controller)).toBe(renderEnglish(problemMessage(problem)));
    }
  );
});

describe('the Crossplane tree', () => {
  it('says each heading and fact label by its id, the English text', () => {
    const groups: TreeGroup[] = [
      'Packages',
      'Claims and composite resources whose XRD is not found',
    ];
    for (const group of groups) expect(treeGroupLabel(english, group)).toBe(group);
    const labels: FactLabel[] = ['Defines', 'Claim kind', 'Step', 'Paused'];
    for (const label of labels) expect(factLabel(english, label)).toBe(label);
  });
});
