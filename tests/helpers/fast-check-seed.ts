import fc from 'fast-check';

// Property tests run with one fixed seed by default, so CI gives the same answer for the same
// code; a failure prints its seed and counterexample to replay. FC_SEED=random explores new
// inputs (run it while working on a parser or a route), FC_SEED=<n> replays a reported run.
const seed = process.env.FC_SEED ?? '20261125';
if (seed !== 'random') {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer or "random", got ${JSON.stringify(seed)}`);
  fc.configureGlobal({ seed: Number(seed) });
}
