/** A wrong setting: scripts and the server print `message` as one line and stop. */
export class EnvError extends Error {}

/** The one sentence a wrong setting stops the start with. */
export const settingError = (name: string, why: string) =>
  new EnvError(`Invalid setting ${name}: ${why}`);
