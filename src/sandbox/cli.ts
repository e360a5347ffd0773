// `npm run sandbox`: a CDS Server on loopback for demos and tests.
process.stdout.write('The sandbox server is not built yet.\n');
