/**
 * Regenerates `crds.json`: the real Flux, Crossplane and provider-nop CRDs
 * from test/fixtures/crds (versions listed in its README.md) without their
 * OpenAPI schemas, which the demo does not validate against. Run it after
 * updating those CRDs:
 *
 *   npx tsx demo/scenario/extractCrds.ts [path/to/crds]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(process.argv[2] ?? join(here, '../../test/fixtures/crds'));

type Json = Record<string, unknown>;

const crds: Json[] = [];
for (const folder of ['flux', 'crossplane', 'provider-nop']) {
  for (const file of readdirSync(join(source, folder)).sort()) {
    if (!file.endsWith('.yaml')) continue;
    for (const document of parseAllDocuments(readFileSync(join(source, folder, file), 'utf8'))) {
      const crd = document.toJSON() as Json | null;
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      const spec = crd.spec as Json;
      const versions = (spec.versions as Json[]).map(version => ({
        ...version,
        schema: {
          openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      }));
      crds.push({
        apiVersion: crd.apiVersion,
        kind: crd.kind,
        metadata: {
          name: (crd.metadata as Json).name,
          annotations: (crd.metadata as Json).annotations,
        },
        spec: { ...spec, versions },
      });
    }
  }
}
const target = join(here, 'crds.json');
writeFileSync(target, `${JSON.stringify(crds, null, 1)}\n`);
console.log(`${crds.length} CRDs written to ${target}`);
