// Runs autocannon in a child process, so the load generator does not share the event loop of
// the API it measures (bench/api.bench.ts starts the API in its own process). Not a worker
// thread: autocannon inside one reports raw histograms instead of its result.
import autocannon from 'autocannon';

process.once('message', async (opts) => {
  const result = await autocannon(opts);
  process.send(
    { latency: { p50: result.latency.p50, p99: result.latency.p99 }, requests: { average: result.requests.average }, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts },
    () => process.exit(0),
  );
});
