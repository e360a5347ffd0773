import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decryptSavedResponse } from '../../main/cds/saved-response';
import { type CommandGroup, UsageError } from '../cli-types';

// `decrypt`: a response saved with `curl -D headers.txt -o body.bin` (the cds-wg1-02 overview's last
// example), decrypted with a private JWK file. No Server, no data directory, no vault. On any
// failure nothing of the plaintext is printed.

const USAGE = 'decrypt --key JWK_FILE --headers FILE --body FILE';

/** A file named on the command line: relative to the person's working directory. */
function read(cwd: string, file: string, what: string): Buffer {
  try {
    return readFileSync(path.resolve(cwd, file));
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(`cannot read the ${what} file ${file}${code ? ` (${code})` : ''}`);
  }
}

export const command: CommandGroup = {
  name: 'decrypt',
  summary: 'decrypt a saved encrypted CDS response with a private JWK',
  subcommands: {
    '': {
      usage: USAGE,
      summary:
        'Prints the decrypted header block, a blank line and the decrypted body; with --json one object {"headers", "body"}. Only ECDH-ES + A256GCM on P-256 is accepted.',
      optionHelp: [
        '--key JWK_FILE     the private key (EC P-256 JWK with "d")',
        '--headers FILE     the response headers as `curl -D` saved them (a status line may come first)',
        '--body FILE        the raw response body (ciphertext followed by the 16-byte tag)',
      ],
      options: {
        key: { type: 'string' },
        headers: { type: 'string' },
        body: { type: 'string' },
      },
      positionals: [0, 0],
      run: async (context, _positionals, values) => {
        for (const name of ['key', 'headers', 'body'] as const) {
          if (typeof values[name] !== 'string')
            throw new UsageError(`--${name} is required`, `Usage: cds-companion ${USAGE}`);
        }
        const decrypted = await decryptSavedResponse({
          keyText: read(context.cwd, values.key as string, 'key').toString('utf8'),
          headersText: read(context.cwd, values.headers as string, 'headers').toString('utf8'),
          body: read(context.cwd, values.body as string, 'body'),
        });
        let body: string;
        try {
          body = new TextDecoder('utf-8', { fatal: true }).decode(decrypted.body);
        } catch {
          throw new Error('the decrypted body is not UTF-8 text');
        }
        return {
          json: { headers: decrypted.headerBlock, body },
          text: `${decrypted.headerBlock}\n\n${body}`,
        };
      },
    },
  },
};
