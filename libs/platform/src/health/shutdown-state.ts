import { Injectable } from '@nestjs/common';

/**
 * Whether the process has been told to stop. Readiness answers 503 from the moment a shutdown begins,
 * before anything is drained, so that no load balancer keeps choosing a replica that is leaving.
 */
@Injectable()
export class ShutdownState {
  private startedAt: number | null = null;

  get shuttingDown(): boolean {
    return this.startedAt !== null;
  }

  begin(now = Date.now()): void {
    this.startedAt ??= now;
  }
}
