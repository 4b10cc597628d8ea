/** @vitest-environment jsdom */
// One kind and name in two API groups (a Crossplane Provider and a Flux notification Provider,
// both "slack"): every object key carries the group, so banners, links and their React keys
// keep the two apart. A duplicate React key is a console error, which fails the test.
import './loadHeadlamp';
import { screen } from '@testing-library/react';
import React from 'react';
import { Diagnosis, Subject } from '../../src/rules';
import { groupByRootCause } from '../../src/viewModels/bannerGroups';
import { DiagnosisBanner } from '../../src/views/common/DiagnosisBanner';
import { renderInHeadlamp, translationsSettled } from './harness';

const crossplaneProvider: Subject = {
  cluster: 'test',
  apiVersion: 'pkg.crossplane.io/v1',
  kind: 'Provider',
  name: 'slack',
};
const fluxProvider: Subject = {
  cluster: 'test',
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Provider',
  namespace: 'flux-system',
  name: 'slack',
};

function diagnosisOf(subject: Subject, actions: Diagnosis['actions'] = []): Diagnosis {
  return {
    ruleId: 'TEST',
    severity: 'error',
    subject,
    title: 'Provider slack is not healthy',
    explanation: '',
    evidence: [],
    actions,
  };
}

describe('one kind and name in two groups', () => {
  afterAll(translationsSettled);

  it('gives each its own banner', () => {
    const groups = groupByRootCause([diagnosisOf(crossplaneProvider), diagnosisOf(fluxProvider)]);
    expect(groups.map(group => group.diagnosis.subject.apiVersion)).toEqual([
      'pkg.crossplane.io/v1',
      'notification.toolkit.fluxcd.io/v1beta3',
    ]);
  });

  it('shows an "open" action for each: the Crossplane one a link to its page, the other plain text', async () => {
    const open = (target: Subject) => ({
      label: 'Open Provider slack',
      kind: 'open' as const,
      target,
    });
    renderInHeadlamp(
      <DiagnosisBanner
        diagnosis={diagnosisOf(crossplaneProvider, [open(crossplaneProvider), open(fluxProvider)])}
      />,
      { path: '/flux-crossplane' }
    );
    const entries = await screen.findAllByText('Open Provider slack');
    expect(entries).toHaveLength(2);
    // The Crossplane Provider has a page of the plugin; the notification Provider has none.
    const linked = entries.map(entry => entry.closest('a')?.getAttribute('href') ?? null);
    expect(linked.filter(href => href !== null)).toHaveLength(1);
  });
});
