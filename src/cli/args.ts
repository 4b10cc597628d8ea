import { parseArgs as parseCommandLine, ParseArgsConfig } from 'node:util';
import { DEFAULT_KEY_OBJECTS, KeyObject, Severity } from '../rules/index';
import { inputError } from './errors';

export type OutputFormat = 'table' | 'json' | 'tree';
export type FailOn = Severity | 'never';

export interface DiagnoseArgs {
  command: 'diagnose';
  /** Snapshot files, in order; `-` is stdin. */
  snapshots: string[];
  /** Set when a live cluster is to be read (`--kubeconfig` and/or `--context` given). */
  live?: { kubeconfig?: string; contexts: string[] };
  output: OutputFormat;
  kustomization?: { namespace: string; name: string };
  cluster?: string;
  failOn: FailOn;
  /** Milliseconds since the epoch. */
  now?: number;
  /** Replaces the default key objects when given. */
  keyObjects?: KeyObject[];
}

/** `--renderer`: what renders each unit (auto: flux, kustomize, kubectl on PATH, else built-in). */
export const RENDERERS = ['auto', 'flux', 'kustomize', 'kubectl', 'builtin'] as const;
export type RendererChoice = (typeof RENDERERS)[number];

export interface ValidateArgs {
  command: 'validate';
  /** The repository directory Flux bootstraps from. */
  dir: string;
  /** CRD files and directories, in order. */
  crds: string[];
  /** Local checkouts of other Flux sources: `GitRepository/NS/NAME` → directory. */
  sources: Array<{ key: string; dir: string }>;
  /** Read the CRDs of a live cluster too. */
  live?: { kubeconfig?: string; context?: string };
  output: 'table' | 'json';
  failOn: FailOn;
  /** Replaces the default key objects when given. */
  keyObjects?: KeyObject[];
  renderer: RendererChoice;
}

export type CliArgs = { command: 'help'; topic?: 'validate' } | DiagnoseArgs | ValidateArgs;

