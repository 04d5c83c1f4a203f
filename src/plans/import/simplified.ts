/**
 * Traditional → Simplified Chinese for imported documents. OpenCC also rewrites characters that are
 * correct Simplified (乾县 → 干县, 显著 → 显着), so a text is converted only when it holds a character that
 * OpenCC would change and that the Simplified character set (GB 2312) lacks: such a text is Traditional.
 */
import * as OpenCC from 'opencc-js';

let convert: OpenCC.ConverterFunction | null = null;
let simplifiedSet: Set<string> | null = null;

/** The Chinese characters of GB 2312 (rows 16–87), decoded once from their two-byte codes. */
function gb2312Characters(): Set<string> {
  if (simplifiedSet) return simplifiedSet;
  const bytes: number[] = [];
  for (let lead = 0xb0; lead <= 0xf7; lead += 1) {
    for (let trail = 0xa1; trail <= 0xfe; trail += 1) bytes.push(lead, trail);
  }
  simplifiedSet = new Set(new TextDecoder('gbk').decode(Uint8Array.from(bytes)));
  return simplifiedSet;
}

function converter(): OpenCC.ConverterFunction {
  convert ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  return convert;
}

/** True when the text holds a Traditional-only character (one OpenCC changes that GB 2312 lacks). */
export function looksTraditional(text: string): boolean {
  const simplified = gb2312Characters();
  for (const char of text) {
    if (char < '\u3400' || simplified.has(char)) continue;
    if (converter()(char) !== char) return true;
  }
  return false;
}

/** The text in Simplified characters; Simplified text is returned unchanged. */
export function toSimplified(text: string): string {
  return looksTraditional(text) ? converter()(text) : text;
}
