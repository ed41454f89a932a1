// The page's keyboard shortcuts, as a pure function from a key press (and
// where the focus is) to an action. The page applies actions in ./actions.ts;
// the overlay (./Shortcuts.svelte) lists them (./shortcut-list.ts).
//
//   Space           play / pause
//   ← / →           step one event back / forward
//   Shift+← / →     jump 10 events back / forward
//   + / -           faster / slower (speed ladder 0.1× … 10×)
//   R               reset (playhead to 0, paused)
//   1 … 5           choose a technique (Focus: the technique shown; Compare: highlight its lane)
//   ?               show / hide this list; Escape closes it
//
// Nothing fires while the focus is in a text field, a select, a textarea or
// an editable element; on a slider the arrow keys keep their slider meaning,
// and on a button, link, tab or packet arrow Space/Enter/arrows keep theirs.

export const JUMP_EVENTS = 10;

export type Action =
  | { type: 'toggle' }
  | { type: 'step'; events: number }
  | { type: 'speed'; dir: 1 | -1 }
  | { type: 'reset' }
  | { type: 'technique'; index: number }
  | { type: 'lesson'; dir: 1 | -1 }
  | { type: 'help' }
  | { type: 'close' };

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** What matters about the focused element. */
export interface FocusTarget {
  tag: string;
  type?: string | null;
  role?: string | null;
  editable?: boolean;
}

const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'datetime-local', 'month', 'time', 'week', 'color', 'file']);
const CLICKABLE_ROLES = new Set(['button', 'tab', 'checkbox', 'radio', 'switch', 'menuitem', 'option', 'link', 'slider', 'spinbutton', 'textbox', 'combobox', 'listbox']);

/** True when the focus is somewhere typing goes: no shortcut at all. */
export function isTyping(t: FocusTarget | null): boolean {
  if (!t) return false;
  const tag = t.tag.toLowerCase();
  if (t.editable) return true;
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return TEXT_INPUTS.has((t.type ?? 'text').toLowerCase());
  return t.role === 'textbox' || t.role === 'combobox' || t.role === 'spinbutton' || t.role === 'listbox';
}

/** Keys the focused element handles itself (a slider's arrows, a button's Space). */
function ownKey(t: FocusTarget | null, key: string): boolean {
  if (!t) return false;
  const tag = t.tag.toLowerCase();
  const arrow = key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown' || key === 'Home' || key === 'End';
  const slider = (tag === 'input' && t.type === 'range') || t.role === 'slider';
  if (slider) return arrow;
  if (t.role === 'tab') return arrow || key === ' ' || key === 'Enter';
  const clickable = tag === 'button' || tag === 'a' || tag === 'summary' || (tag === 'input' && ['checkbox', 'radio', 'button', 'submit', 'reset'].includes(t.type ?? '')) || (!!t.role && CLICKABLE_ROLES.has(t.role));
  return clickable && (key === ' ' || key === 'Enter');
}

export function actionFor(e: KeyPress, target: FocusTarget | null = null, helpOpen = false): Action | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (helpOpen) return e.key === 'Escape' || e.key === '?' ? { type: 'close' } : null;
  if (isTyping(target) || ownKey(target, e.key)) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return { type: 'toggle' };
    case 'ArrowRight':
      return { type: 'step', events: e.shiftKey ? JUMP_EVENTS : 1 };
    case 'ArrowLeft':
      return { type: 'step', events: e.shiftKey ? -JUMP_EVENTS : -1 };
    case '+':
    case '=':
      return { type: 'speed', dir: 1 };
    case '-':
    case '_':
      return { type: 'speed', dir: -1 };
    case 'r':
    case 'R':
      return { type: 'reset' };
    case 'n':
    case 'N':
      return { type: 'lesson', dir: 1 };
    case 'p':
    case 'P':
      return { type: 'lesson', dir: -1 };
    case '?':
      return { type: 'help' };
    default:
      if (/^[1-5]$/.test(e.key)) return { type: 'technique', index: Number(e.key) - 1 };
      return null;
  }
}

/** Playback speeds that + and - move between. */
export const SPEED_LADDER = [0.1, 0.25, 0.5, 1, 2, 5, 10] as const;

export function nextSpeed(speed: number, dir: 1 | -1): number {
  if (dir > 0) return SPEED_LADDER.find((s) => s > speed + 1e-9) ?? SPEED_LADDER[SPEED_LADDER.length - 1];
  return [...SPEED_LADDER].reverse().find((s) => s < speed - 1e-9) ?? SPEED_LADDER[0];
}

/** The event `events` steps away from t (negative: back); null when there is none in that direction. */
export function stepTime(times: ArrayLike<number>, t: number, events: number): number | null {
  if (events === 0 || times.length === 0) return null;
  // Index of the first event strictly after t.
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  if (events > 0) {
    if (lo >= times.length) return null;
    return times[Math.min(times.length - 1, lo + events - 1)];
  }
  // Events strictly before t.
  let before = lo;
  while (before > 0 && times[before - 1] >= t) before--;
  if (before === 0) return null;
  return times[Math.max(0, before + events)];
}
