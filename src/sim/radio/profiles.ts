// The phone's radio, per kind (network.radio): its promotion out of idle,
// its tail after the last packet (one stage, or 3G's DCH then FACH), its mean
// idle power and the energy per bit while moving data. Every figure is from
// one measurement, so the three kinds compare like with like: Huang et al.,
// "A Close Examination of Performance and Power Characteristics of 4G LTE
// Networks", MobiSys 2012, Table 3 (state powers and timers, above the
// screen-off base of 11.4 mW) and Table 4 (alpha_u, alpha_d: mW per Mbit/s).
// Idle is a DRX cycle: its "on" power for its on time every period, averaged.

import type { RadioKind } from './support';

export interface TailStage {
  /** How long the radio stays in this stage after the last packet (µs). */
  us: number;
  mw: number;
}

export interface RadioProfile {
  kind: RadioKind;
  /** Promotion from idle to connected: its time (µs) and power. */
  promotionUs: number;
  promotionMw: number;
  /** After the last packet: stage 1 (LTE's tail, 3G's DCH, Wi-Fi's tail), then stage 2 (3G's FACH; 0 µs elsewhere). */
  tail: readonly [TailStage, TailStage];
  /** Mean power while idle (the DRX or beacon cycle averaged). */
  idleMw: number;
  /** Energy per Mbit moved, up and down (mW per Mbit/s = mJ per Mbit). */
  upMjPerMbit: number;
  downMjPerMbit: number;
}

/** The mean of a cycle that draws `onMw` for `onMs` every `periodMs`. */
const duty = (onMw: number, onMs: number, periodMs: number): number => (onMw * onMs) / periodMs;

export const RADIO_PROFILES: Readonly<Record<RadioKind, RadioProfile>> = {
  lte: {
    kind: 'lte',
    promotionUs: 260_100,
    promotionMw: 1210.7,
    tail: [
      { us: 11_576_000, mw: 1060.0 },
      { us: 0, mw: 0 },
    ],
    // RRC_IDLE DRX: 594.3 mW on for 43.2 ms every 1,280.2 ms.
    idleMw: duty(594.3, 43.2, 1280.2),
    upMjPerMbit: 438.39,
    downMjPerMbit: 51.97,
  },
  '3g': {
    kind: '3g',
    promotionUs: 582_100,
    promotionMw: 659.4,
    tail: [
      { us: 8_088_200, mw: 803.9 },
      { us: 824_200, mw: 601.3 },
    ],
    // Idle DRX: 374.2 mW on for 55.4 ms every 5,112.4 ms.
    idleMw: duty(374.2, 55.4, 5112.4),
    upMjPerMbit: 868.98,
    downMjPerMbit: 122.12,
  },
  wifi: {
    kind: 'wifi',
    promotionUs: 79_100,
    promotionMw: 124.4,
    tail: [
      { us: 238_100, mw: 119.3 },
      { us: 0, mw: 0 },
    ],
    // Power-save mode: a beacon of 77.2 mW for 7.6 ms every 308.2 ms.
    idleMw: duty(77.2, 7.6, 308.2),
    upMjPerMbit: 283.17,
    downMjPerMbit: 137.01,
  },
};
