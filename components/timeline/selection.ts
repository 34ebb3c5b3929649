// The selected event, shared by the timeline, the table, the trends and the notes: enough
// to find it anywhere (its time places it, its category picks its lane).
import type { EventCategory } from "@/lib/ehr/timeline/timeline-types";

export type Selection = {
  id: string;
  time: number;
  category: EventCategory;
  /** Which panel chose it: that panel needs no scrolling, the others go and find it. */
  origin?: "timeline" | "table" | "trend" | "note";
};
