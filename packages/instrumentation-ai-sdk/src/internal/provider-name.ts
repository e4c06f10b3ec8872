/**
 * The provider name core's cost estimator and the exporters expect: the AI
 * SDK reports `openai.chat`, `openai.responses`, `anthropic.messages`, …;
 * the part before the first dot names the provider.
 */
export function providerName(sdkProvider: unknown): string | undefined {
  if (typeof sdkProvider !== 'string' || sdkProvider === '') return undefined;
  const dot = sdkProvider.indexOf('.');
  return dot > 0 ? sdkProvider.slice(0, dot) : sdkProvider;
}
