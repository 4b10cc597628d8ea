import { buildIndex } from '../../src/model/clusterIndex';
import { helmReleaseVersions, releaseRunsSourceRevision } from '../../src/model/helmHistory';
import { helmRelease, Json } from './builders';
import { FIRING, NEAR_MISSES } from './cases/motion';
import { ruleTable } from './harness';

describe('states in motion: suspended verdicts, HelmRelease chart versions', () => {
  ruleTable(FIRING, NEAR_MISSES);
});

describe('HelmRelease deployed vs attempted chart version (helmReleaseVersions)', () => {
  const release = (lastAttemptedRevision: string | undefined, history: Json[]) => {
    const object = helmRelease({ lastAttemptedRevision });
    object.status = { ...(object.status as Json), history };
    return buildIndex({ objects: [object] }).withRole('helmrelease')[0];
  };
  const snap = (version: number, chartVersion: string, status: string) => ({
    version,
    chartName: 'crossplane',
    chartVersion,
    status,
    configDigest: 'sha256:1',
    digest: 'sha256:2',
    name: 'crossplane',
    namespace: 'crossplane-system',
  });

  it.each<[string, string | undefined, Json[], string | undefined, boolean]>([
    [
      'failed upgrade: 1.20.0 deployed, 1.21.0 attempted',
      '1.21.0',
      [snap(5, '1.21.0', 'failed'), snap(4, '1.20.0', 'deployed')],
      '1.20.0',
      true,
    ],
    ['upgraded: the same version', '1.21.0', [snap(6, '1.21.0', 'deployed')], '1.21.0', false],
    [
      'OCI revision with a digest suffix is the same version',
      '1.21.0+1234567890ab',
      [snap(6, '1.21.0', 'deployed')],
      '1.21.0',
      false,
    ],
    [
      'history kept out of order: the newest deployed by release number',
      '1.21.0',
      [snap(3, '1.19.0', 'superseded'), snap(4, '1.20.0', 'deployed'), snap(5, '1.21.0', 'failed')],
      '1.20.0',
      true,
    ],
    [
      'no history: nothing deployed is known, no difference claimed',
      '1.21.0',
      [],
      undefined,
      false,
    ],
  ])('%s', (_name, attempted, history, deployed, differs) => {
    const versions = helmReleaseVersions(release(attempted, history));
    expect(versions.deployed?.chartVersion).toBe(deployed);
    expect(versions.attemptedDiffers).toBe(differs);
  });
});

describe('does a HelmRelease run its source’s latest revision?', () => {
  const release = (history: Json[]) => {
    const object = helmRelease({ lastAttemptedRevision: '1.21.0' });
    object.status = { ...(object.status as Json), history };
    return buildIndex({ objects: [object] }).withRole('helmrelease')[0];
  };
  const deployed = (chartVersion: string) => [
    { version: 4, chartName: 'crossplane', chartVersion, status: 'deployed' },
  ];
  it.each<[string, string, string, Json[], boolean | undefined]>([
    [
      'a HelmRepository: no meaning, nothing stated',
      'HelmRepository',
      '',
      deployed('1.21.0'),
      undefined,
    ],
    ['HelmChart at the deployed version', 'HelmChart', '1.21.0', deployed('1.21.0'), true],
    ['HelmChart ahead of the deployed version', 'HelmChart', '1.21.0', deployed('1.20.0'), false],
    [
      'OCIRepository version+digest',
      'OCIRepository',
      '1.21.0+1234567890ab',
      deployed('1.21.0'),
      true,
    ],
    ['no deployed release recorded: unknown', 'HelmChart', '1.21.0', [], undefined],
  ])('%s', (_name, kind, revision, history, expected) => {
    expect(releaseRunsSourceRevision(release(history), kind, revision)).toBe(expected);
  });
});
