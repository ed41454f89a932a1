// The keyboard shortcuts as the overlay (./Shortcuts.svelte) lists them; in
// a module of their own so that only the overlay, loaded on first use,
// carries the text. What each key does is ./keymap.ts.

import { JUMP_EVENTS } from './keymap';

export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Space'], what: 'Play / pause' },
  { keys: ['←', '→'], what: 'Step one event back / forward' },
  { keys: ['Shift+←', 'Shift+→'], what: `Jump ${JUMP_EVENTS} events back / forward` },
  { keys: ['+', '-'], what: 'Faster / slower' },
  { keys: ['R'], what: 'Reset to the start' },
  { keys: ['1', '2', '3', '4', '5'], what: 'Choose a technique (Focus) or highlight its lane (Compare)' },
  { keys: ['N', 'P'], what: 'Next / previous step of the lesson' },
  { keys: ['?'], what: 'Show / hide these shortcuts' },
  { keys: ['Esc'], what: 'Close this list' },
];
