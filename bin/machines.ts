// `npm run machines`: writes src/sim/machines/tables.generated.ts, the
// machines' tables compiled from their xstate definitions.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { checkXstateVersion, renderTables } from '../src/sim/machines/oracle';

checkXstateVersion((createRequire(import.meta.url)('xstate/package.json') as { version: string }).version);

const out = join(import.meta.dirname, '..', 'src', 'sim', 'machines', 'tables.generated.ts');
writeFileSync(out, renderTables());
console.log(`wrote ${out}`);
