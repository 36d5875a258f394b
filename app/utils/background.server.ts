/**
 * Work done after the answer is sent, so how long it takes tells the requester nothing
 * (a password reset for an existing account writes and sends a mail; for an unknown one it
 * does not). Failures are logged, never thrown at anyone.
 */
const pending = new Set<Promise<void>>();

export function runAfterResponse(work: () => Promise<unknown>): void {
  const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .then(
      () => undefined,
      (error: unknown) => console.error("Background work failed:", error),
    )
    .finally(() => pending.delete(p));
  pending.add(p);
}

/** Wait for every piece of background work started so far (tests, shutdown). */
export async function settleBackgroundWork(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
