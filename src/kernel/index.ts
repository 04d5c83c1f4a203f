/** The IO-free kernel: pure rules and value types shared by every domain. */
export * from './errors.ts';
export * from './actor.ts';
export * from './region-code.ts';
export * from './resident-id.ts';
export * from './credit-code.ts';
export * from './periods.ts';
export * from './money.ts';
export * from './masking.ts';