const OUTPUTS: readonly OutputFormat[] = ['table', 'json', 'tree'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
/** RFC 3339 date-time: `2024-05-01T12:00:00Z`, with optional fraction and offset. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const defaultKeys = DEFAULT_KEY_OBJECTS.map(
  key => `\n                             ${key.kind}/${key.namespace}/${key.name}`
).join('');

export const USAGE = `Usage: headlamp-flux-crossplane diagnose [options]

Runs the failure-mode rules of the Headlamp Flux + Crossplane plugin over a
snapshot or a live cluster and prints what is wrong, worst first.

Input (at least one of --snapshot, --kubeconfig, --context):
  --snapshot FILE            Objects to diagnose: a JSON List (kubectl get ... -A -o json),
                             a JSON array, one object, or multi-document YAML (documents
                             may be Lists). Objects may carry a "cluster" field.
                             Repeatable; "-" reads stdin.
  --kubeconfig PATH          Read a live cluster with this kubeconfig.
  --context NAME             Kubeconfig context to read (repeatable; default: the current
                             context). Objects get cluster = the context name.

Output:
  --output table|json|tree   table (default): for a terminal. json: the diagnoses as a JSON
                             array, nothing else. tree: the joined tree of one Kustomization.
  --kustomization NS/NAME    The Kustomization to show with --output tree (NAME alone means
                             flux-system/NAME).
  --cluster NAME             Only this cluster (default: all; one tree per cluster).

Verdict:
  --fail-on LEVEL            error (default), warning, info or never: exit 1 when a diagnosis
                             at or above LEVEL is found (with --output tree: in that tree).
  --now RFC3339              Evaluate time-based rules at this time, for reproducible output.
  --key-object KIND/NS/NAME  An object that must be covered by an Alert (repeatable; replaces
                             the defaults:${defaultKeys}).
  -h, --help                 Show this help.

Exit status: 0 nothing at or above --fail-on, 1 something is, 2 bad input or the
cluster could not be read (one line on stderr).

Other commands:
  validate DIR [options]     Check a GitOps directory before merge: YAML, CRD schemas,
                             references and apply order (see validate --help).
`;

export const VALIDATE_USAGE = `Usage: headlamp-flux-crossplane validate DIR [options]

Checks a GitOps directory the way Flux will apply it, before it is merged: YAML
syntax (file:line), each directory rendered as kustomize-controller renders it
(kustomization.yaml followed, or generated), every Flux and Crossplane object
against the schema of its CRD, and the references between them: sources,
dependsOn (and cycles), Alerts and their Providers, alert coverage of the key
objects, Compositions against XRDs and Functions, and that claims and XRs are
applied by a Kustomization that depends on the one applying their XRD.

Each directory holding Flux Kustomizations that nothing else applies (what
\`flux bootstrap --path\` points at, e.g. clusters/staging) is one cluster; the
bootstrap source GitRepository flux-system/flux-system is DIR itself.

Input:
  --crds DIR|FILE            CRDs to validate against: YAML or JSON files, directories
                             (read recursively), or \`kubectl get crd -o yaml\` output.
                             Repeatable. CRDs and XRDs inside DIR are used as well.
  --source KIND/NS/NAME=PATH A local checkout of another Flux source that Kustomizations
                             of DIR apply from (e.g. GitRepository/flux-system/crossplane-configs=../configs).
                             Repeatable. NAME=PATH means GitRepository/flux-system/NAME.
  --kubeconfig PATH          Also read the CRDs of a live cluster (one list request).
  --context NAME             Kubeconfig context for --kubeconfig (default: the current one).

Rendering:
  --renderer NAME            auto (default), flux, kustomize, kubectl or builtin. auto renders
                             each unit with the first on PATH of \`flux build kustomization\`
                             (Flux's own build, post-build substitution included), \`kustomize
                             build\`, \`kubectl kustomize\`; without any, the built-in renderer,
                             which reports what it cannot render exactly. Units with remote
                             bases are never given to a real engine. The output names the
                             renderer of each unit.

Output:
  --output table|json        table (default): for a terminal or a CI log. json: the
                             diagnoses as a JSON array (the shape \`diagnose\` prints).

Verdict:
  --fail-on LEVEL            error (default), warning, info or never: exit 1 when a
                             diagnosis at or above LEVEL is found.
  --key-object KIND/NS/NAME  An object that must be covered by an error Alert (repeatable;
                             replaces the defaults:${defaultKeys}).
  -h, --help                 Show this help.

Rule ids: VALIDATE-YAML, VALIDATE-SCHEMA, VALIDATE-REF, and the live rules' ids where
the check is the same failure found early (FLUX-CRD-ORDERING, FLUX-NO-ALERTS,
FLUX-DEPENDENCY, FLUX-ARTIFACT, XP-DEPRECATED-API, ...): see docs/validate.md.

Exit status: 0 nothing at or above --fail-on, 1 something is, 2 bad input (no such
directory, unreadable or invalid CRD file, cluster not reachable; one line on stderr).
`;

/** Options that take a value, and whether they may be repeated. */
const VALUE_OPTIONS: Record<string, { repeatable: boolean }> = {
  '--snapshot': { repeatable: true },
  '--kubeconfig': { repeatable: false },
  '--context': { repeatable: true },
  '--output': { repeatable: false },
  '--kustomization': { repeatable: false },
  '--cluster': { repeatable: false },
  '--fail-on': { repeatable: false },
  '--now': { repeatable: false },
  '--key-object': { repeatable: true },
};

/** The options of `validate` that take a value. */
const VALIDATE_VALUE_OPTIONS: Record<string, { repeatable: boolean }> = {
  '--crds': { repeatable: true },
  '--source': { repeatable: true },
  '--kubeconfig': { repeatable: false },
  '--context': { repeatable: false },
  '--output': { repeatable: false },
  '--fail-on': { repeatable: false },
  '--key-object': { repeatable: true },
  '--renderer': { repeatable: false },
};

const BARE = /^[^/\s]+$/;

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find(item => item === value);
  if (found === undefined)
    throw inputError(`${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  return found;
}

function parseKustomization(value: string): { namespace: string; name: string } {
  const parts = value.split('/');
  if (parts.length === 1 && BARE.test(parts[0]))
    return { namespace: 'flux-system', name: parts[0] };
  if (parts.length === 2 && parts.every(part => BARE.test(part)))
    return { namespace: parts[0], name: parts[1] };
  throw inputError(`--kustomization must be NS/NAME, not "${value}"`);
}

function parseKeyObject(value: string): KeyObject {
  const parts = value.split('/');
  if (parts.length !== 3 || !parts.every(part => BARE.test(part))) {
    throw inputError(
      `--key-object must be KIND/NS/NAME (e.g. Kustomization/flux-system/apps), not "${value}"`
    );
  }
  return { kind: parts[0], namespace: parts[1], name: parts[2] };
}

function parseNow(value: string): number {
  const time = Date.parse(value);
  if (!RFC3339.test(value) || Number.isNaN(time)) {
    throw inputError(`--now must be an RFC 3339 time such as 2024-05-01T12:00:00Z, not "${value}"`);
  }
  return time;
}

interface Collected {
  values: Map<string, string[]>;
  positionals: string[];
}

type Token = NonNullable<ReturnType<typeof parseCommandLine>['tokens']>[number];

/**
 * The command line as node:util's parseArgs reads it: every option either command knows
 * takes a value (so that `--snapshot -` and `--crds DIR` keep their value), `-h` is --help.
 * Unknown options are tokens too; `collect` rejects them with the CLI's own messages.
 */
function tokenize(argv: readonly string[]): Token[] {
  const options: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const name of Object.keys({ ...VALUE_OPTIONS, ...VALIDATE_VALUE_OPTIONS }))
    options[name.slice(2)] = { type: 'string', multiple: true };
  const { tokens } = parseCommandLine({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  return tokens;
}

/** Option values and positionals of one command, by its options table. */
function collect(
  argv: readonly string[],
  table: Record<string, { repeatable: boolean }>
): Collected {
  const values = new Map<string, string[]>();
  const positionals: string[] = [];

  for (const token of tokenize(argv)) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const name = token.rawName;
    const spec = table[name];
    if (!spec) throw inputError(`unknown option ${name}`);
    const value = token.value;
    // `-` alone is a value (stdin); a separate value starting with `--` is the next option.
    if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('--')))
      throw inputError(`${name} needs a value`);
    const list = values.get(name) ?? [];
    if (list.length > 0 && !spec.repeatable) throw inputError(`${name} may be given only once`);
    list.push(value);
    values.set(name, list);
  }

  return { values, positionals };
}

/** The command word: the first argument that is neither an option nor an option's value. */
function commandWord(argv: readonly string[]): string | undefined {
  for (const token of tokenize(argv)) if (token.kind === 'positional') return token.value;
  return undefined;
}

const SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'Bucket', 'ExternalArtifact'];

function parseSource(value: string): { key: string; dir: string } {
  const eq = value.indexOf('=');
  const ref = eq > 0 ? value.slice(0, eq) : '';
  const dir = eq > 0 ? value.slice(eq + 1) : '';
  const parts = ref.split('/');
  const usage = `--source must be KIND/NS/NAME=PATH (e.g. GitRepository/flux-system/crossplane-configs=../configs), not "${value}"`;
  if (!dir || !parts.every(part => BARE.test(part))) throw inputError(usage);
  if (parts.length === 1) return { key: `GitRepository/flux-system/${parts[0]}`, dir };
  if (parts.length !== 3 || !SOURCE_KINDS.includes(parts[0])) throw inputError(usage);
  return { key: parts.join('/'), dir };
}

function parseValidateArgs(argv: readonly string[]): CliArgs {
  if (argv.some(arg => arg === '--help' || arg === '-h'))
    return { command: 'help', topic: 'validate' };
  const { values, positionals } = collect(argv, VALIDATE_VALUE_OPTIONS);
  const [, dir, ...rest] = positionals;
  if (dir === undefined)
    throw inputError('validate needs a directory: validate DIR (see validate --help)');
  if (rest.length) throw inputError(`unexpected argument "${rest[0]}"`);
  const one = (name: string): string | undefined => values.get(name)?.[0];
  const outputValue = one('--output');
  const failOnValue = one('--fail-on');
  const rendererValue = one('--renderer');
  const result: ValidateArgs = {
    command: 'validate',
    dir,
    crds: values.get('--crds') ?? [],
    sources: (values.get('--source') ?? []).map(parseSource),
    output:
      outputValue === undefined
        ? 'table'
        : oneOf('--output', outputValue, ['table', 'json'] as const),
    failOn: failOnValue === undefined ? 'error' : oneOf('--fail-on', failOnValue, FAIL_ON),
    renderer: rendererValue === undefined ? 'auto' : oneOf('--renderer', rendererValue, RENDERERS),
  };
  const kubeconfig = one('--kubeconfig');
  const context = one('--context');
  if (kubeconfig !== undefined || context !== undefined) {
    result.live = {};
    if (kubeconfig !== undefined) result.live.kubeconfig = kubeconfig;
    if (context !== undefined) result.live.context = context;
  }
  const keyObjectValues = values.get('--key-object');
  if (keyObjectValues) result.keyObjects = keyObjectValues.map(parseKeyObject);
  return result;
}

/** Parses the command line (without `node` and the script). Throws InputError on bad input. */
export function parseArgs(argv: readonly string[]): CliArgs {
  if (commandWord(argv) === 'validate') return parseValidateArgs(argv);
  if (argv.some(arg => arg === '--help' || arg === '-h')) return { command: 'help' };
  const { values, positionals } = collect(argv, VALUE_OPTIONS);

  const [command, ...rest] = positionals;
  if (command === 'help') return { command: 'help' };
  if (command === undefined)
    throw inputError('missing command: try "diagnose" or "validate" (see --help)');
  if (command !== 'diagnose')
    throw inputError(`unknown command "${command}": try "diagnose" or "validate" (see --help)`);
  if (rest.length) throw inputError(`unexpected argument "${rest[0]}"`);

  const one = (name: string): string | undefined => values.get(name)?.[0];
  const snapshots = values.get('--snapshot') ?? [];
  const kubeconfig = one('--kubeconfig');
  const contexts = values.get('--context') ?? [];
  const live =
    kubeconfig !== undefined || contexts.length > 0 ? { kubeconfig, contexts } : undefined;
  if (snapshots.length === 0 && !live)
    throw inputError('nothing to diagnose: give --snapshot FILE or --kubeconfig PATH (see --help)');

  const outputValue = one('--output');
  const output = outputValue === undefined ? 'table' : oneOf('--output', outputValue, OUTPUTS);
  const kustomizationValue = one('--kustomization');
  const kustomization =
    kustomizationValue === undefined ? undefined : parseKustomization(kustomizationValue);
  if (output === 'tree' && !kustomization)
    throw inputError('--output tree needs --kustomization NS/NAME');
  if (output !== 'tree' && kustomization)
    throw inputError('--kustomization is only used with --output tree');

  const failOnValue = one('--fail-on');
  const nowValue = one('--now');
  const keyObjectValues = values.get('--key-object');
  const result: DiagnoseArgs = {
    command: 'diagnose',
    snapshots,
    output,
    failOn: failOnValue === undefined ? 'error' : oneOf('--fail-on', failOnValue, FAIL_ON),
  };
  if (live) result.live = live;
  if (kustomization) result.kustomization = kustomization;
  const cluster = one('--cluster');
  if (cluster !== undefined) result.cluster = cluster;
  if (nowValue !== undefined) result.now = parseNow(nowValue);
  if (keyObjectValues) result.keyObjects = keyObjectValues.map(parseKeyObject);
  return result;
}
