import { asArray, asNumber, field, stringField } from './json';
import { Resource } from './resource';

/** A chart version helm-controller recorded in `status.history` (newest first). */
export interface DeployedChart {
  chartVersion: string;
  appVersion?: string;
  /** The Helm release revision (`version`). */
  revision?: number;
}

/**
 * What a HelmRelease runs versus what it last tried: the deployed entry of
 * `status.history` (helm-controller v2 keeps Helm's release status per
 * snapshot: `deployed`, `superseded`, `failed`…) and
 * `status.lastAttemptedRevision` (the chart version of the last attempt).
 */
export interface HelmChartVersions {
  /** Undefined when no history entry is `deployed` (nothing recorded as running). */
  deployed?: DeployedChart;
  attempted?: string;
  /** The last attempt was a chart version other than the deployed one (or nothing is deployed). */
  attemptedDiffers: boolean;
}

export function helmChartVersions(release: Resource): HelmChartVersions {
  const attempted = stringField(release.raw, 'status', 'lastAttemptedRevision') || undefined;
  const entry = asArray(field(release.raw, 'status', 'history')).find(
    item => stringField(item, 'status') === 'deployed' && !!stringField(item, 'chartVersion')
  );
  const deployed: DeployedChart | undefined = entry
    ? {
        chartVersion: stringField(entry, 'chartVersion') as string,
        appVersion: stringField(entry, 'appVersion') || undefined,
        revision: asNumber(field(entry, 'version')),
      }
    : undefined;
  return {
    deployed,
    attempted,
    attemptedDiffers: !!attempted && attempted !== deployed?.chartVersion,
  };
}
