package io.cnnga.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrecisionChoiceTest {

    @Test
    void autoIsBf16WhereItIsFastAndFp32ElsewhereWithoutAWord() {
        List<String> warnings = new ArrayList<>();
        assertThat(PrecisionChoice.AUTO.resolve(true, "-", warnings::add)).isEqualTo(Precision.BF16);
        assertThat(PrecisionChoice.AUTO.resolve(false, "-", warnings::add)).isEqualTo(Precision.FP32);
        assertThat(PrecisionChoice.FP32.resolve(true, "-", warnings::add)).isEqualTo(Precision.FP32);
        assertThat(warnings).isEmpty();
    }

    @Test
    void bf16WhereItIsNotFastIsOneWarningAndFp32() {
        List<String> warnings = new ArrayList<>();
        assertThat(PrecisionChoice.BF16.resolve(true, "-", warnings::add)).isEqualTo(Precision.BF16);
        assertThat(warnings).isEmpty();
        assertThat(PrecisionChoice.BF16.resolve(false, "the CPU has neither avx512_bf16 nor amx_bf16", warnings::add))
                .isEqualTo(Precision.FP32);
        assertThat(warnings).containsExactly(
                "precision: bf16 was asked for, but the CPU has neither avx512_bf16 nor amx_bf16; training in fp32");
    }

    @Test
    void theCpuFlagsSayWhetherBfloat16IsFast() {
        String zen4 = """
                processor	: 0
                vendor_id	: AuthenticAMD
                flags		: fpu vme sse2 avx2 avx512f avx512_bf16 avx512_vnni
                processor	: 1
                flags		: fpu vme sse2 avx2 avx512f avx512_bf16 avx512_vnni
                """;
        assertThat(CpuFeatures.parse(zen4).flags()).contains("avx512_bf16", "avx2").doesNotContain("flags", ":");
        assertThat(CpuFeatures.parse(zen4).fastBf16()).isTrue();
        assertThat(new CpuFeatures(Set.of("amx_bf16")).fastBf16()).isTrue();
        assertThat(CpuFeatures.parse("processor : 0\nflags : fpu sse2 avx2 fma\n").fastBf16()).isFalse();
        assertThat(CpuFeatures.parse("").flags()).isEmpty();
        assertThat(CpuFeatures.current()).isSameAs(CpuFeatures.current());
        assertThat(Precision.BF16.id()).isEqualTo("bf16");
        assertThat(PrecisionChoice.AUTO.id()).isEqualTo("auto");
    }
}
