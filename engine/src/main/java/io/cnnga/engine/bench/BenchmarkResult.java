package io.cnnga.engine.bench;

/**
 * What {@code bench --json} prints.
 *
 * <pre>{@code
 * BenchmarkResult r = new Benchmark(backend).run("ref-b", spec, data, 32, 100);
 * r.trainGflops();   // 3 x forward FLOPs x training images/s, in GFLOP/s
 * }</pre>
 *
 * @param backend              backend id
 * @param arch                 ref-a, ref-b or the genome
 * @param batch                images per step
 * @param steps                timed steps
 * @param trainImagesPerSecond training throughput, warm-up excluded
 * @param evalImagesPerSecond  inference throughput, warm-up excluded
 * @param forwardFlopsPerImage FLOPs of one forward pass
 * @param trainGflops          3 × forward FLOPs × training images/s (forward plus about twice that backward)
 * @param data                 {@code fashion-mnist} or {@code synthetic}
 * @param precision            what the convolutions and matrix products computed in: {@code fp32} or {@code bf16}
 */
public record BenchmarkResult(String backend, String arch, int batch, int steps, double trainImagesPerSecond,
                              double evalImagesPerSecond, long forwardFlopsPerImage, double trainGflops,
                              String data, String precision) {
}
