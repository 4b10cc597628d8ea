// Headlamp's lib must be loaded before `/lib/Crd` (circular import otherwise:
// "Class extends value undefined"). Test files import this first, as a side effect.
import '@kinvolk/headlamp-plugin/lib';
