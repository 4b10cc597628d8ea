import { Link } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import React from 'react';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { healthOf } from '../../model/health';
import { sourceRefOf } from '../../model/join';
import { provenanceOf } from '../../model/provenance';
import { Resource } from '../../model/resource';
import { shortSha } from '../../model/revision';
import { KustomizationRollout, kustomizationRollout } from '../../model/rollout';
import { DiagnosisReport } from '../../rules';
import { DiagnosisTranslator, useDiagnosisText } from '../common/diagnosisText';
import { healthLabel } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { RevisionText } from '../common/RevisionText';
import { commitRoute } from '../routes';

/** `now failed at main@b2e9c4d: <top diagnosis>`: where the applying Kustomization stands. */
export function rolloutStateText(
  t: Translate,
  rollout: KustomizationRollout,
  report: DiagnosisReport,
  words: DiagnosisTranslator
): string {
  switch (rollout.state) {
    case 'applied':
      return t('now applied and Ready');
    case 'in-progress':
      return rollout.attempted.raw
        ? t('now in progress (applying {{revision}})', { revision: rollout.attempted.short })
        : t('now in progress');
    case 'failed': {
      const top = report.forObject(rollout.kustomization)[0];
      const why = (top && words(top).title) || rollout.message;
      const at =
        rollout.attempted.raw && rollout.attempted.raw !== rollout.applied.raw
          ? t('now failed at {{revision}}', { revision: rollout.attempted.short })
          : t('now failed');
      return why ? `${at}: ${why}` : at;
    }
    case 'behind':
      return t('now behind: the source is at {{revision}}', { revision: rollout.target.short });
    case 'suspended':
      return t('now suspended');
    default:
      return t('now in an unknown state');
  }
}

/**
 * Where an object came from: "Applied by Kustomization ns/name at commit
 * <sha> (link), now <state>", through the claim or XR Flux applied when
 * Crossplane composed it; or "Not managed by Flux".
 */
export function ProvenanceLine({ resource }: { resource: Resource }) {
  const t = useT();
  const words = useDiagnosisText();
  const data = useFluxCrossplane();
  const provenance = provenanceOf(data.index, resource, data.links);
  if (!provenance) {
    return (
      <Alert severity="info" sx={{ mb: 2 }} data-provenance>
        {t(
          'Not managed by Flux: no Kustomization or HelmRelease applied it, nor the claim or composite resource above it.'
        )}
      </Alert>
    );
  }
  const manager = provenance.managerResource;
  const commit = provenance.applied.commit ?? provenance.origin.commit;
  const composed = provenance.via.length > 0;
  let state = '';
  if (manager?.kind === 'Kustomization') {
    const source = sourceRefOf(manager);
    const rollout = kustomizationRollout(
      data.index,
      manager,
      source ? data.index.get(source) : undefined,
      { links: data.links }
    );
    state = rolloutStateText(t, rollout, data.report, words);
  } else if (manager) {
    state = t('now {{state}}', { state: healthLabel(t, healthOf(data.index, manager).health) });
  } else {
    state = t('which is not found: it may have been deleted');
  }
  const commitPage = commitRoute(commit);
  return (
    <Alert severity="info" sx={{ mb: 2 }} data-provenance>
      {composed ? (
        <>
          {t('Composed by Crossplane for')} <ObjectLink target={provenance.appliedObject} />
          {', '}
          {t('which was applied by')}{' '}
        </>
      ) : (
        <>{t('Applied by')} </>
      )}
      <ObjectLink target={provenance.manager} />{' '}
      {commit ? (
        <>
          {t('at commit')}{' '}
          {provenance.commitUrl ? (
            <a href={provenance.commitUrl} target="_blank" rel="noopener noreferrer">
              {shortSha(commit)}
            </a>
          ) : (
            <span>{shortSha(commit)}</span>
          )}
        </>
      ) : provenance.applied.raw ? (
        <>
          {t('at revision')} <RevisionText revision={provenance.applied} />
        </>
      ) : (
        t('(no applied revision reported)')
      )}
      {', '}
      {state}.
      {commitPage ? (
        <>
          {' '}
          <Link routeName={commitPage.routeName} params={commitPage.params}>
            {t('Everything this commit touched')}
          </Link>
        </>
      ) : null}
    </Alert>
  );
}
