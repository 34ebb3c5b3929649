// A tiny seeded PRNG so bootstrap intervals are reproducible: the same data and seed always
// give the same interval, which a review report must (Math.random cannot be seeded).

/**
 * mulberry32 (Tommy Ettinger's public-domain 32-bit generator): one 32-bit state, period 2³²,
 * good enough statistical quality for resampling, and identical on every JS engine because it
 * only uses 32-bit integer operations. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
