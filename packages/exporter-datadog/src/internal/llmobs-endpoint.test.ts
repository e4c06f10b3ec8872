import { describe, expect, it } from 'vitest';
import { resolveLLMObsContext, resolveLLMObsEndpoint } from './llmobs-endpoint';
import { resolveDatadogOptions } from './resolve-options';

describe('resolveLLMObsEndpoint', () => {
  it("posts to the agent's EVP proxy: dd-trace's agent URL, else the option, else host and port", () => {
    const options = resolveDatadogOptions({ agentUrl: 'http://option:1' }, {});
    expect(resolveLLMObsEndpoint(options, { url: new URL('http://tracer:2') }, {})).toEqual({
      url: 'http://tracer:2/evp_proxy/v2/api/v2/llmobs',
      headers: { 'X-Datadog-EVP-Subdomain': 'llmobs-intake' },
    });
    expect(resolveLLMObsEndpoint(options, undefined, {}).url).toBe(
      'http://option:1/evp_proxy/v2/api/v2/llmobs',
    );
    const env = { DD_AGENT_HOST: 'agent', DD_TRACE_AGENT_PORT: '9000' };
    expect(resolveLLMObsEndpoint(resolveDatadogOptions({}, {}), undefined, env).url).toBe(
      'http://agent:9000/evp_proxy/v2/api/v2/llmobs',
    );
    expect(resolveLLMObsEndpoint(resolveDatadogOptions({}, {}), undefined, {}).url).toBe(
      'http://127.0.0.1:8126/evp_proxy/v2/api/v2/llmobs',
    );
  });

  it('says why it cannot use a Unix socket agent URL', () => {
    const endpoint = resolveLLMObsEndpoint(
      resolveDatadogOptions({}, {}),
      { url: new URL('unix:///var/run/datadog/apm.socket') },
      {},
    );
    expect(endpoint.url).toBe('http://127.0.0.1:8126/evp_proxy/v2/api/v2/llmobs');
    expect(endpoint.problem).toContain('unix:');
  });

  it('posts agentless to the intake of the site with the API key', () => {
    const options = resolveDatadogOptions({ agentless: true, apiKey: 'k', site: 'datadoghq.eu' }, {});
    expect(resolveLLMObsEndpoint(options, undefined, {})).toEqual({
      url: 'https://llmobs-intake.datadoghq.eu/api/v2/llmobs',
      headers: { 'DD-API-KEY': 'k' },
    });
  });
});

describe('resolveLLMObsContext', () => {
  it("prefers what dd-trace resolved, then the exporter's options, then DD_* variables", () => {
    const options = resolveDatadogOptions({ mlApp: 'bot', env: 'option-env' }, {});
    expect(
      resolveLLMObsContext(options, { service: 'app', env: 'prod', parsedDdTags: { team: 'ai' } }, 'x', {}),
    ).toEqual({ mlApp: 'bot', service: 'app', env: 'prod', version: undefined, globalTags: { team: 'ai' } });
    expect(
      resolveLLMObsContext(resolveDatadogOptions({}, {}), undefined, 'svc', { DD_VERSION: '2' }),
    ).toEqual({ mlApp: 'svc', service: 'svc', env: undefined, version: '2', globalTags: {} });
  });
});
