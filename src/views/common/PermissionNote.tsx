import Box from '@mui/material/Box';
import React, { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n';

/** Where an action bar sits: the page's own, or one inside a diagnosis banner. */
export type ActionPlacement = 'page' | 'banner';

interface Scope {
  report(key: string, placement: ActionPlacement, denied: boolean): void;
}

const PermissionScope = createContext<Scope | undefined>(undefined);

/** The sentence a reader sees once instead of action buttons. */
export function DeniedNote() {
  const t = useT();
  return (
    <Box sx={{ color: 'text.secondary', mb: 1 }}>
      {t('You are not allowed to change this object (no patch permission).')}
    </Box>
  );
}

/**
 * One permission note per page: action bars inside banners report that patch is
 * denied instead of saying it each; the scope says it once, at its top, unless the
 * page's own action bar already does.
 */
export function PermissionNoteScope({ children }: { children: React.ReactNode }) {
  const t = useT();
  const [denied, setDenied] = useState<ReadonlyMap<string, ActionPlacement>>(new Map());
  const report = useCallback((key: string, placement: ActionPlacement, isDenied: boolean) => {
    setDenied(previous => {
      if (isDenied === previous.has(`${placement}|${key}`)) return previous;
      const next = new Map(previous);
      if (isDenied) next.set(`${placement}|${key}`, placement);
      else next.delete(`${placement}|${key}`);
      return next;
    });
  }, []);
  const scope = useMemo(() => ({ report }), [report]);
  const placements = [...denied.values()];
  const showNote = placements.includes('banner') && !placements.includes('page');
  return (
    <PermissionScope.Provider value={scope}>
      {showNote ? (
        <Box sx={{ color: 'text.secondary', mb: 1 }}>
          {t(
            'You are not allowed to change the objects named below (no patch permission): their actions are hidden.'
          )}
        </Box>
      ) : null}
      {children}
    </PermissionScope.Provider>
  );
}

/**
 * Reports a denied patch to the page's scope; returns whether this bar must say
 * so itself (the page's own bar, or any bar outside a scope).
 */
export function useDeniedNote(key: string, placement: ActionPlacement, denied: boolean): boolean {
  const scope = useContext(PermissionScope);
  useEffect(() => {
    if (!scope) return;
    scope.report(key, placement, denied);
    return () => scope.report(key, placement, false);
  }, [scope, key, placement, denied]);
  return denied && (placement === 'page' || !scope);
}
