/**
 * Errors of the rules language. A rule that cannot be read or does not type-check is refused with the
 * place in its text (line and column, counted from 1) and the reason in Chinese and English.
 */
import { AppError, type LocalizedText } from '../kernel/errors.ts';

/** A place in a rule's text. */
export interface SourcePosition {
  offset: number;
  line: number;
  column: number;
}

/** The line and column of `offset` in `source`. */
export function positionOf(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < source.length; index++) {
    if (source[index] === '\n') {
      line++;
      lineStart = index + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** A rule refused by the lexer, the parser or the type checker. */
export class RuleError extends AppError {
  readonly position: SourcePosition;
  readonly reason: LocalizedText;

  constructor(source: string, offset: number, reason: LocalizedText, field?: string) {
    const position = positionOf(source, offset);
    super(
      'unprocessable',
      {
        zh: `规则第 ${position.line} 行第 ${position.column} 列：${reason.zh}`,
        en: `rule line ${position.line}, column ${position.column}: ${reason.en}`,
      },
      field,
    );
    this.name = 'RuleError';
    this.position = position;
    this.reason = reason;
  }
}
