// Every test may run http.version 2, a phone's radio or a buffering proxy:
// those parts of the engine are loaded on demand (src/sim/run/parts.ts), so
// the tests install them, as the command line and the workers do.
import { installParts } from '../src/sim/parts';

installParts();
