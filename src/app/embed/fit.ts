// The scale of an embedded view (see FitFrame.svelte): pure, so it is tested.
//
// The content is laid out at width frameW/s and scaled by s. We want the
// largest s such that the scaled height s*H(frameW/s) fits frameH, and the
// layout is at least MIN_LAYOUT_PX wide (s <= frameW/MIN_LAYOUT_PX). H depends
// on the layout width (text wraps, grids change columns), and only the page
// can measure it, one layout at a time; so the Fitter proposes a scale,
// is told the height measured at it, and narrows the bracket [fits, too big]
// until the two are within 2 %. A change of content (the same scale measured
// at another height) starts the search again.

/** Never lay the content out narrower than this (CSS px): smaller frames scale it down instead. */
export const MIN_LAYOUT_PX = 560;
export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;
/** A search gives up improving after this many measurements (it then only shrinks to fit). */
export const MAX_STEPS = 14;

export class Fitter {
  /** Latest height measured at each scale tried. */
  private seen = new Map<number, number>();
  private steps = 0;
  private lastS = NaN;
  settled = false;

  constructor(
    readonly frameW: number,
    readonly frameH: number,
  ) {}

  get cap(): number {
    return Math.max(MIN_SCALE, Math.min(MAX_SCALE, this.frameW / MIN_LAYOUT_PX));
  }

  fits(s: number, h: number): boolean {
    return s * h <= this.frameH + 0.5;
  }

  /** The content measured `h` px tall (unscaled) at scale `s`: the scale to use next. */
  next(s: number, h: number): number {
    if (this.frameW <= 0 || this.frameH <= 0 || h <= 0) return s;
    const before = this.seen.get(s);
    if (this.settled && s === this.lastS && before !== undefined && Math.abs(before - h) > 1) {
      // Settled, and the same scale now measures another height: the content changed. Search again.
      this.seen.clear();
      this.steps = 0;
    }
    this.settled = false;
    this.lastS = s;
    this.seen.set(s, h);
    this.steps++;
    let lo = 0; // largest scale measured to fit
    let hi = Infinity; // smallest scale measured not to fit
    for (const [sc, hh] of this.seen) {
      if (this.fits(sc, hh)) lo = Math.max(lo, sc);
      else hi = Math.min(hi, sc);
    }
    const ok = this.fits(s, h);
    const guess = this.frameH / h; // where it would fit if H stayed as it is
    if (this.steps > MAX_STEPS) {
      this.settled = ok;
      return ok ? s : clamp(lo > 0 ? lo : guess * 0.995);
    }
    if (ok && (s >= this.cap - 1e-9 || hi / s < 1.02)) {
      this.settled = true;
      return s;
    }
    if (!ok && lo > 0 && hi / lo < 1.02) return lo;
    let n = clamp(Math.min(this.cap, guess));
    // Keep the guess strictly inside the bracket; else bisect (geometrically).
    const inside = n > lo * 1.005 && n < hi * 0.995;
    if (!inside) n = lo > 0 && Number.isFinite(hi) ? Math.sqrt(lo * hi) : ok ? Math.min(this.cap, s * 1.5) : s * 0.7;
    return clamp(n);
  }
}

function clamp(s: number): number {
  return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
}
