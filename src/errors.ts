/** Input the caller must fix: the API answers 400 with this message, the CLI prints it. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Work refused because too much of its kind is already waiting: the API answers 503, the caller retries later. */
export class BusyError extends Error {
  override name = 'BusyError';
}
