import { Controller, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Endpoint } from '../routes/endpoint.decorator';
import { API_METRICS, type ApiMetrics } from './metrics';

/** `GET /metrics`: Prometheus text format from the API's own registry. */
@Controller()
export class MetricsController {
  constructor(@Inject(API_METRICS) private readonly metrics: ApiMetrics) {}

  @Endpoint('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
