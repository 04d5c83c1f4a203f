/** The warning colours of tasks and targets as the server sends them, and how each is drawn. */
import { colourValues } from '../../../../src/contracts/plan-progress-constants.ts';
import type { Colour } from '../../../../src/contracts/plan-progress-constants.ts';

export type { Colour };

/** The colours from the worst to the mildest, the order a filter offers them in. */
export const colours: readonly Colour[] = [...colourValues].reverse();

/** The antd tag colour for each warning colour. */
export const tagColour: Record<Colour, string> = { red: 'red', yellow: 'gold', blue: 'blue', green: 'green' };
