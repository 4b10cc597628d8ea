import { shellWord } from '../common/shellWord';
import { asString, field, JsonObject } from '../model/json';
import { Diagnosis, Evidence, Severity, Subject, SuggestedAction } from '../rules/types';
import { formatLocation, Location } from './files';

/** A diagnosis of the validate command: the catalogue's shape, the location in evidence. */
export interface ValidateFinding {
  diagnosis: Diagnosis;
  /** Findings about a file's content are reported once, whichever clusters render the file. */
  fileLevel?: boolean;
}

export interface RuleRef {
  id: string;
  severity: Severity;
}

export interface FindingInput {
  rule: RuleRef;
  severity?: Severity;
  subject: Subject;
  title: string;
  explanation: string;
  location?: Location;
  /** Evidence lines; the first is prefixed with the location when one is given. */
  evidence?: string[];
  actions: SuggestedAction[];
  causes?: Subject[];
  fileLevel?: boolean;
}

export function finding(input: FindingInput): ValidateFinding {
  const texts = input.evidence?.length ? input.evidence : [];
  const evidence: Evidence[] = texts.map((text, i) => ({
    kind: 'field' as const,
    text: i === 0 && input.location ? `${formatLocation(input.location)}: ${text}` : text,
  }));
  if (evidence.length === 0 && input.location)
    evidence.push({ kind: 'field', text: formatLocation(input.location) });
  const diagnosis: Diagnosis = {
    ruleId: input.rule.id,
    severity: input.severity ?? input.rule.severity,
    subject: input.subject,
    title: input.title,
    explanation: input.explanation,
    evidence,
    actions: input.actions,
  };
  if (input.causes?.length) diagnosis.causes = input.causes;
  return input.fileLevel ? { diagnosis, fileLevel: true } : { diagnosis };
}

/** The subject of a problem that belongs to a file rather than an object. */
export function fileSubject(file: string): Subject {
  return { apiVersion: '', kind: 'File', name: file };
}

/** The subject of a manifest object (as rendered). */
export function objectSubject(value: JsonObject, cluster?: string): Subject {
  const subject: Subject = {
    apiVersion: asString(value.apiVersion) ?? '',
    kind: asString(value.kind) ?? '',
    name: asString(field(value, 'metadata', 'name')) ?? '',
  };
  const namespace = asString(field(value, 'metadata', 'namespace'));
  if (cluster) subject.cluster = cluster;
  if (namespace) subject.namespace = namespace;
  return subject;
}

export function command(label: string, line: string): SuggestedAction {
  return { label, kind: 'command', command: line };
}

export function doc(label: string, url: string): SuggestedAction {
  return { label, kind: 'doc', url };
}

/** `sed` showing the lines around a location: the quickest way to look at it from a CI log. */
export function showLines(location: Location): SuggestedAction {
  const line = location.line ?? 1;
  const from = Math.max(1, line - 3);
  return command(
    `Look at ${formatLocation(location)}`,
    `sed -n '${from},${line + 3}p' ${shellWord(location.file)}`
  );
}

export const DOCS = {
  kustomization: 'https://fluxcd.io/flux/components/kustomize/kustomizations/',
  dependsOn: 'https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies',
  healthCheckExprs:
    'https://fluxcd.io/flux/components/kustomize/kustomizations/#health-check-expressions',
  sources: 'https://fluxcd.io/flux/components/source/',
  helmRelease: 'https://fluxcd.io/flux/components/helm/helmreleases/',
  alerts: 'https://fluxcd.io/flux/monitoring/alerts/',
  kustomize: 'https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/',
  compositions: 'https://docs.crossplane.io/latest/composition/compositions/',
  xrds: 'https://docs.crossplane.io/latest/composition/composite-resource-definitions/',
  functions: 'https://docs.crossplane.io/latest/packages/functions/',
  yaml: 'https://yaml.org/spec/1.2.2/',
};
