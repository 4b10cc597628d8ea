import { shellWord } from '../../common/shellWord';
import { asString, JsonObject } from '../../model/json';
import { RULES } from '../../rules/catalogue';
import { Location } from '../files';
import { command, doc, DOCS, fileSubject, finding, showLines, ValidateFinding } from '../findings';
import { KNOWN_FIELDS } from './types';

/** Why `kustomize build` of a directory would fail: the finding, one per message. */
export function buildFailure(
  location: Location,
  display: string,
  message: string,
  advice: string,
  hasKustomizationFile: boolean
): ValidateFinding {
  return finding({
    rule: RULES.FLUX_INVALID_MANIFESTS,
    subject: fileSubject(location.file),
    title: `kustomize build of ${display || '.'} would fail`,
    explanation: `Flux would report BuildFailed for every Kustomization that applies this path, and none of its objects would be applied.${
      advice ? ` ${advice}` : ''
    }`,
    location,
    evidence: [message],
    actions: [
      showLines(location),
      ...(hasKustomizationFile
        ? [command('Build it the way Flux does', `kubectl kustomize ${shellWord(display || '.')}`)]
        : []),
      doc('kustomization.yaml reference', DOCS.kustomize),
    ],
    fileLevel: true,
  });
}

/**
 * What kustomize refuses in a kustomization file itself: unknown fields, a kind that is not
 * Kustomization or Component, a Component listed as a resource or a Kustomization as a component.
 */
export function kustomizationFileProblems(
  spec: JsonObject,
  display: string,
  { component, nested }: { component: boolean; nested: boolean }
): Array<{ path?: Array<string | number>; message: string }> {
  const problems: Array<{ path?: Array<string | number>; message: string }> = [];
  for (const key of Object.keys(spec)) {
    if (!KNOWN_FIELDS.has(key))
      problems.push({
        path: [key],
        message: `invalid Kustomization: json: unknown field "${key}"`,
      });
  }
  const kind = asString(spec.kind);
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component')
    problems.push({
      path: ['kind'],
      message: `kind "${kind}" is not a kustomization (expected Kustomization or Component)`,
    });
  if (component && kind !== 'Component')
    problems.push({
      message: `expected kind 'Component' for path '${display}' but got '${
        kind ?? 'Kustomization'
      }'`,
    });
  if (!component && kind === 'Component' && nested)
    problems.push({
      path: ['kind'],
      message: `expected kind != 'Component' for path '${display}'`,
    });
  return problems;
}
