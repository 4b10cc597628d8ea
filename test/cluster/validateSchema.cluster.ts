import { describe, expect, it } from 'vitest';
import { loadCrdFiles, nodeFileTree } from '../../src/cli/validate';
import { asString, field, JsonObject } from '../../src/model/json';
import { splitApiVersion } from '../../src/model/resource';
import { subjectKey } from '../../src/rules/context';
import { objectSubject } from '../../src/validate/findings';
import { validateTree } from '../../src/validate/validate';
import { caseDir } from '../validate/helpers';
import { clusterEnv, UPSTREAM_CRDS } from './lib/env';
import { ensureNamespace } from './lib/install';
import { at, Kube } from './lib/kube';

/**
 * The schema verdicts of `validate` held against the real API server: every
 * object the schema fixtures render (a kind the shared CRDs define) is sent as
 * a server-side apply dry-run with strict field validation. The validator and
 * the server agree on valid/invalid for each object; where the messages
 * differ, both are printed (the server's is the reference).
 */

const SCHEMA_FIXTURES = ['schema-unknown-field', 'schema-invalid-value', 'schema-version', 'valid'];

const crds = loadCrdFiles([UPSTREAM_CRDS]);
/** `group/kind` → plural and scope, from the CRDs the stage installs. */
const resources = new Map<string, { plural: string; namespaced: boolean }>();
for (const { object } of crds) {
  const group = asString(field(object, 'spec', 'group')) ?? '';
  const kind = asString(field(object, 'spec', 'names', 'kind')) ?? '';
  resources.set(`${group}/${kind}`, {
    plural: asString(field(object, 'spec', 'names', 'plural')) ?? '',
    namespaced: asString(field(object, 'spec', 'scope')) === 'Namespaced',
  });
}

interface Verdict {
  object: string;
  validator: string[];
  server: { status: number; message: string };
}

function pathOf(object: JsonObject): string | undefined {
  const { group, version } = splitApiVersion(asString(object.apiVersion));
  const resource = resources.get(`${group}/${asString(object.kind) ?? ''}`);
  if (!resource) return undefined;
  const name = asString(field(object, 'metadata', 'name')) ?? '';
  const namespace = asString(field(object, 'metadata', 'namespace')) ?? '';
  const scope = resource.namespaced ? `/namespaces/${namespace}` : '';
  return `/apis/${group}/${version}${scope}/${resource.plural}/${name}`;
}

describe('validate schema verdicts agree with the real API server (server-side dry-run, strict)', () => {
  const env = clusterEnv();
  const kube = new Kube(env.server, env.tokens.admin, env.ca);
  const verdicts: Verdict[] = [];

  it.each(SCHEMA_FIXTURES)('%s: each object is valid for both or invalid for both', async name => {
    const report = validateTree({ root: nodeFileTree(caseDir(name)), crds });
    const schemaErrors = new Map<string, string[]>();
    for (const diagnosis of report.diagnoses) {
      if (diagnosis.ruleId !== 'VALIDATE-SCHEMA' || diagnosis.severity !== 'error') continue;
      const key = subjectKey({ ...diagnosis.subject, cluster: undefined });
      schemaErrors.set(key, [
        ...(schemaErrors.get(key) ?? []),
        ...diagnosis.evidence.map(evidence => evidence.text),
      ]);
    }
    let sent = 0;
    for (const { objects } of report.rendered) {
      for (const object of objects) {
        const path = pathOf(object);
        if (!path) continue; // a kind the stage's CRDs do not define (built-in, or an XRD of the tree)
        const namespace = asString(field(object, 'metadata', 'namespace'));
        if (namespace) await ensureNamespace(kube, namespace);
        const query = new URLSearchParams({
          dryRun: 'All',
          fieldManager: 'hfc-validate-test',
          force: 'true',
          fieldValidation: 'Strict',
        });
        const response = await kube.request('PATCH', `${path}?${query.toString()}`, {
          body: object,
          contentType: 'application/apply-patch+yaml',
          check: false,
        });
        sent++;
        const key = subjectKey({ ...objectSubject(object), cluster: undefined });
        const verdict: Verdict = {
          object: `${name}: ${asString(object.kind) ?? ''}/${
            asString(field(object, 'metadata', 'name')) ?? ''
          }`,
          validator: schemaErrors.get(key) ?? [],
          server: {
            status: response.status,
            message: String(at(response.body, 'message') ?? response.text.slice(0, 500)),
          },
        };
        verdicts.push(verdict);
        const serverValid = response.status >= 200 && response.status < 300;
        expect(
          { object: verdict.object, valid: verdict.validator.length === 0 },
          `server said ${verdict.server.status}: ${verdict.server.message}`
        ).toEqual({ object: verdict.object, valid: serverValid });
      }
    }
    expect(sent).toBeGreaterThan(0);
  });

  it('the messages, side by side where the object is invalid', () => {
    const invalid = verdicts.filter(verdict => verdict.validator.length > 0);
    for (const verdict of invalid)
      console.log(
        `${verdict.object}\n  validator: ${verdict.validator.join(' | ')}\n  server (${
          verdict.server.status
        }): ${verdict.server.message}`
      );
    console.log(
      `schema fixtures against the API server: ${verdicts.length} objects, ${
        invalid.length
      } invalid for both, ${verdicts.length - invalid.length} valid for both`
    );
    expect(invalid.length).toBeGreaterThanOrEqual(3);
  });
});
