import { JoinNode } from '../model/join';
import { formatRef, ObjectRef } from '../model/resource';
import { oneLine } from './errors';

/**
 * The joined tree of one object, one line per node: like `flux tree` for the
 * inventory and `crossplane beta trace` for what Crossplane composed below it.
 *
 *   Kustomization/flux-system/crossplane-apis  failing  HealthCheckFailed: health check failed …  [FLUX-HEALTH-CHECK]
 *   ├── CompositeResourceDefinition/xnopresources.nop.example.org  healthy
 *   └── NopResource/default/ext-functions  missing
 */

export interface TreeOptions {
  /** Rule ids of the diagnoses whose subject is this object. */
  ruleIdsOf?: (ref: ObjectRef) => string[];
}

function statusText(node: JoinNode): string {
  const { health, reason, message } = node.status;
  const words: string[] = [];
  if (node.presence === 'missing') words.push('missing');
  else if (node.presence === 'not-visible')
    words.push(`not visible${reason ? ` (${reason})` : ''}`);
  else words.push(health === 'no-status' ? 'no status' : health);
  if (node.presence === 'found') {
    const detail = [reason, oneLine(message)].filter(Boolean).join(': ');
    if (detail) words.push(detail);
  } else if (node.presence === 'not-visible' && message) {
    words.push(oneLine(message));
  }
  if (node.repeated) words.push('(shown above)');
  return words.join('  ');
}

interface Row {
  prefix: string;
  name: string;
  status: string;
  rules: string[];
}

function collect(
  node: JoinNode,
  prefix: string,
  childPrefix: string,
  rows: Row[],
  options: TreeOptions
): void {
  rows.push({
    prefix,
    name: formatRef(node.ref),
    status: statusText(node),
    rules: options.ruleIdsOf?.(node.ref) ?? [],
  });
  node.children.forEach((child, i) => {
    const last = i === node.children.length - 1;
    collect(
      child,
      `${childPrefix}${last ? '└── ' : '├── '}`,
      `${childPrefix}${last ? '    ' : '│   '}`,
      rows,
      options
    );
  });
}

/** The tree as text, ending with a newline. Names are padded so statuses line up (up to a point). */
export function formatTree(root: JoinNode, options: TreeOptions = {}): string {
  const rows: Row[] = [];
  collect(root, '', '', rows, options);
  const width = Math.min(
    72,
    Math.max(...rows.map(row => [...row.prefix].length + row.name.length))
  );
  return (
    rows
      .map(row => {
        const left = `${row.prefix}${row.name}`;
        const pad = ' '.repeat(Math.max(0, width - [...row.prefix].length - row.name.length));
        const rules = row.rules.length ? `  [${row.rules.join(', ')}]` : '';
        return `${left}${pad}  ${row.status}${rules}`;
      })
      .join('\n') + '\n'
  );
}
