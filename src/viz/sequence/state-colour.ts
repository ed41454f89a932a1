// Light fills for machine-state bands. The state's name is always written in
// its band, so the tint only helps the eye; the same name gets the same tint.

const TINTS = ['#dbeafe', '#fde68a', '#d1fae5', '#fbcfe8', '#e5e7eb', '#fed7aa', '#cffafe', '#ede9fe'];

export function stateTint(state: string): string {
  if (state === 'open' || state.startsWith('streaming')) return '#d1fae5';
  if (state === 'closed' || state === 'stopped' || state === 'idle') return '#f3f4f6';
  let h = 0;
  for (let i = 0; i < state.length; i++) h = (h * 31 + state.charCodeAt(i)) >>> 0;
  return TINTS[h % TINTS.length];
}
