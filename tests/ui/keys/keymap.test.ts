// The keyboard map: each shortcut, nothing while typing, a slider keeps its
// arrows and a button its Space, no shortcut with Ctrl/Alt/Meta; the speed
// ladder and event stepping.
import { describe, expect, it } from 'vitest';
import { actionFor, isTyping, JUMP_EVENTS, nextSpeed, SPEED_LADDER, stepTime } from '../../../src/app/keys/keymap';

const body = { tag: 'BODY' };

describe('actionFor', () => {
  it('maps every shortcut', () => {
    expect(actionFor({ key: ' ' }, body)).toEqual({ type: 'toggle' });
    expect(actionFor({ key: 'ArrowRight' }, body)).toEqual({ type: 'step', events: 1 });
    expect(actionFor({ key: 'ArrowLeft' }, body)).toEqual({ type: 'step', events: -1 });
    expect(actionFor({ key: 'ArrowRight', shiftKey: true }, body)).toEqual({ type: 'step', events: JUMP_EVENTS });
    expect(actionFor({ key: 'ArrowLeft', shiftKey: true }, body)).toEqual({ type: 'step', events: -JUMP_EVENTS });
    expect(actionFor({ key: '+' }, body)).toEqual({ type: 'speed', dir: 1 });
    expect(actionFor({ key: '=' }, body)).toEqual({ type: 'speed', dir: 1 });
    expect(actionFor({ key: '-' }, body)).toEqual({ type: 'speed', dir: -1 });
    expect(actionFor({ key: 'r' }, body)).toEqual({ type: 'reset' });
    expect(actionFor({ key: 'R', shiftKey: true }, body)).toEqual({ type: 'reset' });
    for (let i = 1; i <= 5; i++) expect(actionFor({ key: String(i) }, body)).toEqual({ type: 'technique', index: i - 1 });
    expect(actionFor({ key: '6' }, body)).toBeNull();
    expect(actionFor({ key: '?', shiftKey: true }, body)).toEqual({ type: 'help' });
    expect(actionFor({ key: 'x' }, body)).toBeNull();
    expect(actionFor({ key: ' ' }, null)).toEqual({ type: 'toggle' });
  });

  it('leaves browser and system shortcuts alone', () => {
    expect(actionFor({ key: 'r', ctrlKey: true }, body)).toBeNull();
    expect(actionFor({ key: 'r', metaKey: true }, body)).toBeNull();
    expect(actionFor({ key: 'ArrowLeft', altKey: true }, body)).toBeNull();
    expect(actionFor({ key: '+', ctrlKey: true }, body)).toBeNull();
  });

  it('does nothing while typing', () => {
    const fields = [
      { tag: 'INPUT', type: 'text' },
      { tag: 'INPUT', type: 'number' },
      { tag: 'INPUT', type: 'search' },
      { tag: 'TEXTAREA' },
      { tag: 'SELECT' },
      { tag: 'DIV', editable: true },
      { tag: 'DIV', role: 'textbox' },
    ];
    for (const f of fields) {
      for (const key of [' ', 'ArrowRight', 'r', '1', '+', '-', '?']) expect(actionFor({ key }, f), `${JSON.stringify(f)} ${key}`).toBeNull();
      expect(isTyping(f)).toBe(true);
    }
    expect(isTyping({ tag: 'INPUT', type: 'range' })).toBe(false);
    expect(isTyping({ tag: 'BUTTON' })).toBe(false);
  });

  it('keeps a slider’s arrows and a button’s Space', () => {
    const range = { tag: 'INPUT', type: 'range' };
    expect(actionFor({ key: 'ArrowRight' }, range)).toBeNull();
    expect(actionFor({ key: 'ArrowLeft', shiftKey: true }, range)).toBeNull();
    expect(actionFor({ key: ' ' }, range)).toEqual({ type: 'toggle' });
    expect(actionFor({ key: 'r' }, range)).toEqual({ type: 'reset' });
    const button = { tag: 'BUTTON' };
    expect(actionFor({ key: ' ' }, button)).toBeNull();
    expect(actionFor({ key: 'ArrowRight' }, button)).toEqual({ type: 'step', events: 1 });
    const tab = { tag: 'BUTTON', role: 'tab' };
    expect(actionFor({ key: 'ArrowRight' }, tab)).toBeNull();
    const arrow = { tag: 'g', role: 'button' };
    expect(actionFor({ key: ' ' }, arrow)).toBeNull();
    expect(actionFor({ key: 'ArrowLeft' }, arrow)).toEqual({ type: 'step', events: -1 });
  });

  it('with the help open, only Escape and ? (close) do anything', () => {
    expect(actionFor({ key: 'Escape' }, body, true)).toEqual({ type: 'close' });
    expect(actionFor({ key: '?' }, body, true)).toEqual({ type: 'close' });
    expect(actionFor({ key: ' ' }, body, true)).toBeNull();
    expect(actionFor({ key: 'Escape' }, body, false)).toBeNull();
  });
});

describe('nextSpeed', () => {
  it('walks the ladder and stops at its ends', () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(1, -1)).toBe(0.5);
    expect(nextSpeed(10, 1)).toBe(10);
    expect(nextSpeed(0.1, -1)).toBe(0.1);
    // From a speed between rungs (set with the slider), to the next rung.
    expect(nextSpeed(1.3, 1)).toBe(2);
    expect(nextSpeed(1.3, -1)).toBe(1);
    expect(SPEED_LADDER[0]).toBe(0.1);
  });
});

describe('stepTime', () => {
  const times = Float64Array.from([10, 20, 30, 40, 50]);
  it('steps to the next and previous event', () => {
    expect(stepTime(times, 0, 1)).toBe(10);
    expect(stepTime(times, 10, 1)).toBe(20);
    expect(stepTime(times, 15, 1)).toBe(20);
    expect(stepTime(times, 20, -1)).toBe(10);
    expect(stepTime(times, 25, -1)).toBe(20);
    expect(stepTime(times, 50, 1)).toBeNull();
    expect(stepTime(times, 10, -1)).toBeNull();
  });
  it('jumps several events, stopping at the ends', () => {
    expect(stepTime(times, 0, 3)).toBe(30);
    expect(stepTime(times, 0, 10)).toBe(50);
    expect(stepTime(times, 50, -3)).toBe(20);
    expect(stepTime(times, 45, -10)).toBe(10);
    expect(stepTime(new Float64Array(), 0, 1)).toBeNull();
  });
});
