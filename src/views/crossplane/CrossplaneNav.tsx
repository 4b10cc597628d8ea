import { Link } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import React from 'react';
import { Translate, useT } from '../../i18n';
import { ObjectRole } from '../../model/clusterIndex';
import { ROUTES } from '../routes';

const PAGES: Array<{ route: { name: string }; label: (t: Translate) => string }> = [
  { route: ROUTES.xrds, label: t => t('XRDs') },
  { route: ROUTES.compositions, label: t => t('Compositions') },
  { route: ROUTES.composites, label: t => t('Composite resources and claims') },
  { route: ROUTES.managed, label: t => t('Managed resources') },
  { route: ROUTES.packages, label: t => t('Packages') },
];

/** The Crossplane pages, one click apart. */
export function CrossplaneNav() {
  const t = useT();
  return (
    <Box
      component="nav"
      aria-label={t('Crossplane pages')}
      sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap' }}
    >
      {PAGES.map(page => (
        <Link key={page.route.name} routeName={page.route.name}>
          {page.label(t)}
        </Link>
      ))}
    </Box>
  );
}

/** What an object is, in words. */
export function roleLabel(t: Translate, role: ObjectRole | 'unknown'): string {
  switch (role) {
    case 'xrd':
      return t('Composite resource definition');
    case 'composition':
      return t('Composition');
    case 'composition-revision':
      return t('Composition revision');
    case 'package':
      return t('Package');
    case 'package-revision':
      return t('Package revision');
    case 'composite':
      return t('Composite resource (XR)');
    case 'claim':
      return t('Claim');
    case 'managed':
      return t('Managed resource');
    case 'provider-config':
      return t('ProviderConfig');
    case 'mrd':
      return t('Managed resource definition');
    case 'mrap':
      return t('Managed resource activation policy');
    case 'usage':
      return t('Usage');
    case 'environment-config':
      return t('EnvironmentConfig');
    default:
      return t('Other');
  }
}
