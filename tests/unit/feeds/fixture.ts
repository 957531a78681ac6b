// Reads a feed fixture (tests/fixtures/feeds) as the fetcher would hand it over: a string.
import { readFileSync } from 'node:fs';

/** The text of tests/fixtures/feeds/<name>. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
}
