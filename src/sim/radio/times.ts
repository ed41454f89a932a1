// What the engine keeps of the clients' radios (network.radio): time in each
// state and wake-ups, as integers so that shards of clients add exactly.
// The radio itself (./activity.ts, ./energy.ts) is a part loaded on demand.

/** Time in each state, summed over clients (µs), and wake-ups out of idle. */
export interface RadioTimes {
  idleUs: number;
  promotionUs: number;
  tailUs: number;
  /** 3G's second stage (FACH); 0 for one-stage tails. */
  fachUs: number;
  wakeups: number;
}

export const noRadioTimes = (): RadioTimes => ({ idleUs: 0, promotionUs: 0, tailUs: 0, fachUs: 0, wakeups: 0 });
