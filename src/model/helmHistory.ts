import { lastAttemptedRevisionOf, statusHistory } from './fluxSpec';
import { asNumber, field, stringField } from './json';
import { Resource } from './resource';

/**
 * A HelmRelease's chart versions: the one deployed (running) and the one
 * attempted, from helm-controller's `status.history` (snapshots of Helm
 * releases, newest first, kept up to the last successful one) and
 * `status.lastAttemptedRevision` (the chart version, for OCI sources with
 * `+<digest>` appended).
 */
export interface HelmSnapshot {
  /** Helm's release version number (`helm history` REVISION). */
  version?: number;
  chartName: string;
  chartVersion: string;
  appVersion?: string;
  /** Helm's release status: `deployed`, `superseded`, `failed`, `pending-upgrade`… (verbatim). */
  status: string;
  firstDeployed?: string;
  lastDeployed?: string;
}

export interface HelmReleaseVersions {
  /** The release Helm reports as deployed: what runs. */
  deployed?: HelmSnapshot;
  /** The newest release Helm recorded (deployed, or failed). */
  latest?: HelmSnapshot;
  /** `status.lastAttemptedRevision`: the chart version of the last attempt. */
  attemptedVersion?: string;
  /** The attempted chart version is not the deployed one (an upgrade did not land). */
  attemptedDiffers: boolean;
  snapshots: HelmSnapshot[];
}

/** `1.2.3+1234567890ab` (OCI: version plus digest prefix) → `1.2.3`. */
function chartVersionOf(revision: string): string {
  const plus = revision.indexOf('+');
  return plus > 0 ? revision.slice(0, plus) : revision;
}

export function helmReleaseVersions(release: Resource): HelmReleaseVersions {
  const snapshots: HelmSnapshot[] = [];
  for (const item of statusHistory(release.raw)) {
    const chartVersion = stringField(item, 'chartVersion');
    if (!chartVersion) continue;
    snapshots.push({
      version: asNumber(field(item, 'version')),
      chartName: stringField(item, 'chartName') ?? '',
      chartVersion,
      appVersion: stringField(item, 'appVersion'),
      status: stringField(item, 'status') ?? '',
      firstDeployed: stringField(item, 'firstDeployed'),
      lastDeployed: stringField(item, 'lastDeployed'),
    });
  }
  // Newest first by Helm's release number, whatever order was kept.
  snapshots.sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
  const deployed = snapshots.find(snapshot => snapshot.status === 'deployed');
  const attemptedVersion = lastAttemptedRevisionOf(release.raw);
  return {
    deployed,
    latest: snapshots[0],
    attemptedVersion,
    attemptedDiffers:
      !!attemptedVersion &&
      !!deployed &&
      chartVersionOf(attemptedVersion) !== chartVersionOf(deployed.chartVersion),
    snapshots,
  };
}

/**
 * Whether a HelmRelease runs its source's current revision (a HelmChart's or
 * OCIRepository's chart version): its deployed release has that chart version.
 * Undefined where the question has no meaning — a HelmRepository is an index
 * of many charts, not one revision — or no deployed release is recorded.
 */
export function releaseRunsSourceRevision(
  release: Resource,
  sourceKind: string,
  sourceRevision: string
): boolean | undefined {
  if (sourceKind === 'HelmRepository' || !sourceRevision) return undefined;
  const deployed = helmReleaseVersions(release).deployed;
  if (!deployed) return undefined;
  return chartVersionOf(deployed.chartVersion) === chartVersionOf(sourceRevision);
}
