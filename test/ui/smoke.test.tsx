/** @vitest-environment jsdom */
import { BACKEND, renderInHeadlamp } from './harness';
import { makeCustomResourceClass } from '@kinvolk/headlamp-plugin/lib/Crd';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import React from 'react';

const GitRepository = makeCustomResourceClass({
  apiInfo: [{ group: 'source.toolkit.fluxcd.io', version: 'v1' }],
  kind: 'GitRepository',
  pluralName: 'gitrepositories',
  singularName: 'gitrepository',
  isNamespaced: true,
});

const server = setupServer(
  http.get(`${BACKEND}/clusters/test/apis/source.toolkit.fluxcd.io/v1/gitrepositories`, () =>
    HttpResponse.json({
      kind: 'List',
      metadata: { resourceVersion: '1' },
      items: [
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'GitRepository',
          metadata: { name: 'crossplane-configs', namespace: 'flux-system' },
        },
      ],
    })
  )
);
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

function Names() {
  const [items, error] = GitRepository.useList({ cluster: 'test' });
  return (
    <div>
      {error
        ? `error ${error.status}`
        : items?.map(item => item.jsonData.metadata.name).join(',') ?? 'loading'}
    </div>
  );
}

it('renders a real useList with msw', async () => {
  renderInHeadlamp(<Names />);
  expect(await screen.findByText('crossplane-configs', {}, { timeout: 20000 })).toBeTruthy();
});
