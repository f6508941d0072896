// Preloaded into the API under load (node --require): samples the event loop's delay and prints
// it as one JSON line on SIGWINCH (a signal Nest's shutdown hooks leave alone; SIGUSR2 would stop
// the app), so the bench can say what bounds latency.
const { monitorEventLoopDelay } = require('node:perf_hooks');
const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
process.on('SIGWINCH', () => {
  const ms = (ns) => Number((ns / 1e6).toFixed(2));
  process.stdout.write(`EVENT_LOOP_DELAY ${JSON.stringify({ p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) })}\n`);
  histogram.reset();
});
