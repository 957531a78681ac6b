import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { listRetagRuns, retagPostings } from '../admin/retag.ts';
import { changeTaxonomy } from '../admin/taxonomy-edits.ts';
import { loadDefaultTaxonomy, loadTaxonomy } from '../classify/index.ts';
import type { TaggerSkill } from '../classify/index.ts';
import { loadConfig } from '../config.ts';
import { createSql } from '../db/sql.ts';
import type { Sql } from '../db/sql.ts';
import { InputError } from '../errors.ts';
import { printJson as print, readStdin } from './io.ts';

const USAGE = `usage:
  roleradar taxonomy export                  print the stored taxonomy as JSON (edit it, then import)
  roleradar taxonomy import <file|->         replace the stored taxonomy with a JSON file
  roleradar taxonomy reset                   go back to the shipped default taxonomy
  roleradar taxonomy add-skill <id> --name N --category C [--alias A]...   add or replace a skill
  roleradar taxonomy remove-skill <id>
  roleradar taxonomy retag                   re-tag stored postings with the stored taxonomy now
  roleradar taxonomy runs                    re-tag history with per-tag changes
After a change, run \`roleradar taxonomy retag\` (or let the workers do it: the API queues it).`;

async function readJson(path: string): Promise<unknown> {
  const text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: not JSON (${(err as Error).message})`);
  }
}

// Progress on stderr in a terminal only: output stays machine-readable.
async function retag(sql: Sql): Promise<void> {
  const taxonomy = await loadTaxonomy(sql);
  const tty = process.stderr.isTTY;
  const report = await retagPostings(sql, taxonomy, { onProgress: (done, total) => tty && process.stderr.write(`\rre-tagged ${done} of ${total}`) });
  if (tty) process.stderr.write('\n');
  print(report);
}

/** `roleradar taxonomy ...`: change the taxonomy without touching code, and re-tag. */
export async function runTaxonomy(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, category: { type: 'string' }, alias: { type: 'string', multiple: true } },
  });
  const [sub, arg] = positionals;
  const config = loadConfig();
  const sql = createSql(config.DATABASE_URL, { max: 2 });
  try {
    switch (sub) {
      case 'export':
        print(await loadTaxonomy(sql));
        return 0;
      case 'import':
        if (!arg) throw new InputError(USAGE);
        print(await changeTaxonomy(sql, { op: 'replace', taxonomy: await readJson(arg) }).then(({ before, after }) => ({ before, after })));
        return 0;
      case 'reset':
        print(await changeTaxonomy(sql, { op: 'replace', taxonomy: loadDefaultTaxonomy() }).then(({ before, after }) => ({ before, after })));
        return 0;
      case 'add-skill': {
        if (!arg || !values.name || !values.category) throw new InputError(USAGE);
        const skill: TaggerSkill = { id: arg, name: values.name, category: values.category, aliases: values.alias ?? [] };
        print(await changeTaxonomy(sql, { op: 'put-skill', skill }).then(({ before, after }) => ({ before, after })));
        return 0;
      }
      case 'remove-skill':
        if (!arg) throw new InputError(USAGE);
        print(await changeTaxonomy(sql, { op: 'remove-skill', id: arg }).then(({ before, after }) => ({ before, after })));
        return 0;
      case 'retag':
        await retag(sql);
        return 0;
      case 'runs':
        print(await listRetagRuns(sql));
        return 0;
      default:
        throw new InputError(USAGE);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
