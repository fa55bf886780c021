/*
 * How many float32 FLOPs a core does per second through AVX-512 FMA (vfmadd231ps: 16
 * multiply-adds) and through AVX-512 BF16 dot products (vdpbf16ps: 32 multiply-adds of bfloat16
 * pairs into float32), each on 24 independent accumulators so that throughput, not latency,
 * bounds it. `bench --peak` measures what oneDNN's products reach; this measures what the core
 * can reach, so the two together say whether bfloat16's limit is the CPU or the library.
 *
 *   gcc -O2 -o /tmp/bf16-rate plugins/backend-tensorflow/bench/bf16-rate.c && /tmp/bf16-rate
 *
 * Needs a CPU with avx512_bf16 (else it dies of an illegal instruction). One thread: run it
 * on an otherwise idle machine.
 */
#include <stdio.h>
#include <time.h>

#define ACCUMULATORS 24
#define ITERATIONS 50000000L

/* One instruction into accumulator zmmN, its operands zmm30 and zmm31. */
#define INTO(op, n) op " %%zmm30,%%zmm31,%%zmm" #n "\n"
#define INTO_24(op)                                                                        \
    INTO(op, 0) INTO(op, 1) INTO(op, 2) INTO(op, 3) INTO(op, 4) INTO(op, 5) INTO(op, 6)    \
    INTO(op, 7) INTO(op, 8) INTO(op, 9) INTO(op, 10) INTO(op, 11) INTO(op, 12)             \
    INTO(op, 13) INTO(op, 14) INTO(op, 15) INTO(op, 16) INTO(op, 17) INTO(op, 18)          \
    INTO(op, 19) INTO(op, 20) INTO(op, 21) INTO(op, 22) INTO(op, 23)

/* Seconds for ITERATIONS rounds of one instruction into each of the 24 accumulators. */
#define TIMED_LOOP(name, op)                                                               \
    __attribute__((target("avx512f"))) static double name(void) {                          \
        long n = ITERATIONS;                                                               \
        double start = seconds();                                                          \
        __asm__ volatile("vpxord %%zmm30,%%zmm30,%%zmm30\n"                                \
                         "vpxord %%zmm31,%%zmm31,%%zmm31\n"                                \
                         "1:\n" INTO_24(op) "dec %0\n"                                     \
                         "jnz 1b\n"                                                        \
                         : "+r"(n)                                                         \
                         :                                                                 \
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", \
                           "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",    \
                           "xmm15", "xmm16", "xmm17", "xmm18", "xmm19", "xmm20", "xmm21",  \
                           "xmm22", "xmm23", "xmm30", "xmm31");                            \
        return seconds() - start;                                                          \
    }

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

TIMED_LOOP(fma_seconds, "vfmadd231ps")
TIMED_LOOP(dpbf16_seconds, "vdpbf16ps")

int main(void) {
    double instructions = (double) ITERATIONS * ACCUMULATORS;
    double fp32 = instructions * 32 / fma_seconds() / 1e9;
    double bf16 = instructions * 64 / dpbf16_seconds() / 1e9;
    printf("float32 FMA:            %6.1f GFLOP/s per core\n", fp32);
    printf("bfloat16 dot products:  %6.1f GFLOP/s per core\n", bf16);
    printf("bfloat16 / float32:     %6.2f\n", bf16 / fp32);
    return 0;
}
