// The vite configuration @kinvolk/headlamp-plugin builds plugins with (an .mjs without types).
declare module '@kinvolk/headlamp-plugin/config/vite.config.mjs' {
  import type { UserConfig } from 'vite';
  const config: UserConfig;
  export default config;
}
