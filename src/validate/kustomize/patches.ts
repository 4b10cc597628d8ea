import { parse } from 'yaml';
import { asObject, asString, field, JsonObject } from '../../model/json';
import { strategicMergeRefusal } from '../exactness';
import { joinPath, Location, ParsedFile, Source } from '../files';
import {
  jsonPatch,
  matchesPatchIdentity,
  matchesSelector,
  mergePatch,
  PatchError,
  Selector,
} from '../patch';
import { Refusal, RenderedObject } from './types';

/** Kustomize's patches: read from a file or inline, applied to the objects they select. */
export type BuildProblem = (
  location: Location,
  dir: string,
  source: Source,
  message: string
) => void;

export class PatchReader {
  constructor(
    private readonly problem: BuildProblem,
    private readonly parsed: (source: Source, path: string) => ParsedFile | undefined
  ) {}

  inline(text: string, location: Location, dir: string, source: Source): unknown {
    try {
      return parse(text) as unknown;
    } catch (error) {
      this.problem(
        location,
        dir,
        source,
        `the inline patch is not valid YAML: ${
          error instanceof Error ? error.message.split('\n')[0] : String(error)
        }`
      );
      return undefined;
    }
  }

  /** A patch given as a file path (or, for patchesStrategicMerge, inline YAML). */
  content(source: Source, dir: string, entry: unknown, location: Location): unknown {
    const text = asString(entry);
    if (text === undefined) return undefined;
    if (text.includes('\n') || text.trim().startsWith('{'))
      return this.inline(text, location, dir, source);
    const target = joinPath(dir, text);
    const content = target === undefined ? undefined : source.tree.read(target);
    if (target === undefined || content === undefined) {
      this.problem(location, dir, source, `patch file ${text} does not exist`);
      return undefined;
    }
    const parsed = this.parsed(source, target);
    if (!parsed || parsed.error) return undefined;
    return parsed.docs[0]?.value;
  }

  apply(
    objects: RenderedObject[],
    patch: unknown,
    selector: Selector | undefined,
    location: Location,
    dir: string,
    source: Source,
    refusals: Refusal[]
  ): void {
    const isJson6902 = Array.isArray(patch);
    const patchObject = asObject(patch);
    if (!isJson6902 && !patchObject) {
      this.problem(
        location,
        dir,
        source,
        'a patch must be a map (strategic merge) or a list of JSON 6902 operations'
      );
      return;
    }
    if (!selector && !patchObject) {
      this.problem(location, dir, source, 'a JSON 6902 patch needs a target');
      return;
    }
    const matched = objects.filter(object =>
      selector
        ? matchesSelector(selector, object.value, object.previous)
        : matchesPatchIdentity(patchObject as JsonObject, object.value, object.previous)
    );
    if (matched.length === 0 && !selector) {
      this.problem(
        location,
        dir,
        source,
        `no matches for Id ${asString(patchObject?.kind) ?? '?'}/${
          asString(field(patchObject, 'metadata', 'name')) ?? '?'
        }; failed to find unique target for patch`
      );
      return;
    }
    for (const object of matched) {
      try {
        if (isJson6902) {
          const result = asObject(jsonPatch(object.value, patch as unknown[]));
          if (result) object.value = result;
        } else if (field(patchObject, '$patch') === 'delete') {
          objects.splice(objects.indexOf(object), 1);
        } else {
          const body: JsonObject = { ...(patchObject as JsonObject) };
          if (selector) {
            // With an explicit target the patch's own identity does not rename the target.
            delete body.apiVersion;
            delete body.kind;
            const metadata = asObject(body.metadata);
            if (metadata) {
              const rest = { ...metadata };
              delete rest.name;
              delete rest.namespace;
              body.metadata = rest;
            }
          }
          const reason = strategicMergeRefusal(body, object.value);
          if (reason) refusals.push({ location, reason });
          const result = asObject(mergePatch(object.value, body));
          if (result) object.value = result;
        }
      } catch (error) {
        if (!(error instanceof PatchError)) throw error;
        this.problem(
          location,
          dir,
          source,
          `applying the patch to ${asString(object.value.kind)}/${asString(
            field(object.value, 'metadata', 'name')
          )}: ${error.message}`
        );
      }
    }
  }
}
