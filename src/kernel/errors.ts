/**
 * Named application errors. Every refusal the platform makes is one of these: a stable machine code,
 * an HTTP status, a message in Chinese and English that says what to do, and the field it concerns.
 * The server renders them as `{ error: { code, message, field? } }`; the CLI prints the message.
 */

/** A message in both interface languages. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** The stable error codes and the HTTP status each one maps to. */
export const errorStatus = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  /** Figures far from their own history, filed without confirmation; `fields` names every one flagged. */
  outliers_unconfirmed: 422,
  locked: 429,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

/** One of the stable error codes. */
export type ErrorCode = keyof typeof errorStatus;

/** An expected failure that is shown to the user as it is. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly text: LocalizedText;
  readonly field: string | undefined;
  /** Every field concerned, when a refusal names several (the first is `field`). */
  readonly fields: string[] | undefined;

  constructor(code: ErrorCode, text: LocalizedText, field?: string, fields?: string[]) {
    super(text.en);
    this.name = 'AppError';
    this.code = code;
    this.text = text;
    this.field = field;
    this.fields = fields;
  }

  /** The HTTP status for this error's code. */
  get status(): number {
    return errorStatus[this.code];
  }
}

/** Input that is malformed: wrong type, too long, unknown field. */
export function invalidInput(field: string, text: LocalizedText): AppError {
  return new AppError('invalid_input', text, field);
}

/** Input that is well-formed but breaks a rule of the domain (bad checksum, unknown region). */
export function unprocessable(field: string | undefined, text: LocalizedText): AppError {
  return new AppError('unprocessable', text, field);
}

/** Figures flagged as far from their own history and not confirmed: refused until the filer confirms them. */
export function outliersUnconfirmed(fields: string[], text: LocalizedText): AppError {
  return new AppError('outliers_unconfirmed', text, fields[0], fields);
}

/** Something that does not exist, or that the actor may not know exists. */
export function notFound(what: LocalizedText): AppError {
  return new AppError('not_found', {
    zh: `未找到${what.zh}，或您无权查看。`,
    en: `${what.en} not found, or you may not see it.`,
  });
}

/** The actor is known but the action is outside their roles or jurisdiction. */
export function forbidden(text?: LocalizedText): AppError {
  return new AppError(
    'forbidden',
    text ?? { zh: '您没有执行此操作的权限。', en: 'You do not have permission to do this.' },
  );
}

/** The request needs a signed-in user. */
export function unauthenticated(): AppError {
  return new AppError('unauthenticated', { zh: '请先登录。', en: 'Please sign in first.' });
}

/** The change collides with existing data (duplicate name, stale version). */
export function conflict(field: string | undefined, text: LocalizedText): AppError {
  return new AppError('conflict', text, field);
}

const bilingualSeparator = ' ¦ ';

/**
 * A message for a schema refinement in both languages. Zod carries one string per issue, so the two are
 * joined and the error handler picks the requested one with `pickLanguage`.
 */
export function bilingual(zh: string, en: string): string {
  return `${zh}${bilingualSeparator}${en}`;
}

/** The part of a `bilingual` message in the given language (the message itself when it is not bilingual). */
export function pickLanguage(message: string, language: 'zh' | 'en'): string {
  const [zh, en] = message.split(bilingualSeparator);
  if (en === undefined) return message;
  return language === 'zh' ? (zh ?? message) : en;
}
