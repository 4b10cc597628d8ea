import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import React, { useCallback, useMemo, useState } from 'react';
import { Translate, useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { pathsToRootCauses, XpNode } from '../../model/crossplaneTree';
import {
  MoreRow,
  NodeRow,
  openByDefault,
  TREE_PAGE_SIZE,
  visibleRows,
} from '../../viewModels/crossplaneTreeRows';
import { ObjectBanner } from '../common/DiagnosisBanner';
import { useStatusMessage } from '../common/gapText';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';
import { ConditionCells, countsText } from './ConditionCells';
import { factLabel, factValue, treeGroupLabel } from './treeText';

type Mode = 'default' | 'collapsed';

function presenceNote(t: Translate, node: XpNode, message: string): string {
  if (node.presence === 'missing')
    return t('Not found: {{kind}} {{name}} does not exist in the cluster.', {
      kind: node.ref?.kind ?? '',
      name: node.ref?.name ?? '',
    });
  if (node.presence === 'not-visible') {
    if (node.status.reason === 'NotRead')
      return t('Not read by this plugin: it lists Flux and Crossplane kinds only.');
    return t('Not visible: {{reason}}', {
      reason: message || node.status.reason || t('the list failed'),
    });
  }
  return '';
}

function TreeNodeRow({
  row,
  onToggle,
  bannerOpen,
  onToggleBanner,
}: {
  row: NodeRow;
  onToggle: (node: XpNode, open: boolean) => void;
  bannerOpen: boolean;
  onToggleBanner: (node: XpNode) => void;
}) {
  const t = useT();
  const { node, depth, expanded } = row;
  const hasChildren = node.children.length > 0;
  const name = node.group ? treeGroupLabel(t, node.group) : `${node.ref?.kind} ${node.ref?.name}`;
  const statusMessage = useStatusMessage();
  const note = presenceNote(t, node, statusMessage(node.status, node.ref));
  const data = useFluxCrossplane();
  // A root-cause mark needs a diagnosis behind it: "Show diagnosis" must show one.
  const diagnosed = !!node.ref && data.report.forObject(node.ref).length > 0;
  const showMessage =
    !node.group &&
    node.presence === 'found' &&
    node.status.message &&
    node.status.health !== 'healthy';
  return (
    <Box
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={hasChildren ? expanded : undefined}
      aria-label={name}
      data-root-cause={node.rootCause ? 'true' : undefined}
      sx={{
        pl: depth * 2.5,
        py: 0.5,
        borderBottom: '1px solid',
        borderColor: 'divider',
        bgcolor: node.rootCause ? 'action.hover' : undefined,
      }}
    >
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        {hasChildren ? (
          <Button
            size="small"
            sx={{ minWidth: 28, px: 0.5 }}
            aria-label={
              expanded ? t('Collapse {{name}}', { name }) : t('Expand {{name}}', { name })
            }
            onClick={() => onToggle(node, !expanded)}
          >
            {expanded ? '▾' : '▸'}
          </Button>
        ) : (
          <Box component="span" sx={{ width: 28, display: 'inline-block' }} />
        )}
        {node.group ? (
          <strong>{treeGroupLabel(t, node.group)}</strong>
        ) : (
          <span>{node.ref ? <ObjectLink target={node.ref} /> : null}</span>
        )}
        {node.group ? null : <HealthChip summary={node.status} />}
        {node.group ? null : <ConditionCells cells={node.conditions} />}
        {node.rootCause && diagnosed ? (
          <>
            <StatusLabel status="error">{t('Root cause')}</StatusLabel>
            <Button size="small" variant="outlined" onClick={() => onToggleBanner(node)}>
              {bannerOpen ? t('Hide diagnosis') : t('Show diagnosis')}
            </Button>
          </>
        ) : node.rootCause ? (
          // Where the failing branch ends, without a rule's verdict: no root-cause claim.
          <StatusLabel status="">{t('Deepest failing object (not diagnosed)')}</StatusLabel>
        ) : null}
        {node.applied === false ? <em>{t('(not in this inventory)')}</em> : null}
        {node.repeated ? <em>{t('(shown above)')}</em> : null}
        {hasChildren ? (
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {countsText(t, node.childCounts)}
          </Box>
        ) : null}
      </Box>
      {node.facts.length ? (
        <Box sx={{ pl: 4.5, color: 'text.secondary' }}>
          {node.facts.map(fact => `${factLabel(t, fact.label)}: ${factValue(t, fact)}`).join(' · ')}
        </Box>
      ) : null}
      {showMessage ? (
        <Box sx={{ pl: 4.5, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-message>
          {node.status.message}
        </Box>
      ) : null}
      {note ? <Box sx={{ pl: 4.5, color: 'text.secondary' }}>{note}</Box> : null}
      {bannerOpen && diagnosed && node.ref ? (
        <Box sx={{ pl: 4.5, pt: 1 }}>
          <ObjectBanner target={node.ref} />
        </Box>
      ) : null}
    </Box>
  );
}

function TreeMoreRow({ row, onMore }: { row: MoreRow; onMore: (row: MoreRow) => void }) {
  const t = useT();
  const next = Math.min(TREE_PAGE_SIZE, row.remaining);
  return (
    <Box role="treeitem" aria-level={row.depth + 1} sx={{ pl: row.depth * 2.5 + 4.5, py: 0.5 }}>
      <Button size="small" onClick={() => onMore(row)}>
        {t('Show {{count}} more ({{remaining}} not shown)', {
          count: next,
          remaining: row.remaining,
        })}
      </Button>
    </Box>
  );
}

/**
 * A Crossplane tree as rows: failing branches open, healthy ones collapsed
 * with their counts, every list windowed (TREE_PAGE_SIZE rows, then "show
 * more"), root causes marked with their banner one click away. Only the rows
 * on screen are rendered, so a tree of thousands of nodes stays small.
 */
export function CrossplaneTree({ roots, label }: { roots: XpNode[]; label: string }) {
  const t = useT();
  const [mode, setMode] = useState<Mode>('default');
  const [open, setOpen] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [windows, setWindows] = useState<ReadonlyMap<string, number>>(new Map());
  const [banners, setBanners] = useState<ReadonlySet<string>>(new Set());

  const isOpen = useCallback(
    (node: XpNode, depth: number) =>
      open.get(node.id) ??
      (mode === 'collapsed' ? !!node.group && depth === 0 : openByDefault(node, depth)),
    [open, mode]
  );
  const rows = useMemo(
    () => visibleRows(roots, isOpen, id => windows.get(id) ?? TREE_PAGE_SIZE),
    [roots, isOpen, windows]
  );
  const rootCausePaths = useMemo(() => pathsToRootCauses(roots), [roots]);

  const toggle = useCallback((node: XpNode, value: boolean) => {
    setOpen(previous => new Map(previous).set(node.id, value));
  }, []);
  const toggleBanner = useCallback((node: XpNode) => {
    setBanners(previous => {
      const next = new Set(previous);
      if (next.has(node.id)) next.delete(node.id);
      else next.add(node.id);
      return next;
    });
  }, []);
  const more = useCallback((row: MoreRow) => {
    setWindows(previous => new Map(previous).set(row.parentId, row.shown + TREE_PAGE_SIZE));
  }, []);

  return (
    <Box>
      <Box sx={{ display: 'flex', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Button
          size="small"
          variant="outlined"
          disabled={rootCausePaths.size === 0}
          onClick={() => {
            setMode('collapsed');
            setOpen(new Map([...rootCausePaths].map(id => [id, true])));
          }}
        >
          {t('Open failing branches only')}
        </Button>
        <Button
          size="small"
          variant="outlined"
          onClick={() => {
            setMode('collapsed');
            setOpen(new Map());
          }}
        >
          {t('Collapse all')}
        </Button>
        <Button
          size="small"
          variant="outlined"
          onClick={() => {
            setMode('default');
            setOpen(new Map());
          }}
        >
          {t('Reset')}
        </Button>
      </Box>
      <Box role="tree" aria-label={label}>
        {rows.map(row =>
          row.type === 'more' ? (
            <TreeMoreRow key={`more:${row.parentId}`} row={row} onMore={more} />
          ) : (
            <TreeNodeRow
              key={row.node.id}
              row={row}
              onToggle={toggle}
              bannerOpen={banners.has(row.node.id)}
              onToggleBanner={toggleBanner}
            />
          )
        )}
      </Box>
    </Box>
  );
}
