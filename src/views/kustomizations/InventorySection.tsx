import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React, { useMemo } from 'react';
import { useT } from '../../i18n';
import { useFluxCrossplane } from '../../k8s/FluxCrossplaneData';
import { HealthSummary } from '../../model/health';
import { InventoryEntry, inventoryEntryRef } from '../../model/inventory';
import { lookUp } from '../../model/join';
import { ObjectRef, Resource } from '../../model/resource';
import { DataTable } from '../common/DataTable';
import { useStatusMessage } from '../common/gapText';
import { HealthChip } from '../common/HealthChip';
import { ObjectLink } from '../common/ObjectLink';

interface InventoryRow {
  entry: InventoryEntry;
  ref: ObjectRef;
  status: HealthSummary;
}

/** Everything the Kustomization applied, grouped by kind, each with its own state (the condition's status, not its presence). */
export function InventorySection({ kustomization }: { kustomization: Resource }) {
  const t = useT();
  const statusMessage = useStatusMessage();
  const data = useFluxCrossplane();
  const groups = useMemo(() => {
    const byKind = new Map<string, InventoryRow[]>();
    for (const entry of data.index.inventory(kustomization).entries) {
      const ref = inventoryEntryRef(entry, kustomization.cluster);
      const { status } = lookUp(data.index, ref);
      const kindLabel = entry.group ? `${entry.kind} (${entry.group})` : entry.kind;
      const rows = byKind.get(kindLabel) ?? [];
      rows.push({ entry, ref, status });
      byKind.set(kindLabel, rows);
    }
    return [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [data, kustomization]);
  const unparsed = data.index.inventory(kustomization).unparsed;
  return (
    <SectionBox title={t('Inventory')}>
      {groups.length === 0 ? <p>{t('The inventory is empty.')}</p> : null}
      {groups.map(([kind, rows]) => (
        <SectionBox key={kind} title={`${kind} (${rows.length})`}>
          <DataTable
            data={rows}
            rowsPerPage={[15, 50, 100]}
            columns={[
              {
                label: t('Name'),
                getter: (row: InventoryRow) => <ObjectLink target={row.ref} withKind={false} />,
                nowrap: true,
              },
              {
                label: t('Namespace'),
                getter: (row: InventoryRow) => row.entry.namespace || t('(cluster-scoped)'),
              },
              { label: t('Version'), getter: (row: InventoryRow) => row.entry.version },
              {
                label: t('State'),
                getter: (row: InventoryRow) => <HealthChip summary={row.status} />,
              },
              {
                label: t('Message'),
                getter: (row: InventoryRow) => statusMessage(row.status, row.ref),
              },
            ]}
          />
        </SectionBox>
      ))}
      {unparsed.length ? (
        <p>
          {t('Entries that could not be read')}: {unparsed.join(', ')}
        </p>
      ) : null}
    </SectionBox>
  );
}
