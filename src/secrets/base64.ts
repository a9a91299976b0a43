/**
 * Strict standard base64, as Go's base64.StdEncoding reads it (padding required, only CR and
 * LF ignored). Node's own decoder skips bad characters silently, which would turn a corrupted
 * value into different bytes instead of an error.
 */
const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes, or undefined when `text` is not valid standard base64. */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  return STD_BASE64.test(compact) ? Buffer.from(compact, 'base64') : undefined;
}
