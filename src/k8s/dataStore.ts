import { useEffect, useSyncExternalStore } from 'react';
import type { FluxCrossplaneData } from './FluxCrossplaneData';
import type { KindDemand } from './listedKinds';

/**
 * The plugin's one data store, outside React's tree of routes: the host
 * (mounted once, in a Headlamp UI panel) publishes what its lists hold; every
 * page, and the map, reads it. Readers say they need the data (`useDemand`);
 * the host keeps its lists and watches open while anyone does and for a while
 * after the last one left, so moving between pages opens nothing new.
 *
 * Readers may ask for more than the kinds in use (the managed-resources page
 * asks for every managed kind while it is open); the host is the one place
 * that opens lists and sockets, within its watch budget (`feedPlan.ts`).
 */

/** How long the lists stay open after the last reader left (a visit to one of Headlamp's own pages). */
export const IDLE_RELEASE_MS = 120_000;

type Listener = () => void;

let published: FluxCrossplaneData | undefined;
let demand = 0;
/** Readers that want every managed kind listed (not only those in use). */
let managedDemand = 0;
let kindDemand: KindDemand = { allManaged: false };
let active = false;
let releaseTimer: ReturnType<typeof setTimeout> | undefined;
/** Bumped by a reset: readers from before it no longer count. */
let generation = 0;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setActive(next: boolean): void {
  if (active === next) return;
  active = next;
  notify();
}

function setManagedDemand(next: number): void {
  managedDemand = next;
  const allManaged = managedDemand > 0;
  if (kindDemand.allManaged === allManaged) return;
  kindDemand = { allManaged };
  notify();
}

/** A reader arrives: the lists open (or stay open). Returns its departure. */
export function acquireData(options: { allManaged?: boolean } = {}): () => void {
  demand++;
  clearTimeout(releaseTimer);
  releaseTimer = undefined;
  if (options.allManaged) setManagedDemand(managedDemand + 1);
  setActive(true);
  const mine = generation;
  let released = false;
  return () => {
    if (released || mine !== generation) return;
    released = true;
    if (options.allManaged) setManagedDemand(managedDemand - 1);
    demand--;
    if (demand > 0) return;
    clearTimeout(releaseTimer);
    releaseTimer = setTimeout(() => {
      releaseTimer = undefined;
      if (demand === 0) setActive(false);
    }, IDLE_RELEASE_MS);
  };
}

/** The host hands over what it built (undefined when its lists close). */
export function publishData(data: FluxCrossplaneData | undefined): void {
  if (published === data) return;
  published = data;
  notify();
}

/** Whether the host should hold its lists open now. */
export function useDataWanted(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => active,
    () => active
  );
}

/** Which kinds readers ask for beyond the kinds in use. */
export function useKindDemand(): KindDemand {
  return useSyncExternalStore(
    subscribe,
    () => kindDemand,
    () => kindDemand
  );
}

/** What the host published last, without asking for lists (Headlamp's own pages). */
export function usePublishedData(): FluxCrossplaneData | undefined {
  return useSyncExternalStore(
    subscribe,
    () => published,
    () => published
  );
}

/** Asks for the data while the calling component is mounted (every managed kind too, if asked). */
export function useDemand(options: { allManaged?: boolean } = {}): void {
  const allManaged = options.allManaged === true;
  useEffect(() => acquireData({ allManaged }), [allManaged]);
}

/** Back to the start: no reader, nothing published, lists closed (tests). */
export function resetDataStore(): void {
  clearTimeout(releaseTimer);
  releaseTimer = undefined;
  generation++;
  demand = 0;
  managedDemand = 0;
  kindDemand = { allManaged: false };
  published = undefined;
  setActive(false);
  notify();
}
