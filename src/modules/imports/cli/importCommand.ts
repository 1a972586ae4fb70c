import { openAsBlob } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  importMapping,
  matchActions,
  type ImportMapping,
  type ImportMatch,
  type ImportPreview,
  type ImportState,
  type SavedMapping,
} from '../contract';

/**
 * `rapport import FILE --object contacts [--mapping map.json | --saved NAME] [--match email:update]
 * [--dry-run] [--preview] [--errors rows.csv]`: the web wizard's steps over the public API of a running
 * server, so it works the same against a laptop or a hosted Rapport and never opens the database
 * itself (an embedded database has one owner: the server).
 */
export interface ImportCommand {
  file: string;
  object: string;
  mappingFile?: string;
  savedMapping?: string;
  match?: string;
  dryRun: boolean;
  preview: boolean;
  errorsFile?: string;
  /** the server, e.g. http://localhost:3000 */
  url: string;
  /** an API key (rk_…), from RAPPORT_API_KEY: never on the command line, where `ps` shows it */
  apiKey: string;
  pollMs?: number;
}

export const importUsage = `rapport import FILE --object OBJECT [--mapping map.json | --saved NAME] [--match FIELD:skip|update|create]
                          [--dry-run] [--preview] [--errors rows.csv] [--url http://localhost:3000]
    Imports a CSV, XLSX or vCard file through a running server's API, as the web wizard does.
    The API key comes from RAPPORT_API_KEY. Without a mapping, the server's suggestion is used.
    Exit code: 0 when every row went in, 2 when some rows were rejected, 1 when the import failed.`;

/** A failure the person at the terminal can act on: printed as it is, without a stack. */
class CommandError extends Error {}

type Print = (line: string) => void;

class Api {
  constructor(private readonly command: ImportCommand) {}

  async call(method: string, path: string, body?: FormData): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(new URL(`/api/v1${path}`, this.command.url), {
        method,
        body,
        headers: { authorization: `Bearer ${this.command.apiKey}` },
      });
    } catch (error) {
      throw new CommandError(
        `Cannot reach Rapport at ${this.command.url} (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}). Is the server running? Set --url.`,
      );
    }
    if (response.ok) return response;
    const problem = (await response.json().catch(() => ({}))) as {
      detail?: string;
      title?: string;
      errors?: { path: string; message: string }[];
    };
    const where = (problem.errors ?? []).map((e) => `\n  ${e.path}: ${e.message}`).join('');
    throw new CommandError(
      `${method} ${path}: ${response.status} ${problem.detail ?? problem.title ?? response.statusText}${where}`,
    );
  }

  async json<T>(method: string, path: string, body?: FormData): Promise<T> {
    return (await this.call(method, path, body)).json() as Promise<T>;
  }
}

function parseMatch(text: string | undefined): ImportMatch | undefined {
  if (text === undefined) return undefined;
  const [field, onMatch = 'update'] = text.split(':');
  if (!field || !(matchActions as readonly string[]).includes(onMatch))
    throw new CommandError(`--match is FIELD:${matchActions.join('|')}, e.g. email:update (got "${text}")`);
  return { field, onMatch: onMatch as ImportMatch['onMatch'] };
}

async function mappingFrom(api: Api, command: ImportCommand): Promise<ImportMapping | undefined> {
  if (command.mappingFile && command.savedMapping)
    throw new CommandError('Give either --mapping FILE or --saved NAME, not both');
  if (command.mappingFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(command.mappingFile, 'utf8'));
    } catch (error) {
      throw new CommandError(`Cannot read the mapping ${command.mappingFile}: ${(error as Error).message}`);
    }
    const mapping = importMapping.safeParse(parsed);
    if (!mapping.success)
      throw new CommandError(
        `${command.mappingFile} must be a JSON object of {"column header": "field"}, e.g. {"E-mail": "email"}`,
      );
    return mapping.data;
  }
  if (command.savedMapping) {
    const saved = await api.json<{ data: SavedMapping[] }>(
      'GET',
      `/imports/mappings?object=${encodeURIComponent(command.object)}`,
    );
    const found = saved.data.find((m) => m.name === command.savedMapping);
    if (!found)
      throw new CommandError(
        `No saved mapping "${command.savedMapping}" for ${command.object}; saved: ${saved.data.map((m) => m.name).join(', ') || 'none'}`,
      );
    return found.mapping;
  }
  return undefined;
}

