/**
 * How facts are held in columns for batch evaluation: every value is a number in a Float64Array.
 * Numbers, months and money (fen) are themselves; dates are day numbers; booleans are 0, 1, or 2 when
 * missing; any other missing value is NaN. Strings and enum values share one dictionary: text that is a
 * plain whole number (no sign, no leading zero, at most 15 digits: ids and county codes) is that number,
 * other text is a negative dictionary code, so equal text is an equal number and no string is made per
 * row for such columns. A list of enum values is a bit mask of the values' positions.
 */

/** The code of a missing boolean in a column (other missing values are NaN). */
export const missingBoolean = 2;

/** Strings to numbers and back, shared by a run's columns and compiled rules. */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  private readonly texts: string[] = [];

  /** The number that stands for `text`. */
  encode(text: string): number {
    if (/^(0|[1-9]\d{0,14})$/.test(text)) return Number(text);
    let code = this.codes.get(text);
    if (code === undefined) {
      this.texts.push(text);
      code = -this.texts.length;
      this.codes.set(text, code);
    }
    return code;
  }

  /** The texts coded so far, in code order (code -1 first): with `Dictionary.of`, another thread's equal copy. */
  entries(): string[] {
    return [...this.texts];
  }

  /** A dictionary that codes the `texts` (from `entries()`) as the one they came from did. */
  static of(texts: string[]): Dictionary {
    const dictionary = new Dictionary();
    for (const text of texts) dictionary.encode(text);
    return dictionary;
  }

  /** The text a number stands for. */
  decode(code: number): string {
    return code >= 0 ? String(code) : (this.texts[-code - 1] as string);
  }
}
