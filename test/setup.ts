// Shared test setup. Headlamp's request path reads IndexedDB, so a fake one
// is installed before anything of Headlamp is imported (component tests).
import 'fake-indexeddb/auto';
