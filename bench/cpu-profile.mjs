// CPU profile of a process a bench starts, for finding where a worker's time goes:
//   BENCH_NODE_OPTIONS="--import ./bench/cpu-profile.mjs" npm run bench -- pipeline
// writes <pid>.cpuprofile into $CPU_PROFILE_DIR (default /tmp) when the process exits (open it in
// Chrome DevTools or speedscope). Node refuses --cpu-prof in NODE_OPTIONS, hence this preload.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 }); // microseconds
session.post('Profiler.start');
// A same-thread inspector session answers synchronously, so this runs to the end inside 'exit'.
process.on('exit', () => {
  session.post('Profiler.stop', (err, result) => {
    if (!err) writeFileSync(path.join(process.env.CPU_PROFILE_DIR ?? '/tmp', `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
