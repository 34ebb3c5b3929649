// Many dots of one look as one SVG path (a circle per dot, drawn as two arcs): a trend chart
// shows hundreds of values, and one <circle> element each made the trends panel most of the
// page's elements (2,500 of 3,050 for a 50,000-event record), which every frame of the page
// then styled, painted and layerized again. Clicks find their value by position, not element.

/** One subpath per centre: a circle of `radius`, as two half-circle arcs. */
export function dotsPath(centres: readonly (readonly [number, number])[], radius: number): string {
  const r = round(radius);
  const diameter = round(2 * radius);
  let path = "";
  for (const [x, y] of centres) {
    path += `M${round(x - radius)} ${round(y)}a${r} ${r} 0 1 0 ${diameter} 0a${r} ${r} 0 1 0 -${diameter} 0`;
  }
  return path;
}

/** A tenth of a pixel: finer than a screen shows, and a shorter path. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}
