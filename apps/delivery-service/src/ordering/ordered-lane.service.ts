import { Injectable, Logger } from '@nestjs/common';
import { OutputSink, type TopicBatch, type TopicPartition } from '@hookline/kafka';
import { DeliveryService, attemptedOutputs } from '../pipeline/delivery.service';
import { DeliveryMetrics } from '../metrics/delivery.metrics';
import type { RetryTask } from '../pipeline/retry-task';
import { RoutingService } from '../routing/routing.service';
import { OrderedLane, type LaneStep } from './ordered-lane';
import { orderedLaneBatch } from './ordered-lane-batch';

/** One `OrderedLane` per partition of `hookline.deliveries.v1` this process holds. */
@Injectable()
export class OrderedLaneService {
  private readonly logger = new Logger(OrderedLaneService.name);
  private readonly lanes = new Map<string, OrderedLane>();

  constructor(
    private readonly routing: RoutingService,
    private readonly deliveries: DeliveryService,
    private readonly sink: OutputSink,
    metrics: DeliveryMetrics,
  ) {
    metrics.watchOrderedHeld(() => [...this.lanes.values()].reduce((sum, lane) => sum + lane.waiting, 0));
  }

  accept(at: TopicPartition, task: RetryTask, offset: string): Promise<void> {
    return this.laneOf(at).accept(task, offset);
  }

  reset(partitions: TopicPartition[] | 'all'): void {
    const keys = partitions === 'all' ? [...this.lanes.keys()] : partitions.map(laneKey);
    for (const key of keys) {
      this.lanes.get(key)?.close();
      this.lanes.delete(key);
    }
  }

  private laneOf(at: TopicPartition): OrderedLane {
    const key = laneKey(at);
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = new OrderedLane({
        run: (task) => this.run(task),
        publish: (outputs, copies) =>
          this.sink.publish(copies.length > 0 ? [...outputs, orderedLaneBatch(copies)] : outputs),
        log: this.logger,
      });
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /** One step of the first delivery of a subject; retries stay in the lane instead of the tiers. */
  private async run(task: RetryTask): Promise<LaneStep> {
    const admitted = this.deliveries.admit(
      task,
      this.routing.webhook(task.webhookId),
      'its pending deliveries',
    );
    if (admitted.kind === 'finished') {
      return admitted;
    }
    const job = admitted.job;
    const step = await this.deliveries.attempt(job);
    if (step.kind === 'deferred') {
      if (step.notice !== null) {
        await this.noteHold(step.notice);
      }
      return { kind: 'deferred', dueAtMs: step.dueAtMs };
    }
    const outputs = attemptedOutputs(step);
    if (step.next.kind !== 'retry') {
      return { kind: 'finished', outputs };
    }
    return {
      kind: 'retry',
      outputs,
      task: this.deliveries.taskAfter(job, job.attempt + 1, step.next.dueAtMs),
    };
  }

  /** The hold only informs the log: the lane keeps its place whether or not the notice is written. */
  private async noteHold(notice: TopicBatch): Promise<void> {
    try {
      await this.sink.publish([notice]);
    } catch (error) {
      this.logger.warn(`hold notice not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function laneKey({ topic, partition }: TopicPartition): string {
  return `${topic}|${partition}`;
}
