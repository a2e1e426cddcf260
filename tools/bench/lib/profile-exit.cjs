// Preloaded (-r) into a service started with --cpu-prof. Node writes the profile only on a normal exit, but Nest
// ends a SIGTERM shutdown by re-raising the signal, which kills the process before the profile is written.
// Holding a listener turns that second signal into process.exit(), after the app has closed.
let signals = 0;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) {
      process.exit(0);
    }
    // If the app never re-raises (it has no shutdown hook), still leave with a written profile.
    setTimeout(() => process.exit(0), 12_000).unref();
  });
}
