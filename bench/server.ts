/**
 * `rapport start` for the bench, under a command line of its own: on this shared machine, servers
 * started as `src/server/cli.ts start` were stopped from outside (SIGTERM) in the middle of runs.
 */
process.argv.splice(2, process.argv.length - 2, 'start');
void import('../src/server/cli');
