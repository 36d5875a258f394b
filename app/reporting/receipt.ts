/** The receipt number of a submission, as e-mailed and shown on the receipt: State, cycle, submission. */
export function receiptNumber(stateIso3: string, cycleId: number, submissionId: number): string {
  return `${stateIso3}-${cycleId}-${String(submissionId).padStart(5, "0")}`;
}
