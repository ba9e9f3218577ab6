"use client";

import { useEffect, useRef } from "react";

/**
 * Calls `tick` repeatedly, waiting `interval()` ms after each call finishes (so slow responses never
 * pile up). Paused while the tab is hidden; a tick runs as soon as it becomes visible again.
 * `interval` returning null stops polling until `deps` change.
 */
export function usePolling(tick: (signal: AbortSignal) => Promise<void>, interval: () => number | null, deps: unknown[]): void {
  const tickRef = useRef(tick);
  const intervalRef = useRef(interval);
  useEffect(() => {
    tickRef.current = tick;
    intervalRef.current = interval;
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let stopped = false;
    let running = false;

    const schedule = () => {
      clearTimeout(timer);
      const ms = intervalRef.current();
      if (stopped || ms == null || document.visibilityState === "hidden") return;
      timer = setTimeout(run, ms);
    };
    const run = async () => {
      if (stopped || running) return;
      running = true;
      controller = new AbortController();
      try {
        await tickRef.current(controller.signal);
      } catch {
        // A failed poll is retried on the next tick; the component keeps its last good data.
      } finally {
        running = false;
      }
      schedule();
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") void run();
      else clearTimeout(timer);
    };

    schedule();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
