/** The recording Bot Connector stand-in lives with the benchmark, which uses it too. */
export * from '../../bench/fake-connector';
