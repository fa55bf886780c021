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

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

__attribute__((target("avx512f")))
static double fma_seconds(void) {
    long n = ITERATIONS;
    double start = seconds();
    __asm__ volatile("vpxord %%zmm30,%%zmm30,%%zmm30\n"
                     "vpxord %%zmm31,%%zmm31,%%zmm31\n"
                     "1:\n"
                     "vfmadd231ps %%zmm30,%%zmm31,%%zmm0\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm1\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm2\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm3\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm4\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm5\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm6\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm7\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm8\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm9\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm10\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm11\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm12\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm13\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm14\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm15\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm16\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm17\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm18\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm19\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm20\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm21\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm22\n""vfmadd231ps %%zmm30,%%zmm31,%%zmm23\n"
                     "dec %0\n"
                     "jnz 1b\n"
                     : "+r"(n) :: "xmm0","xmm1","xmm2","xmm3","xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11","xmm12","xmm13","xmm14","xmm15","xmm16","xmm17","xmm18","xmm19","xmm20","xmm21","xmm22","xmm23","xmm30","xmm31");
    return seconds() - start;
}

__attribute__((target("avx512f")))
static double dpbf16_seconds(void) {
    long n = ITERATIONS;
    double start = seconds();
    __asm__ volatile("vpxord %%zmm30,%%zmm30,%%zmm30\n"
                     "vpxord %%zmm31,%%zmm31,%%zmm31\n"
                     "1:\n"
                     "vdpbf16ps %%zmm30,%%zmm31,%%zmm0\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm1\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm2\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm3\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm4\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm5\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm6\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm7\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm8\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm9\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm10\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm11\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm12\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm13\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm14\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm15\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm16\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm17\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm18\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm19\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm20\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm21\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm22\n""vdpbf16ps %%zmm30,%%zmm31,%%zmm23\n"
                     "dec %0\n"
                     "jnz 1b\n"
                     : "+r"(n) :: "xmm0","xmm1","xmm2","xmm3","xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11","xmm12","xmm13","xmm14","xmm15","xmm16","xmm17","xmm18","xmm19","xmm20","xmm21","xmm22","xmm23","xmm30","xmm31");
    return seconds() - start;
}

int main(void) {
    double instructions = (double) ITERATIONS * ACCUMULATORS;
    double fp32 = instructions * 32 / fma_seconds() / 1e9;
    double bf16 = instructions * 64 / dpbf16_seconds() / 1e9;
    printf("float32 FMA:            %6.1f GFLOP/s per core\n", fp32);
    printf("bfloat16 dot products:  %6.1f GFLOP/s per core\n", bf16);
    printf("bfloat16 / float32:     %6.2f\n", bf16 / fp32);
    return 0;
}
