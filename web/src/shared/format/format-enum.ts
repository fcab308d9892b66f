/** "LEVEL_MISMATCH" → "Level mismatch". */
export function formatEnum(value: string): string {
  const words = value.toLowerCase().split('_');
  return words.map((word, index) => (index === 0 ? word[0].toUpperCase() + word.slice(1) : word)).join(' ');
}
