// An xstate state value as one readable string: 'waiting', or
// 'streaming.pinging' for nested states.

import type { StateValue } from 'xstate';

export function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([k, v]) => (v === undefined ? k : `${k}.${stateName(v as StateValue)}`))
    .join(',');
}
