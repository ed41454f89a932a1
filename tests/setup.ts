// Every test may run http.version 2 or a phone's radio: those parts of the engine are loaded
// on demand (src/sim/run/parts.ts), so the tests install it, as the
// command line and the workers do.
import { installParts } from '../src/sim/parts';

installParts();
