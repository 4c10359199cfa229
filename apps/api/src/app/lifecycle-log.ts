import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Says in the log when a shutdown starts: requests drain, then the scheduler stops, then the store closes. */
@Injectable()
export class LifecycleLog implements BeforeApplicationShutdown {
  constructor(@Inject(Logger) private readonly logger: Logger) {}

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log(
      `shutting down${signal ? ` on ${signal}` : ''}: draining requests, then closing the store`,
    );
  }
}
