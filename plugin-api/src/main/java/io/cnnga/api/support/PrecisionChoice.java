package io.cnnga.api.support;

import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.api.Precision;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The {@code precision} a plan asks a backend for: {@code fp32}, {@code bf16}, or {@code auto}
 * (bfloat16 where the device computes it fast, else float32). What a training then uses is a
 * {@link Precision}.
 *
 * <pre>{@code
 * "backend": { "id": "tensorflow", "options": { "precision": "auto" } }
 *
 * PrecisionChoice choice = PrecisionChoice.consume(options);                  // AUTO when absent
 * Precision p = choice.resolve(CpuFeatures.current().fastBf16(), "the CPU has no bfloat16 instructions",
 *         log::warn);                                                         // BF16 on a CPU with avx512_bf16
 * }</pre>
 */
public enum PrecisionChoice {

    /** bfloat16 where the device computes it fast, float32 elsewhere. */
    AUTO,

    /** float32 everywhere. */
    FP32,

    /** bfloat16 mixed precision; float32, with one warning, where the device has no fast bfloat16. */
    BF16;

    /** The option's key in {@code backend.options}. */
    public static final String OPTION = "precision";

    /** The option's value: {@code auto}, {@code fp32} or {@code bf16}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@value #OPTION} from a backend's options; {@link #AUTO} when absent.
     *
     * @throws InvalidOptionException "backend.options.precision: must be one of fp32, bf16, auto, was "fp8""
     */
    public static PrecisionChoice consume(Options options) {
        List<String> ids = Stream.of(FP32, BF16, AUTO).map(PrecisionChoice::id).toList();
        return valueOf(options.choice(OPTION, AUTO.id(), ids).toUpperCase(Locale.ROOT));
    }

    /**
     * The precision a training uses on a device.
     *
     * @param fastBf16 whether the device computes bfloat16 fast and the backend can use it there
     * @param whyNot   why not, for the warning (e.g. "the CPU has neither avx512_bf16 nor amx_bf16")
     * @param warning  told one line when {@link #BF16} was asked for where it is not fast
     */
    public Precision resolve(boolean fastBf16, String whyNot, Consumer<String> warning) {
        return switch (this) {
            case FP32 -> Precision.FP32;
            case AUTO -> fastBf16 ? Precision.BF16 : Precision.FP32;
            case BF16 -> {
                if (fastBf16) {
                    yield Precision.BF16;
                }
                warning.accept("precision: bf16 was asked for, but " + whyNot + "; training in fp32");
                yield Precision.FP32;
            }
        };
    }
}
