/**
 * Text from outside (a file name, a provider's answer) made safe to show: control characters, which
 * would break a header or drive a terminal (escape sequences), become visible `\xNN` escapes.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}
