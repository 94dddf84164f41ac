/**
 * Text from the cloud made safe for the status bar and quick picks, which render `$(icon)` syntax: no icons,
 * no control or direction characters, and short. Notifications never get such text at all (they render links).
 */
export function inertText(text: string, max = 80): string {
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\$\(/g, '$\u200b(');
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
