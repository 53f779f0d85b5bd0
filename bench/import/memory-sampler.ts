/**
 * Samples this process's memory every `ms` while an import runs: RSS (what the goal is about) and its
 * parts as Node sees them, so a peak can be told apart as V8 heap, buffers outside it, or neither
 * (native allocations: zlib, the database driver's sockets).
 */
export interface MemoryPeak {
  readonly startRssMb: number;
  readonly peakRssMb: number;
  readonly heapUsedMb: number;
  readonly externalMb: number;
  readonly arrayBuffersMb: number;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export function sampleMemory(ms: number): { stop(): MemoryPeak } {
  const start = process.memoryUsage();
  let rss = start.rss;
  let heapUsed = start.heapUsed;
  let external = start.external;
  let arrayBuffers = start.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heapUsed = Math.max(heapUsed, now.heapUsed);
    external = Math.max(external, now.external);
    arrayBuffers = Math.max(arrayBuffers, now.arrayBuffers);
  };
  const timer = setInterval(sample, ms);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { startRssMb: mb(start.rss), peakRssMb: mb(rss), heapUsedMb: mb(heapUsed), externalMb: mb(external), arrayBuffersMb: mb(arrayBuffers) };
    },
  };
}
