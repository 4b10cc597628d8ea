/**
 * Which namespaces namespaced kinds are listed in: the chosen ones (Headlamp's
 * namespace chooser; empty: all) within the allowed ones (cluster settings;
 * empty: no limit). `undefined` means cluster-wide.
 */
export function namespacesToList(
  chosen: readonly string[],
  allowed: readonly string[]
): string[] | undefined {
  if (chosen.length === 0) return allowed.length ? [...new Set(allowed)].sort() : undefined;
  const wanted = allowed.length ? chosen.filter(namespace => allowed.includes(namespace)) : chosen;
  return [...new Set(wanted)].sort();
}

/** Controllers are listed wherever they run, the chooser aside; only allowed namespaces limit that. */
export function runtimeNamespaces(allowed: readonly string[]): string[] | undefined {
  return allowed.length ? [...new Set(allowed)].sort() : undefined;
}
