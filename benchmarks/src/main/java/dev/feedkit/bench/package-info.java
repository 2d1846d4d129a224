/** JMH benchmarks of feedkit, each beside a baseline measured in the same run. Never deployed. */
package dev.feedkit.bench;
