package io.cnnga.executor.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.RunFinished;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spark standalone cluster on this machine: a master and a worker, each a JVM of its own
 * started from Spark's main classes on 127.0.0.1, whose worker launches executor JVMs; the engine
 * (this JVM) is the driver and runs plans on {@code spark://127.0.0.1:PORT}. Trials "train" with
 * backend {@code probe} ({@link ProbePlugin}), which sleeps and marks which JVM trained what on
 * which device: these tests are about distribution, not learning.
 *
 * <ul>
 *   <li>An executor JVM killed with SIGKILL in the middle of a trial: Spark retries the task
 *       ({@code maxFailures} 2) in a new executor, and the run ends with the genomes and fitness
 *       of the local executor.</li>
 *   <li>GPU scheduling without GPUs: the worker's discovery script announces two "gpu" addresses,
 *       3 and 5; two trials training at once each get their own, as their device.</li>
 * </ul>
 *
 * <p>The worker launches executors from {@code $SPARK_HOME} ({@link SparkHome}); they get the
 * engine, the plugins and these test classes through {@code spark.executor.extraClassPath}
 * ({@code "shipJars": false}: same machine, same paths). The master's and the worker's logs are
 * in {@code target/spark-standalone/}, each executor's under {@code work/} there.
 */
class SparkStandaloneClusterTest {

    static final String PLAN = """
            {"name": "standalone", "seed": 11,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 3, "trainSize": 60, "testSize": 12}},
             "decoder": {"id": "bits", "options": {"length": 8}},
             "backend": {"id": "probe", "options": {"millis": %d, "marks": "%s"}},
             "executor": %s,
             "training": {"epochs": 1},
             "search": {"population": %d, "generations": %d, "elites": 1},
             "final": {"epochs": 0}}
            """;

    /** One executor of two cores for the whole application, so a kill takes all its running trials. */
    static final String EXECUTOR = """
            {"id": "spark", "options": {"master": "%s", "maxFailures": %d, "gpusPerTask": %d, "shipJars": false,
             "conf": {"spark.executor.cores": 2, "spark.cores.max": 2, "spark.executor.memory": "512m",
                      "spark.ui.enabled": false, "spark.extraListeners": "io.cnnga.executor.spark.TaskEnds"%s}}}""";

    /** The "GPU" addresses the worker's discovery script announces. */
    static final List<String> GPUS = List.of("3", "5");

    static Path logs;
    static Process master;
    static Process worker;
    static String masterUrl;
    static int masterUiPort;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster(@TempDir Path clusterDir) throws Exception {
        Path sparkHome = SparkHome.fill(Path.of(System.getenv("SPARK_HOME")));
        logs = sparkHome.getParent().resolve("spark-standalone");
        if (Files.exists(logs)) {
            try (var old = Files.walk(logs)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(logs);
        Path log4j = clusterDir.resolve("log4j2.properties");
        Files.writeString(log4j, """
                rootLogger.level = info
                rootLogger.appenderRef.stdout.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
                """);
        Path gpus = clusterDir.resolve("gpus.sh");
        Files.writeString(gpus, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [\"" + String.join("\", \"", GPUS) + "\"]}'\n");
        assertThat(gpus.toFile().setExecutable(true)).isTrue();

        int port = freePort();
        masterUiPort = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        master = launch("master", log4j, List.of(), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(masterUiPort));
        worker = launch("worker", log4j, List.of("-Dspark.worker.resource.gpu.amount=" + GPUS.size(),
                        "-Dspark.worker.resource.gpu.discoveryScript=" + gpus),
                "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port", Integer.toString(freePort()),
                "--cores", "2", "--memory", "2g", "--work-dir", logs.resolve("work").toString(), masterUrl);
        awaitAliveWorker();
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        for (Process p : new Process[]{worker, master}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void executorKilledMidTrialIsRetriedAndTheRunDrawsTheGenomesOfTheLocalExecutor() throws Exception {
        // the reference needs the genomes and fitness alone: its trials need not take time
        run(plan(dir.resolve("marks-local"), "{\"id\": \"local\", \"options\": {\"workers\": 2}}", 4, 2, 0),
                dir.resolve("local"));

        Path marks = dir.resolve("marks-spark");
        TaskEnds.ENDS.clear();
        AtomicReference<ProbePlugin.Mark> killed = new AtomicReference<>();
        Thread killer = killFirstTraining(marks, killed);
        run(plan(marks, EXECUTOR.formatted(masterUrl, 2, 0, ""), 4, 2), dir.resolve("spark"));
        killer.join(TimeUnit.SECONDS.toMillis(5));

        // The kill hit an executor JVM of the worker in the middle of a training ...
        ProbePlugin.Mark victim = killed.get();
        assertThat(victim).as("an executor JVM was killed mid-trial").isNotNull();
        assertThat(victim.pid()).isNotEqualTo(ProcessHandle.current().pid());
        // ... and Spark ran that trial again, in another executor JVM.
        List<ProbePlugin.Mark> all = ProbePlugin.marks(marks);
        assertThat(all).filteredOn(m -> m.genome().equals(victim.genome()))
                .anySatisfy(m -> assertThat(m.pid()).isNotEqualTo(victim.pid()));
        assertThat(all).allSatisfy(m -> assertThat(m.pid()).isNotEqualTo(ProcessHandle.current().pid()));
        List<TaskEnds.End> lost = TaskEnds.ENDS.stream().filter(e -> e.reason().startsWith("ExecutorLostFailure")).toList();
        assertThat(lost).isNotEmpty().allSatisfy(e -> assertThat(e.attempt()).isZero());
        for (TaskEnds.End end : lost) {
            assertThat(TaskEnds.ENDS).as("a later attempt of " + end.trial())
                    .anySatisfy(e -> {
                        assertThat(e.trial()).isEqualTo(end.trial());
                        assertThat(e.attempt()).isGreaterThanOrEqualTo(1);
                        assertThat(e.successful()).isTrue();
                        assertThat(e.executor()).isNotEqualTo(end.executor());
                    });
        }
        assertThat(lost).anySatisfy(e -> assertThat(e.trial()).endsWith(" " + victim.genome()));

        // No trial failed, and the search went exactly where the local executor's went.
        assertThat(RunJournal.events(dir.resolve("spark"), TrialFinished.class))
                .allSatisfy(t -> assertThat(t.status()).isIn(TrialStatus.COMPLETE, TrialStatus.CACHED));
        assertThat(RunJournal.events(dir.resolve("spark"), RunFinished.class)).hasSize(1);
        assertThat(RunJournal.genomes(dir.resolve("spark"))).isEqualTo(RunJournal.genomes(dir.resolve("local")));
        assertThat(RunJournal.fitness(dir.resolve("spark"))).isEqualTo(RunJournal.fitness(dir.resolve("local")));

        System.out.println("cnnga standalone: killed executor JVM pid " + victim.pid() + " while it trained "
                + victim.genome() + "; Spark's task ends:");
        TaskEnds.ENDS.forEach(e -> System.out.println("  " + e));
    }

    @Test
    void twoTasksTrainingAtOnceEachTrainOnTheGpuSparkGaveThem() throws Exception {
        Path marks = dir.resolve("marks-gpu");
        String executor = EXECUTOR.formatted(masterUrl, 1, 1, ", \"spark.executor.resource.gpu.amount\": " + GPUS.size());
        run(plan(marks, executor, 2, 1), dir.resolve("gpu"));

        List<TrialFinished> trials = RunJournal.events(dir.resolve("gpu"), TrialFinished.class);
        assertThat(trials).hasSize(2).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETE));
        // Both trained at once, in an executor JVM ...
        Instant start0 = trials.get(0).startedAt();
        Instant start1 = trials.get(1).startedAt();
        assertThat(start0).isBefore(trials.get(1).time());
        assertThat(start1).isBefore(trials.get(0).time());
        assertThat(ProbePlugin.marks(marks)).hasSize(2)
                .allSatisfy(m -> assertThat(m.pid()).isNotEqualTo(ProcessHandle.current().pid()));
        // ... each on its own address of the discovery script: the probe's loss is its GPU's number.
        List<String> devices = trials.stream().map(t -> "gpu:" + (int) t.history().get(0).loss()).toList();
        assertThat(devices).containsExactlyInAnyOrder("gpu:" + GPUS.get(0), "gpu:" + GPUS.get(1));
        assertThat(ProbePlugin.marks(marks)).extracting(ProbePlugin.Mark::device).containsExactlyInAnyOrderElementsOf(devices);
        System.out.println("cnnga standalone: GPU trials " + trials.stream().map(TrialFinished::genome).toList()
                + " trained on " + devices);
    }

    /** Trials that take 2 s each, long enough to be killed in the middle of one. */
    static Plan plan(Path marks, String executor, int population, int generations) {
        return plan(marks, executor, population, generations, 2000);
    }

    static Plan plan(Path marks, String executor, int population, int generations, int millis) {
        return PlanReader.parse(PLAN.formatted(millis, marks, executor, population, generations), "test", "standalone");
    }

    static void run(Plan plan, Path out) {
        new SearchRun(plan, PluginRegistry.load(List.of()), RunConsole.silent()).execute(out);
    }

    /**
     * A thread that waits for the first training marked in {@code marks} and kills the JVM that
     * runs it with SIGKILL, if that JVM is one the worker started; it gives up after two minutes.
     */
    static Thread killFirstTraining(Path marks, AtomicReference<ProbePlugin.Mark> killed) {
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                List<ProbePlugin.Mark> seen = ProbePlugin.marks(marks);
                if (!seen.isEmpty()) {
                    ProbePlugin.Mark first = seen.get(0);
                    boolean executorOfTheWorker = worker.descendants().anyMatch(p -> p.pid() == first.pid());
                    if (executorOfTheWorker && ProcessHandle.of(first.pid()).map(ProcessHandle::destroyForcibly).orElse(false)) {
                        killed.set(first);
                    }
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cnnga-test-executor-killer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A Spark daemon in a JVM of its own, with this JVM's class path and Java 17 options, logging to {@link #logs}. */
    static Process launch(String name, Path log4j, List<String> options, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The --add-opens list Spark needs on Java 17, as this JVM got it from surefire.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                        || a.startsWith("-Dio.netty"))
                .forEach(command::add);
        command.add("-Xmx512m");
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    /** Waits until the master's JSON status shows the worker alive, with its two "GPUs". */
    static void awaitAliveWorker() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            assertThat(master.isAlive()).as("the master runs (see " + logs.resolve("master.log") + ")").isTrue();
            assertThat(worker.isAlive()).as("the worker runs (see " + logs.resolve("worker.log") + ")").isTrue();
            try {
                last = http.send(status, HttpResponse.BodyHandlers.ofString()).body();
                if (new ObjectMapper().readTree(last).path("aliveworkers").asInt() == 1) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();   // the master's web UI is not up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no worker registered with the master in 120 s; last status: " + last);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
