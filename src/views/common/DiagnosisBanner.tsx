import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import React from 'react';
import { FluxActionKind } from '../../actions/useFluxAction';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { ObjectRef } from '../../model/resource';
import { Diagnosis, refOfSubject, Subject } from '../../rules';
import { ActionBar } from './ActionBar';
import { CopyableCommand } from './CopyableCommand';
import { ObjectLink } from './ObjectLink';

/** The object a diagnosis (or one of its causes or actions) names. */
export const subjectRef = refOfSubject;

const UI_ACTIONS: ReadonlySet<string> = new Set([
  'reconcile',
  'reconcile-with-source',
  'suspend',
  'resume',
  'force',
  'reset',
]);

/** UI actions of a diagnosis on one target, run through the same action bar as the pages. */
function TargetActions({ target, kinds }: { target: ObjectRef; kinds: FluxActionKind[] }) {
  const data = useFluxCrossplane();
  const resource = data.index.get(target);
  if (!resource) return null;
  return <ActionBar resource={resource} only={kinds} />;
}

/**
 * One diagnosis as the on-call engineer reads it: what is wrong, why, the
 * evidence verbatim, the chain of causes (root first) and what to do.
 */
export function DiagnosisBanner({
  diagnosis,
  pageTarget,
}: {
  diagnosis: Diagnosis;
  pageTarget?: ObjectRef;
}) {
  const t = useT();
  const uiActions = new Map<string, { target: ObjectRef; kinds: FluxActionKind[] }>();
  const pageKey = pageTarget
    ? `${pageTarget.cluster}|${pageTarget.kind}|${pageTarget.namespace}|${pageTarget.name}`
    : '';
  for (const action of diagnosis.actions) {
    if (!UI_ACTIONS.has(action.kind) || !action.target) continue;
    const target = subjectRef(action.target);
    const key = `${target.cluster}|${target.kind}|${target.namespace}|${target.name}`;
    // The page's own action bar already offers these for the page's object.
    if (key === pageKey) continue;
    const entry = uiActions.get(key) ?? { target, kinds: [] };
    entry.kinds.push(action.kind as FluxActionKind);
    uiActions.set(key, entry);
  }
  return (
    <Alert severity={diagnosis.severity} sx={{ mb: 1 }} data-rule={diagnosis.ruleId}>
      <AlertTitle>
        {diagnosis.title} <small>({diagnosis.ruleId})</small>
      </AlertTitle>
      <Box>{diagnosis.explanation}</Box>
      {diagnosis.causes?.length ? (
        <Box sx={{ mt: 1 }}>
          <strong>{t('Caused by')}: </strong>
          {diagnosis.causes.map((cause, position) => (
            <span key={`${cause.kind}/${cause.namespace}/${cause.name}`}>
              {position > 0 ? ' ← ' : ''}
              <ObjectLink target={subjectRef(cause)} />
            </span>
          ))}
        </Box>
      ) : null}
      {diagnosis.evidence.length ? (
        <Box component="ul" sx={{ mt: 1, mb: 0, pl: 2 }}>
          {diagnosis.evidence.map((evidence, position) => (
            <li key={position}>
              <code>{evidence.text}</code>
            </li>
          ))}
        </Box>
      ) : null}
      <Box sx={{ mt: 1 }}>
        {[...uiActions.values()].map(({ target, kinds }) => (
          <TargetActions
            key={`${target.kind}/${target.namespace}/${target.name}`}
            target={target}
            kinds={kinds}
          />
        ))}
        {diagnosis.actions
          .filter(action => action.kind === 'open' && action.target)
          .map(action => (
            <div key={`open-${action.label}`}>
              <ObjectLink
                target={subjectRef(action.target as Subject)}
                search={action.view ? { view: action.view } : undefined}
              >
                {action.label}
              </ObjectLink>
            </div>
          ))}
        {diagnosis.actions
          .filter(action => action.command && !UI_ACTIONS.has(action.kind))
          .map(action => (
            <CopyableCommand
              key={`cmd-${action.label}-${action.command}`}
              label={action.label}
              command={action.command as string}
            />
          ))}
        {diagnosis.actions
          .filter(action => action.kind === 'doc' && action.url && /^https:\/\//.test(action.url))
          .map(action => (
            <div key={`doc-${action.url}`}>
              <a href={action.url} target="_blank" rel="noopener noreferrer">
                {action.label}
              </a>
            </div>
          ))}
      </Box>
    </Alert>
  );
}

/** The banner of a page: the object's diagnoses with the root cause first. */
export function ObjectBanner({ target }: { target: ObjectRef }) {
  const data = useFluxCrossplane();
  const diagnoses = data.report.forObject(target);
  if (!diagnoses.length) return null;
  return (
    <Box sx={{ mb: 2 }}>
      {diagnoses.map(diagnosis => (
        <DiagnosisBanner
          key={`${diagnosis.ruleId}|${diagnosis.subject.kind}|${diagnosis.subject.namespace}|${diagnosis.subject.name}|${diagnosis.title}`}
          diagnosis={diagnosis}
          pageTarget={target}
        />
      ))}
    </Box>
  );
}
