import type { OtlpAttributes, OtlpResource } from './otlp-span';
import { PACKAGE_VERSION } from './version';

/** What identifies the service in every exported span. */
export interface ResourceOptions {
  /** `service.name` */
  readonly serviceName: string;
  /** `service.version` */
  readonly serviceVersion?: string;
  /** `deployment.environment.name` */
  readonly environment?: string;
  /** Any further resource attributes */
  readonly attributes?: OtlpAttributes;
}

// The OTel spec caps keys and values of OTEL_RESOURCE_ATTRIBUTES at 255 characters.
const MAX_ENV_LENGTH = 255;

/**
 * `OTEL_RESOURCE_ATTRIBUTES` as the OpenTelemetry SDK reads it: `k=v` pairs
 * separated by commas, percent-decoded, trimmed; any malformed entry
 * discards the whole variable (as the spec asks).
 */
function resourceAttributesFromEnv(text: string | undefined): OtlpAttributes {
  const attributes: OtlpAttributes = {};
  if (text === undefined || text.trim() === '') return attributes;
  try {
    for (const entry of text.split(',')) {
      if (entry.trim() === '') continue;
      const parts = entry.split('=');
      if (parts.length !== 2) return {};
      const key = decodeURIComponent(parts[0]!.trim());
      const value = decodeURIComponent(parts[1]!.trim());
      if (key === '' || key.length > MAX_ENV_LENGTH || value.length > MAX_ENV_LENGTH) return {};
      attributes[key] = value;
    }
  } catch {
    return {};
  }
  return attributes;
}

/**
 * The resource of every exported span: the SDK-style defaults
 * (`telemetry.sdk.language: nodejs`, `telemetry.sdk.name: aitracing`,
 * `telemetry.sdk.version`), then `OTEL_RESOURCE_ATTRIBUTES`, then what was
 * configured explicitly (which wins; `serviceName` always does).
 * Never throws; a malformed `OTEL_RESOURCE_ATTRIBUTES` is ignored.
 */
export function createResource(
  options: ResourceOptions,
  env: Readonly<Record<string, string | undefined>> = globalThis.process?.env ?? {},
): OtlpResource {
  const attributes: OtlpAttributes = {
    'service.name': options.serviceName,
    'telemetry.sdk.language': 'nodejs',
    'telemetry.sdk.name': 'aitracing',
    'telemetry.sdk.version': PACKAGE_VERSION,
  };
  Object.assign(attributes, resourceAttributesFromEnv(env.OTEL_RESOURCE_ATTRIBUTES));
  Object.assign(attributes, options.attributes);
  attributes['service.name'] = options.serviceName;
  if (options.serviceVersion !== undefined) attributes['service.version'] = options.serviceVersion;
  if (options.environment !== undefined) attributes['deployment.environment.name'] = options.environment;
  return { attributes };
}
