/** Thrown only when a page has nothing usable at all (empty, binary); bad HTML never throws. */
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}
