// Headlamp's lib must be loaded before `/lib/Crd` (circular import otherwise:
// "Class extends value undefined"). Test files import this first, as a side effect.
// Ahead of the lib: what jsdom lacks, and i18next's logger (no debug traces); after it, the
// watch sockets of the demo API the tests' clusters are (demoApi.ts).
import './jsdomGaps';
import './i18nLogger';
import '@kinvolk/headlamp-plugin/lib';
import { installFakeWebSocket } from './demoApi';

installFakeWebSocket();
