import fc from 'fast-check';
import { helmReleaseVersions } from '../../src/model/helmHistory';
import { Resource, toResource } from '../../src/model/resource';

function release(status: unknown): Resource {
  const resource = toResource({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'crossplane', namespace: 'crossplane-system' },
    status,
  });
  if (!resource) throw new Error('not a resource');
  return resource;
}

describe('deployed and attempted chart versions of a HelmRelease', () => {
  it('reads the deployed entry of status.history, not the newest, and the attempted version', () => {
    const versions = helmReleaseVersions(
      release({
        lastAttemptedRevision: '2.1.3',
        history: [
          { version: 7, chartName: 'crossplane', chartVersion: '2.1.3', status: 'failed' },
          {
            version: 6,
            chartName: 'crossplane',
            chartVersion: '2.1.2',
            appVersion: '2.1.2',
            status: 'deployed',
          },
        ],
      })
    );
    expect(versions).toMatchObject({
      deployed: { chartVersion: '2.1.2', appVersion: '2.1.2', version: 6, status: 'deployed' },
      attemptedVersion: '2.1.3',
      attemptedDiffers: true,
    });
  });

  it('says nothing is deployed when no entry is (the attempt is then not compared)', () => {
    expect(
      helmReleaseVersions(
        release({
          lastAttemptedRevision: '2.1.3',
          history: [{ chartVersion: '2.1.3', status: 'failed' }],
        })
      )
    ).toMatchObject({ deployed: undefined, attemptedVersion: '2.1.3', attemptedDiffers: false });
    expect(helmReleaseVersions(release(undefined))).toMatchObject({
      deployed: undefined,
      attemptedVersion: undefined,
      attemptedDiffers: false,
    });
  });

  it('an attempt of the deployed version is not "different"', () => {
    expect(
      helmReleaseVersions(
        release({
          lastAttemptedRevision: '1.0.0',
          history: [{ chartVersion: '1.0.0', status: 'deployed', version: 1 }],
        })
      ).attemptedDiffers
    ).toBe(false);
  });

  it('never throws on any status, and what it calls deployed is a deployed history entry', () => {
    const entry = fc.record(
      {
        chartVersion: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        status: fc.oneof(fc.constantFrom('deployed', 'failed', 'superseded'), fc.anything()),
        version: fc.oneof(fc.integer(), fc.string()),
      },
      { requiredKeys: [] }
    );
    const status = fc.oneof(
      fc.anything(),
      fc.record(
        {
          lastAttemptedRevision: fc.oneof(fc.string(), fc.anything()),
          history: fc.oneof(fc.array(entry), fc.anything()),
        },
        { requiredKeys: [] }
      )
    );
    fc.assert(
      fc.property(status, value => {
        const versions = helmReleaseVersions(release(value));
        if (versions.deployed) {
          const history = (value as { history: Array<Record<string, unknown>> }).history;
          expect(
            history.some(
              item =>
                item?.status === 'deployed' && item.chartVersion === versions.deployed?.chartVersion
            )
          ).toBe(true);
        }
        if (versions.attemptedDiffers) expect(versions.attemptedVersion).toBeTruthy();
      })
    );
  });
});
