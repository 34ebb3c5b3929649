"use client";

// Time spent on a rating: counted only while the tab is visible, added to what earlier
// sessions recorded. A ref, so the clock ticking never re-renders the form.
import { useEffect, useRef } from "react";

export function useActiveTime(initialMs: number) {
  const spent = useRef(initialMs);
  useEffect(() => {
    let last = Date.now();
    let wasVisible = document.visibilityState === "visible";
    // Each tick counts the time since the last one if the tab was visible during it.
    const tick = () => {
      const now = Date.now();
      if (wasVisible) spent.current += now - last;
      last = now;
      wasVisible = document.visibilityState === "visible";
    };
    const timer = window.setInterval(tick, 1_000);
    document.addEventListener("visibilitychange", tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, []);
  return spent;
}
