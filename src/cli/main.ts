import pkg from '../../package.json' with { type: 'json' };

// `cds-companion`: the command line over the same Companion service as the desktop app.
const argv = process.argv.slice(2);
if (argv.includes('--version')) {
  process.stdout.write(`${pkg.version}\n`);
} else {
  process.stdout.write('Usage: cds-companion [--version]\n');
}
