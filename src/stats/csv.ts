// CSV (RFC 4180) of the `data` rows every table endpoint returns.

type Cell = string | number | boolean | null | undefined;

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote fields with separators, quotes or line breaks; a leading = + - @ is neutralised so a
  // spreadsheet does not run it as a formula (company names come from the web).
  const safe = /^[=+\-@\t\r]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The rows as CSV with a header line of `columns` (CRLF line ends, as the RFC says). */
export function toCsv(columns: readonly string[], rows: readonly object[]): string {
  const lines = [columns.map((c) => cell(c)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell((r as Record<string, unknown>)[c] as Cell)).join(','));
  return lines.join('\r\n') + '\r\n';
}
