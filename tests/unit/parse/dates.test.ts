import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../../../src/ingest/parse/dates.ts';

const at = new Date('2026-11-20T12:00:00Z');

describe('toIsoDate', () => {
  it.each([
    ['2026-07-16T11:55:32-04:00', '2026-07-16'],
    ['2026-11-03', '2026-11-03'],
    ['July 15, 2026', '2026-07-15'],
    ['15 Jul 2026', '2026-07-15'],
    ['12 November 2026', '2026-11-12'],
    ['07/15/2026', '2026-07-15'],
    ['31/12/2026', '2026-12-31'],
    ['15.07.2026', '2026-07-15'],
    ['Posted 3 days ago', '2026-11-17'],
    ['Posted 30+ Days Ago', '2026-10-21'],
    ['a week ago', '2026-11-13'],
    ['Posted Today', '2026-11-20'],
    ['yesterday', '2026-11-19'],
    ['vor 2 Tagen', '2026-11-18'],
    ['5 hours ago', '2026-11-20'],
  ])('%s', (text, expected) => expect(toIsoDate(text, at)).toBe(expected));

  it.each(['', 'soon', '2026-13-45', '31/02/2026', null, {}])('rejects %j', (v) => expect(toIsoDate(v, at)).toBeNull());

  it('reads epoch seconds and milliseconds', () => {
    expect(toIsoDate(1_763_640_000, at)).toBe('2025-11-20');
    expect(toIsoDate(1_763_640_000_000, at)).toBe('2025-11-20');
  });
});
