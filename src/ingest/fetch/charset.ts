import iconv from 'iconv-lite';

// Turns body bytes into text. Precedence follows the HTML spec: byte-order mark, then the
// Content-Type charset, then <meta> (or the XML declaration), then UTF-8.

// Labels the WHATWG Encoding Standard maps to windows-1252: browsers decode "ISO-8859-1" pages as
// windows-1252, and real pages rely on it for curly quotes and euro signs in 0x80-0x9F.
const WINDOWS_1252_ALIASES = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp1252', 'x-cp1252', 'cp819', 'ibm819']);
const SHIFT_JIS_ALIASES = new Set(['shift_jis', 'shift-jis', 'sjis', 'x-sjis', 'ms_kanji', 'csshiftjis', 'windows-31j', 'ms932', 'cp932']);

/** Maps a charset label to a name iconv-lite decodes, or null when it is unknown. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return null;
  if (WINDOWS_1252_ALIASES.has(l)) return 'windows-1252';
  if (SHIFT_JIS_ALIASES.has(l)) return 'shift_jis';
  if (l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  return iconv.encodingExists(l) ? l : null;
}

/** The charset parameter of a Content-Type header, normalised, or null. */
export function charsetFromContentType(contentType: string | null): string | null {
  const match = contentType ? /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType) : null;
  return normalizeCharset(match?.[2]);
}

function charsetFromBom(bytes: Buffer): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The charset declared inside the document: <meta charset>, <meta http-equiv> or <?xml encoding?>. */
export function charsetFromDocument(bytes: Buffer): string | null {
  // Declarations must sit near the top (the HTML prescan reads 1024 bytes; be a little lenient).
  const head = bytes.subarray(0, 4096).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head);
  if (xml) return normalizeCharset(xml[1]);
  const meta = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  const found = normalizeCharset(meta?.[1]);
  // A <meta> that claims UTF-16 was just read as ASCII, so it cannot be true (HTML spec).
  return found?.startsWith('utf-16') ? 'utf-8' : found;
}

/** Decodes a body by BOM, then header charset, then in-document declaration, then UTF-8. */
export function decodeBody(bytes: Buffer, contentType: string | null): { text: string; charset: string } {
  const charset = charsetFromBom(bytes) ?? charsetFromContentType(contentType) ?? charsetFromDocument(bytes) ?? 'utf-8';
  // iconv-lite strips a matching BOM by default.
  return { text: iconv.decode(bytes, charset), charset };
}
