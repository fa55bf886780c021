package io.cnnga.engine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backend.options.threads} holds in a whole {@code engine run}: TensorFlow fixes its thread
 * pools with the first session of a JVM, so every session the run opens — the device probe of
 * {@code device: auto} before the first trial included — must ask for the plan's count.
 */
class ThreadsOptionTest {

    @TempDir
    Path dir;

    @Test
    void threadsOneIsInEffectFromTheFirstTensorFlowSessionOfARun() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, """
                {"name": "threads", "dataset": {"id": "synthetic", "options": {"height": 8, "width": 8, "trainSize": 200, "testSize": 20}},
                 "backend": {"id": "tensorflow", "options": {"device": "auto", "threads": 1}},
                 "training": {"epochs": 1}, "search": {"population": 2, "generations": 1, "maxForwardFlops": 2e7},
                 "final": {"epochs": 1}}
                """);
        // the backend says at debug level what the JVM's first session asked for; the engine shows
        // System.Logger through SLF4J, so the level is logback's
        Path logging = dir.resolve("logback-test.xml");
        Files.writeString(logging, """
                <configuration>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%-5level %logger %msg%n</pattern></encoder>
                  </appender>
                  <logger name="io.cnnga.backend.tensorflow.SessionConfig" level="DEBUG"/>
                  <root level="INFO"><appender-ref ref="STDERR"/></root>
                </configuration>
                """);
        Path log = dir.resolve("run.log");
        Process run = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logging, "-cp", System.getProperty("java.class.path"),
                EngineCommand.class.getName(), "run", plan.toString(), "--out", dir.resolve("run").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir"))).start();
        assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(log);
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("the first TensorFlow session of this JVM asks for 1 intra-op and inter-op threads")
                .doesNotContain("is ignored");
    }
}
