/** Time comes in through this so tests drive it; nothing below services reads the system clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
