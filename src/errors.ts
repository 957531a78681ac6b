/** Input the caller must fix: the API answers 400 with this message, the CLI prints it. */
export class InputError extends Error {
  override name = 'InputError';
}
