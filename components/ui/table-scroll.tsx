import type { ReactNode } from "react";

/**
 * A table wider than the screen scrolls inside this box, never the page (at 768 px the
 * wider tables need it). Focusable, so a keyboard can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="max-w-full overflow-x-auto">
      {children}
    </div>
  );
}
