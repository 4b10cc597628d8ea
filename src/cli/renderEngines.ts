import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { asObject, asString, field, JsonObject } from '../model/json';
import { EngineRequest, EngineResult, RenderEngine } from '../validate/engine';
import { RendererChoice } from './args';
import { inputError } from './errors';

/**
 * The real render engines `validate` runs: `flux build kustomization`
 * (Flux's own build, post-build substitution included), `kustomize build`,
 * `kubectl kustomize`. Each runs as a child process on local directories
 * only: the validator never hands it a unit with a remote base, the child's
 * proxy points at a closed local port and its kubeconfig is empty, so nothing
 * it does reaches the network or a cluster.
 */

/** The first executable of that name on PATH. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const TIMEOUT_MS = 120_000;
const MAX_OUTPUT = 256 * 1024 * 1024;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  failure?: string;
}

/** A child environment that cannot reach a cluster or the network. */
function isolatedEnv(scratch: string): NodeJS.ProcessEnv {
  const kubeconfig = join(scratch, 'kubeconfig');
  writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n');
  const closed = 'http://127.0.0.1:9';
  return {
    PATH: process.env.PATH ?? '',
    HOME: scratch,
    TMPDIR: scratch,
    KUBECONFIG: kubeconfig,
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    http_proxy: closed,
    https_proxy: closed,
    NO_PROXY: '',
    no_proxy: '',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: 'file',
  };
}

function run(binary: string, args: string[], scratch: string, cwd = scratch): Run {
  const result = spawnSync(binary, args, {
    env: isolatedEnv(scratch),
    cwd,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const outcome: Run = {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
  };
  if (result.error) outcome.failure = result.error.message;
  return outcome;
}

/** The objects of a multi-document YAML render (Lists expanded by the engine already). */
export function parseRender(text: string): EngineResult {
  const objects: JsonObject[] = [];
  for (const document of parseAllDocuments(text)) {
    const error = document.errors[0];
    if (error) return { error: `the engine's output is not valid YAML: ${error.message}` };
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (caught) {
      return {
        error: `the engine's output is not valid YAML: ${
          caught instanceof Error ? caught.message : String(caught)
        }`,
      };
    }
    const object = asObject(value);
    if (object) objects.push(object);
  }
  return { objects };
}

function failureText(binary: string, outcome: Run): string {
  if (outcome.failure) return `${binary}: ${outcome.failure}`;
  const text = outcome.stderr.trim() || outcome.stdout.trim();
  return text || `${binary} exited with status ${String(outcome.status)}`;
}

function versionOf(binary: string, args: string[], pattern: RegExp, scratch: string): string {
  const outcome = run(binary, args, scratch);
  return pattern.exec(`${outcome.stdout}\n${outcome.stderr}`)?.[1] ?? 'unknown version';
}

/** Engines over the local sources (`KIND/NS/NAME` → directory); `close()` removes their scratch directory. */
export interface Engines {
  engine?: RenderEngine;
  close(): void;
}

function kustomizationJson(request: EngineRequest): string {
  return `${JSON.stringify(request.kustomization)}\n`;
}

function fluxEngine(binary: string, dirs: Map<string, string>, scratch: string): RenderEngine {
  const version = versionOf(binary, ['version', '--client'], /flux:\s*v?(\S+)/, scratch);
  let count = 0;
  return {
    name: `flux build kustomization (flux ${version})`,
    appliesFluxSpec: true,
    generatesKustomization: true,
    render(request) {
      const root = dirs.get(request.sourceKey);
      if (root === undefined) return { error: `no local directory for ${request.sourceKey}` };
      const file = join(scratch, `kustomization-${count++}.json`);
      writeFileSync(file, kustomizationJson(request));
      const name = asString(field(request.kustomization, 'metadata', 'name')) ?? '';
      const namespace =
        asString(field(request.kustomization, 'metadata', 'namespace')) ?? 'flux-system';
      const outcome = run(
        binary,
        [
          'build',
          'kustomization',
          name,
          '--path',
          request.path ? join(root, ...request.path.split('/')) : root,
          '--kustomization-file',
          file,
          '--namespace',
          namespace,
          '--dry-run',
          // Generates a missing kustomization.yaml in memory, never in the user's tree;
          // reads files only below the working directory: the source root, as Flux does.
          '--in-memory-build',
        ],
        scratch,
        root
      );
      if (outcome.status !== 0 || outcome.failure) return { error: failureText('flux', outcome) };
      return parseRender(outcome.stdout);
    },
  };
}

function kustomizeEngine(
  binary: string,
  prefix: string[],
  label: string,
  version: string,
  dirs: Map<string, string>,
  scratch: string
): RenderEngine {
  return {
    name: `${label} (kustomize ${version})`,
    appliesFluxSpec: false,
    generatesKustomization: false,
    render(request) {
      const root = dirs.get(request.sourceKey);
      if (root === undefined) return { error: `no local directory for ${request.sourceKey}` };
      const outcome = run(
        binary,
        [...prefix, request.path ? join(root, ...request.path.split('/')) : root],
        scratch
      );
      if (outcome.status !== 0 || outcome.failure)
        return { error: failureText(label.split(' ')[0], outcome) };
      return parseRender(outcome.stdout);
    },
  };
}

/**
 * The engine `--renderer` names; `auto` takes the first of flux, kustomize,
 * kubectl on PATH, and the built-in renderer when there is none.
 */
export function openEngines(
  choice: RendererChoice,
  sources: ReadonlyArray<{ key: string; dir: string }>,
  path = process.env.PATH ?? ''
): Engines {
  if (choice === 'builtin') return { close: () => undefined };
  const dirs = new Map(sources.map(source => [source.key, resolve(source.dir)]));
  const scratch = mkdtempSync(join(tmpdir(), 'hfc-render-'));
  const close = (): void => rmSync(scratch, { recursive: true, force: true });
  const wanted: Array<Exclude<RendererChoice, 'auto' | 'builtin'>> =
    choice === 'auto' ? ['flux', 'kustomize', 'kubectl'] : [choice];
  for (const name of wanted) {
    const binary = findOnPath(name, path);
    if (!binary) continue;
    if (name === 'flux') {
      // Without --in-memory-build, flux build writes a generated kustomization.yaml into the tree.
      const help = run(binary, ['build', 'kustomization', '--help'], scratch);
      if (help.stdout.includes('--in-memory-build'))
        return { engine: fluxEngine(binary, dirs, scratch), close };
      if (choice === 'flux') {
        close();
        throw inputError(
          `--renderer flux: ${binary} has no --in-memory-build (flux build would write into the tree): install a newer flux CLI (2.9.5 has it)`
        );
      }
      continue;
    }
    if (name === 'kustomize') {
      const version = versionOf(binary, ['version'], /(v\d+\.\d+\.\d+\S*)/, scratch);
      return {
        engine: kustomizeEngine(binary, ['build'], 'kustomize build', version, dirs, scratch),
        close,
      };
    }
    const version = versionOf(
      binary,
      ['version', '--client'],
      /Kustomize Version:\s*(\S+)/,
      scratch
    );
    return {
      engine: kustomizeEngine(binary, ['kustomize'], 'kubectl kustomize', version, dirs, scratch),
      close,
    };
  }
  close();
  if (choice === 'auto') return { close: () => undefined };
  throw inputError(`--renderer ${choice}: ${choice} is not on PATH`);
}
