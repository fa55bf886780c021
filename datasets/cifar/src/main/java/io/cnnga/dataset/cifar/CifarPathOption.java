package io.cnnga.dataset.cifar;

import io.cnnga.api.InvalidOptionException;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where a CIFAR dataset lies: the {@code path} option, else an environment variable.
 *
 * <pre>{@code
 * String path = options.string("path", null);
 * ...
 * options.finish();
 * CifarPathOption where = CifarPathOption.resolve(path, options.pathOf("path"), CifarFormat.cifar10(), System::getenv);
 * where.path();     // /data/cifar-10-binary.tar.gz
 * where.origin();   // "dataset.options.path" or "the CIFAR10_DIR environment variable"
 * }</pre>
 *
 * @param path   the file or folder
 * @param origin where it came from, for messages
 */
record CifarPathOption(Path path, String origin) {

    /**
     * @param option     the {@code path} option's value, or {@code null}
     * @param optionPath the option's plan path, e.g. {@code dataset.options.path}
     * @throws InvalidOptionException when neither is set, saying where to download the data and where to put it
     */
    static CifarPathOption resolve(String option, String optionPath, CifarFormat format,
                                   UnaryOperator<String> environment) {
        if (option != null) {
            return new CifarPathOption(Path.of(option), optionPath);
        }
        String variable = environment.apply(format.environment());
        if (variable != null && !variable.isBlank()) {
            return new CifarPathOption(Path.of(variable), "the " + format.environment() + " environment variable");
        }
        throw new InvalidOptionException(optionPath, "not set, and neither is " + format.environment()
                + "; " + format.howToGetIt());
    }
}
