// The words the timeline chart shows: a stay's label cut to its band, and the tooltip for
// whatever the pointer is over (timeline-hit-test.ts finds it).
import { formatTime } from "./time-axis";
import type { Hit } from "./timeline-hit-test";
import type { TimelineEvent } from "./timeline-types";

/** A label cut to the band's width (about 6 px per character at this size). */
export function fitLabel(label: string, widthPx: number): string {
  const chars = Math.floor((widthPx - 8) / 6);
  if (chars < 3) return "";
  return label.length <= chars ? label : `${label.slice(0, chars - 1)}…`;
}

export type HitLabel = { title: string; lines: string[] };

function describeEvent(event: TimelineEvent): string[] {
  const value = event.valueNum !== null ? `${event.valueNum}` : (event.valueText ?? "");
  return [
    formatTime(event.time),
    [value.slice(0, 80), event.unit].filter(Boolean).join(" "),
    event.flag ? `flag: ${event.flag}` : "",
  ].filter(Boolean);
}

/** The tooltip's title and lines for a band, an event's mark or a density bin. */
export function describeHit(hit: Hit): HitLabel {
  if (hit.kind === "band") {
    const { band } = hit;
    return {
      title: `${band.kind}: ${band.label}`,
      lines: [`${formatTime(band.start)} → ${formatTime(band.end)}`, band.detail ?? ""].filter(Boolean),
    };
  }
  if (hit.kind === "event") return { title: `${hit.lane.label}: ${hit.event.label}`, lines: describeEvent(hit.event) };
  return {
    title: `${hit.count.toLocaleString("en-US")} ${hit.lane.label.toLowerCase()}`,
    lines: [`${formatTime(hit.start)} → ${formatTime(hit.end)}`, "Click to zoom in"],
  };
}
