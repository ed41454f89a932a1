// What a technique plugs into the runtime: for one client, create its client
// machine and carry out that machine's named actions (open connections, send
// requests, react to what arrives). The server side is shared
// (src/sim/run/server-session.ts).

import type { SimActor } from '../run/spawn';
import type { ClientHost } from '../run/client-host';
import type { ServerSession } from '../run/server-session';
import type { World } from '../run/world';

export interface ClientDriver {
  /** The client machine, started; the runtime sends it START at the client's start time. */
  actor: SimActor<{ type: 'START' }>;
  /** A new upstream message is queued in host.upstream: send what can be sent. */
  pumpUpstream(): void;
}

export type DriverFactory = (w: World, host: ClientHost, session: ServerSession) => ClientDriver;