async function form(
  command: ImportCommand,
  mapping: ImportMapping | undefined,
  match: ImportMatch | undefined,
) {
  let file: Blob;
  try {
    file = await openAsBlob(command.file);
  } catch (error) {
    throw new CommandError(`Cannot read ${command.file}: ${(error as Error).message}`);
  }
  const body = new FormData();
  body.set('object', command.object);
  if (mapping) body.set('mapping', JSON.stringify(mapping));
  if (match) body.set('match', JSON.stringify(match));
  if (command.dryRun) body.set('dryRun', 'true');
  body.set('file', file, basename(command.file));
  return body;
}

function printPreview(preview: ImportPreview, print: Print) {
  print(`Format: ${preview.format}; columns: ${preview.headers.join(', ')}`);
  print('Suggested mapping:');
  for (const [column, field] of Object.entries(preview.suggestedMapping)) print(`  ${column} → ${field}`);
  for (const row of preview.rows) {
    print(`Row ${row.row}: ${JSON.stringify(row.values)}`);
    for (const error of row.errors) print(`  ✗ ${error.field}: ${error.message}`);
  }
}

function summary(state: ImportState): string {
  const { created, updated, skipped, rejected } = state.counts;
  const verb = state.dryRun ? 'would be' : 'were';
  return `${state.processed} rows: ${created} ${verb} created, ${updated} updated, ${skipped} skipped, ${rejected} rejected`;
}

/** Runs the command; answers the process's exit code. */
export async function runImportCommand(command: ImportCommand, print: Print = console.log): Promise<number> {
  if (!command.apiKey)
    throw new CommandError('Set RAPPORT_API_KEY to an API key (Admin › API keys, or POST /api/v1/api-keys)');
  const api = new Api(command);
  const match = parseMatch(command.match);
  const mapping = await mappingFrom(api, command);
  if (command.preview) {
    printPreview(
      await api.json<ImportPreview>('POST', '/imports/preview', await form(command, mapping, match)),
      print,
    );
    return 0;
  }
  const { id } = await api.json<{ id: string }>('POST', '/imports', await form(command, mapping, match));
  print(`Import ${id} started${command.dryRun ? ' (dry run: nothing is written)' : ''}`);
  // Ctrl+C stops the import after its current batch instead of leaving it running unseen.
  const cancel = () => {
    print('Stopping the import after its current batch…');
    void api.call('POST', `/imports/${id}/cancel`).catch(() => undefined);
  };
  process.once('SIGINT', cancel);
  try {
    let state: ImportState;
    let shown = -1;
    for (;;) {
      state = await api.json<ImportState>('GET', `/imports/${id}`);
      if (state.processed !== shown && state.processed > 0 && state.status === 'running') {
        shown = state.processed;
        print(`  ${state.processed}${state.total === null ? '' : ` of ${state.total}`} rows`);
      }
      if (state.status !== 'queued' && state.status !== 'running') break;
      await sleep(command.pollMs ?? 500);
    }
    if (state.status === 'failed') {
      print(`The import failed: ${state.failure ?? 'no reason given'}`);
      return 1;
    }
    print(`${state.status === 'done' ? 'Done' : `Import ${state.status}`}. ${summary(state)}.`);
    for (const error of state.errors.slice(0, 20))
      print(`  row ${error.row}, ${error.field}: ${error.message}`);
    if (state.errors.length > 20)
      print(`  … and more${command.errorsFile ? '' : ' (--errors FILE writes the outcome of every row)'}`);
    if (command.errorsFile) {
      const log = await api.call('GET', `/imports/${id}/log`);
      await writeFile(command.errorsFile, Buffer.from(await log.arrayBuffer()));
      print(`The outcome of every row is in ${command.errorsFile}`);
    }
    return state.counts.rejected > 0 ? 2 : 0;
  } finally {
    process.removeListener('SIGINT', cancel);
  }
}
