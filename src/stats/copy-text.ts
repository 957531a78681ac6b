// Rows in PostgreSQL's COPY text format: the refresher writes rollups with COPY (multi-row
// INSERTs of array columns were the slowest part of a 1 M posting build).

type Value = string | number | boolean | null | ReadonlyArray<string | number>;

const escapeField = (s: string) => s.replace(/[\\\t\n\r]/g, (m) => (m === '\t' ? '\\t' : m === '\n' ? '\\n' : m === '\r' ? '\\r' : '\\\\'));

function arrayLiteral(a: ReadonlyArray<string | number>): string {
  return `{${a.map((e) => (typeof e === 'number' ? String(e) : `"${e.replace(/[\\"]/g, (m) => `\\${m}`)}"`)).join(',')}}`;
}

/** One COPY text line (with its newline) of these values. */
export function copyLine(values: readonly Value[]): string {
  return (
    values
      .map((v) => {
        if (v === null) return '\\N';
        if (typeof v === 'boolean') return v ? 't' : 'f';
        if (typeof v === 'number') return String(v);
        if (typeof v === 'string') return escapeField(v);
        return escapeField(arrayLiteral(v));
      })
      .join('\t') + '\n'
  );
}
