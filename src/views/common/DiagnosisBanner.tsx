import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import React, { useRef, useState } from 'react';
import { useAnyInFlight } from '../../actions/requestTracker';
import { FluxActionKind } from '../../actions/useFluxAction';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { ObjectRef, refKey } from '../../model/resource';
import { Diagnosis, Subject, SuggestedAction } from '../../rules';
import {
  BannerGroup,
  diagnosisKey,
  ExplainedObject,
  groupByRootCause,
  holdWhileInFlight,
  subjectRef,
} from '../../viewModels/bannerGroups';
import { ActionBar } from './ActionBar';
import { CopyableCommand } from './CopyableCommand';
import { useDiagnosisText } from './diagnosisText';
import { ObjectLink } from './ObjectLink';

export { subjectRef };

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
  return <ActionBar resource={resource} only={kinds} placement="banner" />;
}

/** The symptoms a root cause explains, folded: a count, and on demand the objects with links. */
function ExplainedList({ explains }: { explains: ExplainedObject[] }) {
  const t = useT();
  const words = useDiagnosisText();
  const [open, setOpen] = useState(false);
  if (!explains.length) return null;
  return (
    <Box sx={{ mt: 1 }}>
      <Button
        size="small"
        sx={{ p: 0, minWidth: 0, textTransform: 'none' }}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? '▾ ' : '▸ '}
        {explains.length === 1
          ? t('Also explains 1 object')
          : t('Also explains {{count}} objects', { count: explains.length })}
      </Button>
      {open ? (
        <Box component="ul" sx={{ mt: 0.5, mb: 0, pl: 2 }} aria-label={t('Objects this explains')}>
          {explains.map(item => (
            <li key={refKey(subjectRef(item.subject))}>
              <ObjectLink target={subjectRef(item.subject)} />
              {': '}
              {item.diagnoses.map(diagnosis => words(diagnosis).title).join(' · ')}
            </li>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

/**
 * One diagnosis as the on-call engineer reads it: what is wrong, why, the
 * evidence verbatim, the chain of causes (root first), what to do, and when it
 * is a root cause, the symptoms it explains folded under it.
 */
export function DiagnosisBanner({
  diagnosis,
  pageTarget,
  explains = [],
}: {
  diagnosis: Diagnosis;
  pageTarget?: ObjectRef;
  explains?: ExplainedObject[];
}) {
  const t = useT();
  const text = useDiagnosisText()(diagnosis);
  const labelOf = (action: SuggestedAction): string =>
    text.actionLabels[diagnosis.actions.indexOf(action)] ?? action.label;
  const uiActions = new Map<string, { target: ObjectRef; kinds: FluxActionKind[] }>();
  const pageKey = pageTarget ? refKey(pageTarget) : '';
  for (const action of diagnosis.actions) {
    if (!UI_ACTIONS.has(action.kind) || !action.target) continue;
    const target = subjectRef(action.target);
    const key = refKey(target);
    // The page's own action bar already offers these for the page's object.
    if (key === pageKey) continue;
    const entry = uiActions.get(key) ?? { target, kinds: [] };
    entry.kinds.push(action.kind as FluxActionKind);
    uiActions.set(key, entry);
  }
  return (
    <Alert severity={diagnosis.severity} sx={{ mb: 1 }} data-rule={diagnosis.ruleId}>
      <AlertTitle>
        {text.title} <small>({diagnosis.ruleId})</small>
      </AlertTitle>
      <Box>{text.explanation}</Box>
      {diagnosis.causes?.length ? (
        <Box sx={{ mt: 1 }}>
          <strong>{t('Caused by')}: </strong>
          {diagnosis.causes.map((cause, position) => (
            <span key={refKey(subjectRef(cause))}>
              {position > 0 ? ' ← ' : ''}
              <ObjectLink target={subjectRef(cause)} />
            </span>
          ))}
        </Box>
      ) : null}
      {diagnosis.evidence.length ? (
        <Box component="ul" sx={{ mt: 1, mb: 0, pl: 2 }}>
          {text.evidence.map((line, position) => (
            <li key={position}>
              <code>{line}</code>
            </li>
          ))}
        </Box>
      ) : null}
      <Box sx={{ mt: 1 }}>
        {[...uiActions.entries()].map(([key, { target, kinds }]) => (
          <TargetActions key={key} target={target} kinds={kinds} />
        ))}
        {diagnosis.actions
          .filter(action => action.kind === 'open' && action.target)
          .map(action => (
            <div
              key={`open-${refKey(subjectRef(action.target as Subject))}-${action.view ?? ''}-${
                action.label
              }`}
            >
              <ObjectLink
                target={subjectRef(action.target as Subject)}
                search={action.view ? { view: action.view } : undefined}
              >
                {labelOf(action)}
              </ObjectLink>
            </div>
          ))}
        {diagnosis.actions
          .filter(action => action.command && !UI_ACTIONS.has(action.kind))
          .map(action => (
            <CopyableCommand
              key={`cmd-${action.label}-${action.command}`}
              label={labelOf(action)}
              command={action.command as string}
            />
          ))}
        {diagnosis.actions
          .filter(action => action.kind === 'doc' && action.url && /^https:\/\//.test(action.url))
          .map(action => (
            <div key={`doc-${action.url}`}>
              <a href={action.url} target="_blank" rel="noopener noreferrer">
                {labelOf(action)}
              </a>
            </div>
          ))}
      </Box>
      <ExplainedList explains={explains} />
    </Alert>
  );
}

/**
 * Banners keep their place while a request runs: the controller flips
 * conditions as it works (Reconciling, Ready Unknown), which would make
 * diagnoses vanish and come back and the page jump. While any request is in
 * flight the groups shown before it stay, with a line saying so.
 */
export function useHeldWhileRequesting(groups: BannerGroup[]): {
  groups: BannerGroup[];
  held: boolean;
} {
  const inFlight = useAnyInFlight();
  const shown = useRef(groups);
  const result = holdWhileInFlight(shown.current, groups, inFlight);
  shown.current = result.groups;
  return result;
}

/** Banners of grouped diagnoses, held in place while a request runs. */
export function BannerList({
  groups,
  pageTarget,
}: {
  groups: BannerGroup[];
  pageTarget?: ObjectRef;
}) {
  const t = useT();
  const held = useHeldWhileRequesting(groups);
  if (!held.groups.length) return null;
  return (
    <Box sx={{ mb: 2 }}>
      {held.held ? (
        <Box sx={{ color: 'text.secondary', mb: 1 }} role="status">
          {t(
            'A request is in progress: these findings are from before it and update when the controller has answered.'
          )}
        </Box>
      ) : null}
      {held.groups.map(group => (
        <DiagnosisBanner
          key={group.key}
          diagnosis={group.diagnosis}
          explains={group.explains}
          pageTarget={pageTarget}
        />
      ))}
    </Box>
  );
}

/**
 * The banners of a page: one per root cause (root first), the symptoms it
 * explains folded under it; the page's own diagnoses stay banners. `part`
 * splits them so the action bar and facts come right after the first.
 */
export function ObjectBanner({
  target,
  part = 'all',
}: {
  target: ObjectRef;
  part?: 'all' | 'lead' | 'rest';
}) {
  const data = useFluxCrossplane();
  const groups = groupByRootCause(data.report.forObject(target), target);
  const shown = part === 'lead' ? groups.slice(0, 1) : part === 'rest' ? groups.slice(1) : groups;
  return <BannerList groups={shown} pageTarget={target} />;
}

export { diagnosisKey };
