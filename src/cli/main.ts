import { buildIndex, ClusterIndex } from '../model/clusterIndex';
import { JoinNode, joinTree, walkTree } from '../model/join';
import { FLUX_KUSTOMIZE_GROUP } from '../model/kinds';
import { refKey } from '../model/resource';
import { describeGap, VisibilityGap } from '../model/visibility';
import {
  diagnose,
  Diagnosis,
  DiagnosisReport,
  publicDiagnosis,
  SEVERITY_RANK,
  subjectKey,
} from '../rules/index';
import { DiagnoseArgs, FailOn, parseArgs, USAGE, VALIDATE_USAGE } from './args';
import { InputError, inputError, messageOf, oneLine, PROGRAM } from './errors';
import { readLive } from './live';
import { formatTable } from './printTable';
import { formatTree } from './printTree';
import { readSnapshot } from './snapshot';
import { runValidate } from './validate';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * The command line, in-process: returns the exit code (0 nothing at or above
 * --fail-on, 1 something is, 2 bad input) and never exits the process.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      io.stdout(args.topic === 'validate' ? VALIDATE_USAGE : USAGE);
      return 0;
    }
    if (args.command === 'validate') return await runValidate(args, io);
    return await runDiagnose(args, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${oneLine(error.message)}\n`);
    } else {
      io.stderr(`${PROGRAM}: unexpected error: ${messageOf(error)}\n`);
    }
    return 2;
  }
}

interface Input {
  objects: unknown[];
  visibility: VisibilityGap[];
  clusters: string[];
  /** Printed on stderr only when the run succeeds, so that an error stays one line. */
  warnings: string[];
}

/** Reads every snapshot and live cluster. */
async function readInput(args: DiagnoseArgs): Promise<Input> {
  const input: Input = { objects: [], visibility: [], clusters: [], warnings: [] };
  const warnings = input.warnings;
  for (const file of args.snapshots) {
    const contents = readSnapshot(file);
    if (contents.skipped > 0) {
      warnings.push(`${file}: skipped ${contents.skipped} item(s) without kind or metadata.name`);
    }
    input.objects.push(...contents.objects);
  }
  if (args.live) {
    const live = await readLive({ kubeconfig: args.live.kubeconfig, contexts: args.live.contexts });
    input.objects.push(...live.objects);
    input.visibility.push(...live.visibility);
    input.clusters.push(...live.clusters);
  }
  if (input.objects.length === 0 && input.visibility.length === 0) {
    warnings.push('the input holds no Kubernetes objects');
  }
  return input;
}

function clusterName(cluster: string): string {
  return cluster === '' ? '(unnamed)' : cluster;
}

function failing(diagnoses: readonly Diagnosis[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return diagnoses.some(diagnosis => SEVERITY_RANK[diagnosis.severity] <= SEVERITY_RANK[failOn]);
}

function ruleIdsFor(report: DiagnosisReport): (key: string) => string[] {
  const byKey = new Map<string, string[]>();
  for (const diagnosis of report.diagnoses) {
    const key = subjectKey(diagnosis.subject);
    const ids = byKey.get(key) ?? [];
    if (!ids.includes(diagnosis.ruleId)) ids.push(diagnosis.ruleId);
    byKey.set(key, ids);
  }
  return key => byKey.get(key) ?? [];
}

async function runDiagnose(args: DiagnoseArgs, io: CliIo): Promise<number> {
  const input = await readInput(args);
  const warn = (): void => {
    for (const warning of input.warnings) io.stderr(`${PROGRAM}: warning: ${warning}\n`);
  };
  const index = buildIndex({
    objects: input.objects,
    visibility: input.visibility,
    clusters: input.clusters,
  });
  if (args.cluster !== undefined && !index.clusters.includes(args.cluster)) {
    throw inputError(
      `cluster "${args.cluster}" is not in the input (clusters: ${
        index.clusters.map(clusterName).join(', ') || 'none'
      })`
    );
  }
  const report = diagnose(index, {
    now: args.now,
    settings: args.keyObjects ? { keyObjects: args.keyObjects } : undefined,
  });
  const inCluster = (diagnosis: Diagnosis): boolean =>
    args.cluster === undefined || (diagnosis.subject.cluster ?? '') === args.cluster;
  const ruleIds = ruleIdsFor(report);

  if (args.output === 'tree' && args.kustomization) {
    const trees = kustomizationTrees(index, args.kustomization, args.cluster);
    const inTrees = new Set<string>();
    for (const tree of trees) walkTree(tree.root, node => inTrees.add(refKey(node.ref)));
    const multi = index.clusters.length > 1;
    const text = trees
      .map(tree => {
        const body = formatTree(tree.root, { ruleIdsOf: ref => ruleIds(refKey(ref)) });
        return multi ? `Cluster ${clusterName(tree.cluster)}:\n${body}` : body;
      })
      .join('\n');
    warn();
    io.stdout(text);
    const relevant = report.diagnoses.filter(diagnosis =>
      inTrees.has(subjectKey(diagnosis.subject))
    );
    return failing(relevant, args.failOn) ? 1 : 0;
  }

  const diagnoses = report.diagnoses.filter(inCluster);
  warn();
  if (args.output === 'json') {
    io.stdout(`${JSON.stringify(diagnoses.map(publicDiagnosis), null, 2)}\n`);
  } else {
    io.stdout(formatTable(diagnoses, { ruleIdsOf: subject => ruleIds(subjectKey(subject)) }));
  }
  return failing(diagnoses, args.failOn) ? 1 : 0;
}

function kustomizationTrees(
  index: ClusterIndex,
  target: { namespace: string; name: string },
  cluster: string | undefined
): Array<{ cluster: string; root: JoinNode }> {
  const clusters = cluster !== undefined ? [cluster] : index.clusters;
  const trees: Array<{ cluster: string; root: JoinNode }> = [];
  const hidden: VisibilityGap[] = [];
  for (const name of clusters) {
    const ref = {
      cluster: name,
      group: FLUX_KUSTOMIZE_GROUP,
      kind: 'Kustomization',
      namespace: target.namespace,
      name: target.name,
    };
    const kustomization = index.get(ref);
    if (kustomization) trees.push({ cluster: name, root: joinTree(index, kustomization) });
    else {
      const gap = index.gapFor(name, ref.group, ref.kind, ref.namespace);
      if (gap) hidden.push(gap);
    }
  }
  if (trees.length === 0) {
    const where = cluster !== undefined ? ` in cluster ${clusterName(cluster)}` : '';
    const why = hidden.length ? `: ${describeGap(hidden[0])}` : '';
    throw inputError(`Kustomization ${target.namespace}/${target.name} not found${where}${why}`);
  }
  return trees;
}
