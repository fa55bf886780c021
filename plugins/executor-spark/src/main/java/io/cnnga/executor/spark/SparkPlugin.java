package io.cnnga.executor.spark;

import io.cnnga.api.ExecutorFactory;
import io.cnnga.api.Plugin;

import java.util.List;

/**
 * The plugin that offers executor {@code spark}: a generation's trials as Spark tasks.
 *
 * <pre>{@code
 * "executor": { "id": "spark", "options": { "master": "spark://head:7077", "gpusPerTask": 1 } }
 * }</pre>
 *
 * <p>Listing it loads no Spark class: Spark starts with the first generation a plan gives it.
 */
public final class SparkPlugin implements Plugin {

    @Override
    public List<ExecutorFactory> executors() {
        return List.of(new SparkExecutorFactory());
    }
}
