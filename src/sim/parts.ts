// Every part of the engine loaded on demand (src/sim/run/parts.ts),
// installed at once: for the command line, the workers, the benchmark and
// the tests, which may run any scenario.

import { installHttp2Support } from './http2';
import { installRadioSupport } from './radio';
import { installPart } from './run/parts';
import { installProxyBuffer } from './run/proxy-buffer';
import { websocketAccept } from './wire/handshake';

export function installParts(): void {
  installHttp2Support();
  installRadioSupport();
  installProxyBuffer();
  installPart('websocketAccept', websocketAccept);
}
