/** LIKE patterns built from what a user typed, with the wildcard characters taken literally. */

/** Escapes `%`, `_` and the escape character itself for a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** A LIKE pattern matching values that contain `text`. */
export function containing(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern matching values that start with `text`. */
export function startingWith(text: string): string {
  return `${escapeLike(text)}%`;
}
