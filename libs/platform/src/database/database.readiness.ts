import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withTimeout, type ReadinessCheck } from '../health/readiness-check';

/** `/health/ready`: Postgres answers a query. */
@Injectable()
export class DatabaseReadiness implements ReadinessCheck {
  readonly name = 'postgres';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    await withTimeout(this.dataSource.query('SELECT 1'), 3_000, 'Postgres');
  }
}
