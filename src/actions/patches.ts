/**
 * JSON merge patches for the requests the Flux and Crossplane controllers
 * honour, the same as the flux CLI sends: only the fields each action owns,
 * never a whole object. Pure data, tested as data.
 */

export const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';
export const FORCE_AT = 'reconcile.fluxcd.io/forceAt';
export const RESET_AT = 'reconcile.fluxcd.io/resetAt';
export const CROSSPLANE_PAUSED = 'crossplane.io/paused';
export const CROSSPLANE_RECONCILE_REQUESTED_AT = 'crossplane.io/reconcile-requested-at';

export type MergePatch = Record<string, unknown>;

/** A new unique request value: the current time in RFC 3339 (as `flux reconcile` writes it). */
export function requestToken(now: Date = new Date()): string {
  return now.toISOString();
}

function annotate(annotations: Record<string, string | null>): MergePatch {
  return { metadata: { annotations } };
}

/** `flux reconcile <kind> <name>`: ask the controller to reconcile now. */
export function reconcilePatch(token: string): MergePatch {
  return annotate({ [REQUESTED_AT]: token });
}

/** `flux suspend`: stop reconciling. */
export function suspendPatch(): MergePatch {
  return { spec: { suspend: true } };
}

/** `flux resume`: reconcile again, and request a reconcile right away. */
export function resumePatch(token: string): MergePatch {
  return { spec: { suspend: false }, ...annotate({ [REQUESTED_AT]: token }) };
}

/** `flux reconcile helmrelease --force`: a one-off upgrade or install. */
export function forcePatch(token: string): MergePatch {
  return annotate({ [REQUESTED_AT]: token, [FORCE_AT]: token });
}

/** `flux reconcile helmrelease --reset`: reset the failure counters. */
export function resetPatch(token: string): MergePatch {
  return annotate({ [REQUESTED_AT]: token, [RESET_AT]: token });
}

/** Crossplane: pause (`crossplane.io/paused: "true"`) or resume (the annotation removed). */
export function crossplanePausePatch(paused: boolean): MergePatch {
  return annotate({ [CROSSPLANE_PAUSED]: paused ? 'true' : null });
}

/** Crossplane ≥ 2.3: request a reconcile of a managed or composite resource. */
export function crossplaneReconcilePatch(token: string): MergePatch {
  return annotate({ [CROSSPLANE_RECONCILE_REQUESTED_AT]: token });
}
