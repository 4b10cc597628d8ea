/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902) on the demo's JSON values: the plugin's own implementation (src/common/jsonPatch.ts). */
import {
  jsonPatch as applyJsonPatch,
  mergePatch as applyMergePatch,
} from '../../src/common/jsonPatch';

export { PatchError } from '../../src/common/jsonPatch';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function mergePatch(target: Json | undefined, patch: Json): Json {
  return applyMergePatch(target, patch) as Json; // JSON in, JSON out
}

export function jsonPatch(target: Json, operations: unknown): Json {
  return applyJsonPatch(target, operations) as Json; // JSON in, JSON out
}
