import { ACTIONS } from './english/actions';
import { COMPOSITION } from './english/composition';
import { CROSSPLANE } from './english/crossplane';
import { DEPENDENCY } from './english/dependency';
import { FLUX_STATE } from './english/fluxState';
import { HELM } from './english/helm';
import { KUSTOMIZE } from './english/kustomize';
import { LISTS } from './english/lists';
import { MANAGED } from './english/managed';
import { NOTIFICATIONS } from './english/notifications';
import { PACKAGES } from './english/packages';
import { RUNTIME } from './english/runtime';
import { SOURCES } from './english/sources';
import { VISIBILITY } from './english/visibility';

/**
 * The English text of every message a diagnosis can carry: key → template with
 * `{{name}}` placeholders. Kubernetes, Flux and Crossplane terms (kinds, field
 * paths, condition reasons, commands) are parameters or stay as written in every
 * language. locales/en/translation.json holds the same entries (test/i18n checks).
 */
export const ENGLISH = {
  ...ACTIONS,
  ...SOURCES,
  ...VISIBILITY,
  ...NOTIFICATIONS,
  ...HELM,
  ...DEPENDENCY,
  ...LISTS,
  ...PACKAGES,
  ...CROSSPLANE,
  ...COMPOSITION,
  ...MANAGED,
  ...RUNTIME,
  ...KUSTOMIZE,
  ...FLUX_STATE,
} as const;
