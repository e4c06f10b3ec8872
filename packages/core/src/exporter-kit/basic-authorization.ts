/**
 * An HTTP Basic `authorization` header value for `user:password`, UTF-8
 * encoded, through `btoa` (every runtime has it; `Buffer` only Node's).
 *
 * @example
 * ```ts
 * headers.authorization = basicAuthorization(publicKey, secretKey); // 'Basic cGstbGYt...'
 * ```
 */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (let index = 0; index < bytes.length; index++) binary += String.fromCharCode(bytes[index] as number);
  return `Basic ${btoa(binary)}`;
}
