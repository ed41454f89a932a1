// Every test may run http.version 2: the engine's HTTP/2 support is loaded
// on demand (src/sim/run/http2-support.ts), so the tests install it, as the
// command line and the workers do.
import { installHttp2Support } from '../src/sim/http2';

installHttp2Support();
