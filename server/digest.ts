/**
 * The focal points' daily hand-over digest in the server: checked every 10 minutes (and once at
 * start); `run` sends it once per UTC day at or after DIGEST_HOUR_UTC, and stores the day, so
 * a restart never sends it twice (app/reporting/digest.server.ts). Off with DIGEST_ENABLED=false.
 */
export function startDigestSchedule(
  s: { enabled: boolean; hourUtc: number },
  run: (hour: number) => Promise<{ ran: boolean; sent: { to: string; paragraphs: number }[] }>,
  log: (line: string) => void,
): { stop: () => Promise<void> } {
  if (!s.enabled) {
    log("digest: off (DIGEST_ENABLED=false)");
    return { stop: async () => {} };
  }
  log(`digest: once a day at ${String(s.hourUtc).padStart(2, "0")}:00 UTC`);
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = run(s.hourUtc)
      .then((r) => {
        if (r.ran) log(`digest: sent ${r.sent.length} e-mail(s)${r.sent.length ? ` (${r.sent.map((x) => `${x.to}: ${x.paragraphs} paragraph(s)`).join("; ")})` : ""}`);
      })
      .catch((error: unknown) => log(`digest FAILED: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, 5_000);
  first.unref();
  const timer = setInterval(tick, 10 * 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      if (running) await running;
    },
  };
}
