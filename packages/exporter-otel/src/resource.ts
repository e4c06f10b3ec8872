import type { Attributes } from '@opentelemetry/api';
import {
  defaultResource,
  detectResources,
  envDetector,
  type Resource,
  resourceFromAttributes,
} from '@opentelemetry/resources';

/** What identifies the service in every exported span. */
export interface ResourceOptions {
  /** `service.name` */
  readonly serviceName: string;
  /** `service.version` */
  readonly serviceVersion?: string;
  /** `deployment.environment.name` */
  readonly environment?: string;
  /** Any further resource attributes */
  readonly attributes?: Attributes;
}

/**
 * The OTel resource: SDK defaults, then `OTEL_RESOURCE_ATTRIBUTES` /
 * `OTEL_SERVICE_NAME`, then what was configured explicitly (which wins).
 */
export function createResource(options: ResourceOptions): Resource {
  const explicit: Attributes = { ...options.attributes, 'service.name': options.serviceName };
  if (options.serviceVersion !== undefined) explicit['service.version'] = options.serviceVersion;
  if (options.environment !== undefined) explicit['deployment.environment.name'] = options.environment;
  return defaultResource()
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(resourceFromAttributes(explicit));
}
