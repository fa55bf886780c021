package io.cnnga.executor.spark;

import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.engine.executor.EngineRemoteTrials;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.ExternalClusterManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkExecutorFactoryTest {

    /** This JVM's class path, as the engine would give it to the executor. */
    static final List<String> ENGINE = EngineRemoteTrials.forThisProcess("{}").classPath();

    static SparkExecutor create(Map<String, Object> options) {
        return (SparkExecutor) new SparkExecutorFactory().create(Options.of("executor.options", options));
    }

    @Test
    void defaultsRunEveryCoreOfThisMachineWithoutRetries() {
        SparkSettings s = create(Map.of()).settings();
        assertThat(s.master()).isEqualTo("local[*]");
        assertThat(s.maxFailures()).isEqualTo(1);
        assertThat(s.gpusPerTask()).isZero();
        assertThat(s.shipJars()).isTrue();
        SparkConf conf = create(Map.of()).sparkConf(ENGINE);
        assertThat(conf.get("spark.task.maxFailures")).isEqualTo("1");
        assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
        assertThat(conf.contains("spark.jars")).isFalse();
    }

    @Test
    void localMasterCarriesTheRetriesItself() {
        assertThat(create(Map.of("master", "local[2]", "maxFailures", 3)).sparkConf(ENGINE).get("spark.master"))
                .isEqualTo("local[2,3]");
        assertThat(create(Map.of("master", "local[2]")).sparkConf(ENGINE).get("spark.master")).isEqualTo("local[2]");
        assertThat(create(Map.of("master", "local", "maxFailures", 2)).sparkConf(ENGINE).get("spark.master"))
                .isEqualTo("local[1,2]");
    }

    @Test
    void gpusMapToSparkResourceScheduling() {
        SparkConf conf = create(Map.of("master", "spark://head:7077", "gpusPerTask", 1,
                "conf", Map.of("spark.executor.memory", "8g", "spark.executor.cores", 4))).sparkConf(ENGINE);
        assertThat(conf.get("spark.task.resource.gpu.amount")).isEqualTo("1");
        assertThat(conf.get("spark.executor.resource.gpu.amount")).isEqualTo("1");
        assertThat(conf.get("spark.executor.memory")).isEqualTo("8g");
        assertThat(conf.get("spark.executor.cores")).isEqualTo("4");
        // the engine travels with the job to executors in other JVMs
        assertThat(conf.get("spark.jars")).contains(".jar");
    }

    @Test
    void sharedInstallationPutsTheEngineOnTheExecutorsClassPath() {
        SparkConf conf = create(Map.of("master", "spark://head:7077", "shipJars", false)).sparkConf(ENGINE);
        assertThat(conf.contains("spark.jars")).isFalse();
        assertThat(conf.get("spark.executor.extraClassPath")).contains("classes");
    }

    @Test
    void kubernetesAndYarnMastersHaveTheirClusterManagers() {
        List<String> masters = List.of("k8s://https://api.example:6443", "yarn");
        for (String master : masters) {
            boolean found = false;
            for (ExternalClusterManager manager : ServiceLoader.load(ExternalClusterManager.class)) {
                found |= manager.canCreate(master);
            }
            assertThat(found).as(master).isTrue();
        }
    }

    @Test
    void gpusWithALocalMasterAreRefused() {
        for (String master : List.of("local", "local[2]", "local[*]", "local[2,3]")) {
            assertThatThrownBy(() -> create(Map.of("master", master, "gpusPerTask", 1)))
                    .isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining("executor.options.gpusPerTask: Spark's local master (\"" + master
                            + "\") does not schedule GPUs, and its tasks would wait forever");
        }
    }

    @Test
    void confTakesOnlySparkSettings() {
        assertThatThrownBy(() -> create(Map.of("conf", Map.of("executor.memory", "8g"))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("executor.options.conf.executor.memory: is not a Spark setting");
    }

    @Test
    void unknownOptionListsTheAcceptedOnes() {
        assertThatThrownBy(() -> create(Map.of("maxFailure", 2)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("executor.options.maxFailure: unknown option; accepted: master, appName, maxFailures");
    }
}
