/** What decides which attempt a delivery row reflects. */
export interface AttemptRank {
  attempt: number;
  startedAt: string;
  attemptId: string;
}

/**
 * Higher attempt number wins; on a tie the later start; then the attempt id, so the choice
 * never depends on arrival order. The upsert in `projection.repository.ts` applies the same order.
 */
export function isLaterAttempt(candidate: AttemptRank, current: AttemptRank): boolean {
  if (candidate.attempt !== current.attempt) {
    return candidate.attempt > current.attempt;
  }
  const candidateStart = Date.parse(candidate.startedAt);
  const currentStart = Date.parse(current.startedAt);
  if (candidateStart !== currentStart) {
    return candidateStart > currentStart;
  }
  return candidate.attemptId > current.attemptId;
}

export function latestAttempt<T extends AttemptRank>(attempts: readonly [T, ...T[]]): T {
  return attempts.reduce((latest, attempt) => (isLaterAttempt(attempt, latest) ? attempt : latest));
}
