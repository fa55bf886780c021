package io.cnnga.engine.cli;

import io.cnnga.api.Plugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A plugin compiled and packed at test time, dropped into a plugin folder. */
class PluginDropInTest {

    static final String SOURCE = """
            package com.example.tiny;

            import io.cnnga.api.*;
            import java.util.List;

            public final class TinyPlugin implements Plugin {
                @Override
                public List<DecoderFactory> decoders() {
                    return List.of(new DecoderFactory() {
                        public String id() { return "tiny"; }
                        public String description() { return "a tiny 4-bit test decoder"; }
                        public Decoder create(Options options) {
                            int filters = options.integer("filters", 8, 1, 512);
                            options.finish();
                            return new Decoder() {
                                public int genomeLength() { return 4; }
                                public ModelSpec decode(Genome g, DataInfo data) {
                                    return new ModelSpec(ModelSpec.inputOf(data), data.classes(), List.of(
                                            // kernel 7 unpadded: a genome this decoder cannot build for images under 7x7
                                            new LayerSpec.Conv2D(filters * (g.field(0, 2) + 1), 2 * g.field(2, 2) + 1, 1,
                                                    g.field(2, 2) == 3 ? Padding.VALID : Padding.SAME),
                                            new LayerSpec.Flatten(),
                                            new LayerSpec.Dense(data.classes())));
                                }
                            };
                        }
                    });
                }
            }
            """;

    /**
     * An executor that sends each trial through the engine's {@link io.cnnga.api.RemoteTrials} as
     * a cluster executor would: the request and a Java-serialised worker, read back through the
     * plugin's own class loader (as Spark's local mode reads a task), run, and answered. It also
     * checks that the engine's classes are out of its sight.
     */
    static final String HOP_SOURCE = """
            package com.example.hop;

            import io.cnnga.api.*;
            import java.io.*;
            import java.util.*;

            public final class HopPlugin implements Plugin {
                @Override
                public List<ExecutorFactory> executors() {
                    return List.of(new ExecutorFactory() {
                        public String id() { return "hop"; }
                        public Executor create(Options options) {
                            options.finish();
                            return (trials, context) -> {
                                try {
                                    Class.forName("io.cnnga.engine.executor.TrialWorker", false, HopPlugin.class.getClassLoader());
                                    throw new IllegalStateException("a drop-in plugin sees the engine's classes");
                                } catch (ClassNotFoundException expected) {
                                    // only io.cnnga.api and the JDK
                                }
                                RemoteTrials remote = context.remote();
                                List<TrialResult> results = new ArrayList<>();
                                for (Trial trial : trials) {
                                    context.listener().started(trial);
                                    String answer = hop(remote.worker()).run(remote.request(trial), null, TrainingListener.NONE);
                                    TrialResult result = remote.result(trial, answer);
                                    context.listener().finished(result);
                                    results.add(result);
                                }
                                return results;
                            };
                        }
                    });
                }

                static RemoteWorker hop(RemoteWorker worker) {
                    try {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                            out.writeObject(worker);
                        }
                        ClassLoader own = HopPlugin.class.getClassLoader();
                        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                            @Override
                            protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
                                return Class.forName(desc.getName(), false, own);
                            }
                        }) {
                            return (RemoteWorker) in.readObject();
                        }
                    } catch (IOException | ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    Path plugins;

    @BeforeEach
    void createPluginFolder() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
    }

    @Test
    void compiledPluginIsListedAndDecodesThroughAPlan() throws Exception {
        Path jar = buildTinyPluginJar(plugins.resolve("tiny-decoder.jar"));
        CliRun list = CliRun.of("plugins", "--plugin-dir", plugins.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("decoder\\s+tiny\\s+9\\.9\\.9\\s+a tiny 4-bit test decoder\\s+"
                + java.util.regex.Pattern.quote(jar.toString()));
        assertThat(list.out().lines().findFirst().orElseThrow()).containsPattern("KIND\\s+ID\\s+VERSION\\s+DESCRIPTION\\s+SOURCE");
        assertThat(list.out()).containsPattern("decoder\\s+paper\\s");

        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, """
                {"dataset": {"id": "synthetic", "options": {"height": 12, "width": 12, "channels": 1, "classes": 3}},
                 "decoder": {"id": "tiny", "options": {"filters": 5}}}
                """);
        CliRun decode = CliRun.of("decode", "1101", "--plan", plan.toString(), "--plugin-dir", plugins.toString(), "--json");
        assertThat(decode.exitCode()).as(decode.err()).isZero();
        // filters 5 x (0b11 + 1) = 20, kernel 2 x 0b01 + 1 = 3, on 12x12x1 with 3 classes
        assertThat(decode.out()).contains("\"filters\" : 20").contains("\"kernelSize\" : 3")
                .contains("\"params\" : " + (3 * 3 * 20 + 20 + 12 * 12 * 20 * 3 + 3));
    }

    @Test
    void aGenomeTheDecoderCannotBuildIsOneLineAndExitTwo() throws Exception {
        buildTinyPluginJar(plugins.resolve("tiny-decoder.jar"));
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, """
                {"dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "channels": 1, "classes": 3}},
                 "decoder": {"id": "tiny"}}
                """);
        CliRun decode = CliRun.of("decode", "0011", "--plan", plan.toString(), "--plugin-dir", plugins.toString());
        assertThat(decode.exitCode()).isEqualTo(2);
        assertThat(decode.errLines()).singleElement().asString()
                .startsWith("error: genome 0011: the tiny decoder cannot build it for 4x4x1 images: layer 0 (Conv2D)");
    }

    @Test
    void brokenJarIsNamedAndHealthyPluginsStillLoad() throws Exception {
        buildTinyPluginJar(plugins.resolve("a-good.jar"));
        Path broken = plugins.resolve("b-broken.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(broken))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
            out.write("com.example.DoesNotExist\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.writeString(plugins.resolve("c-not-a-jar.jar"), "this is not a zip file");

        CliRun list = CliRun.of("plugins", "--plugin-dir", plugins.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).containsPattern("decoder\\s+tiny\\s").containsPattern("decoder\\s+paper\\s");
        assertThat(list.err()).contains(broken.toString()).contains("com.example.DoesNotExist");
        assertThat(list.errLines()).contains("warning: " + plugins.resolve("c-not-a-jar.jar")
                + ": not a JAR file (zip END header not found); rebuild it, or remove it from the plugin folder");
        assertThat(list.err().lines().filter(l -> l.contains("b-broken.jar"))).hasSize(1);
    }

    @Test
    void aDecoderFromAPluginDecodesWithoutAPlan() throws Exception {
        buildTinyPluginJar(plugins.resolve("tiny-decoder.jar"));
        CliRun decode = CliRun.of("decode", "1101", "--decoder", "tiny", "--input", "12x12x1", "--classes", "3",
                "--plugin-dir", plugins.toString(), "--json");
        assertThat(decode.exitCode()).as(decode.err()).isZero();
        // default filters 8 x (0b11 + 1) = 32, kernel 3, on 12x12x1 with 3 classes
        assertThat(decode.out()).contains("\"filters\" : 32").contains("\"kernelSize\" : 3")
                .contains("\"params\" : " + (3 * 3 * 32 + 32 + 12 * 12 * 32 * 3 + 3));
        CliRun table = CliRun.of("decode", "1101", "--decoder", "tiny", "--input", "12x12x1", "--classes", "3",
                "--plugin-dir", plugins.toString());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).startsWith("Genome 1101 (tiny decoder)").contains("Total params: 14,147");
    }

    @Test
    void aPluginDirThatIsNoFolderIsOneLineAndExitTwo() throws Exception {
        for (String command : List.of("plugins", "decode")) {
            CliRun run = command.equals("plugins") ? CliRun.of("plugins", "--plugin-dir", "/no/such/dir")
                    : CliRun.of("decode", "0110", "--plugin-dir", "/no/such/dir");
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.errLines()).as(command).containsExactly(
                    "error: --plugin-dir /no/such/dir: no such folder; give the folder that holds the plugin JARs");
        }
        Path jar = buildTinyPluginJar(plugins.resolve("tiny.jar"));
        CliRun file = CliRun.of("plugins", "--plugin-dir", jar.toString());
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.errLines()).singleElement().asString().contains("is a file, not a folder");
    }

    @Test
    void sameIdFromTwoJarsIsAnErrorNamingBoth() throws Exception {
        Path first = buildTinyPluginJar(plugins.resolve("one.jar"));
        Path second = buildTinyPluginJar(plugins.resolve("two.jar"));
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"dataset\": {\"id\": \"synthetic\"}, \"decoder\": {\"id\": \"tiny\"}}");
        CliRun run = CliRun.of("validate", plan.toString(), "--plugin-dir", plugins.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(first.toString()).contains(second.toString());
    }

    @Test
    void unknownIdListsTheAvailableOnes() throws Exception {
        buildTinyPluginJar(plugins.resolve("tiny.jar"));
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"dataset\": {\"id\": \"synthetic\"}, \"decoder\": {\"id\": \"tinny\"}}");
        CliRun run = CliRun.of("validate", plan.toString(), "--plugin-dir", plugins.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("decoder.id: unknown decoder \"tinny\"; available: paper, tiny");
    }

    @Test
    void aFactoryWithoutAnIdIsRefusedNamingTheJarAndTheOthersStillLoad() throws Exception {
        Path jar = buildPluginJar(plugins.resolve("nameless.jar"), "com.example.tiny.NamelessPlugin", """
                package com.example.tiny;

                import io.cnnga.api.*;
                import java.util.List;

                public final class NamelessPlugin implements Plugin {
                    @Override
                    public List<DatasetFactory> datasets() {
                        return List.of(new DatasetFactory() {
                            public String id() { return null; }
                            public Dataset create(Options options) { throw new UnsupportedOperationException(); }
                        }, new DatasetFactory() {
                            public String id() { return "Upper Case"; }
                            public Dataset create(Options options) { throw new UnsupportedOperationException(); }
                        });
                    }

                    @Override
                    public List<BackendFactory> backends() {
                        return null;
                    }
                }
                """);
        buildTinyPluginJar(plugins.resolve("tiny.jar"));

        CliRun list = CliRun.of("plugins", "--plugin-dir", plugins.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("decoder\\s+tiny\\s").containsPattern("dataset\\s+fashion-mnist\\s")
                .doesNotContain("null").doesNotContain("Upper Case");
        assertThat(list.errLines()).filteredOn(l -> l.contains(jar.toString())).hasSize(3);
        assertThat(list.err()).contains(jar + ": plugin com.example.tiny.NamelessPlugin offers a dataset factory"
                        + " com.example.tiny.NamelessPlugin$1 whose id() is null")
                .contains("whose id() \"Upper Case\" is not a lower-case kebab-case id")
                .contains("returned null from backends()")
                .doesNotContain("Exception");
        CliRun json = CliRun.of("plugins", "--json", "--plugin-dir", plugins.toString());
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("id() is null");
    }

    @Test
    void anOutOfMemoryErrorThatReachesTheCommandLineIsOneLineAndExitTwo() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 15L << 30, "the heap could hold the plugin's 16 GB array");
        buildPluginJar(plugins.resolve("greedy.jar"), "com.example.tiny.GreedyPlugin", """
                package com.example.tiny;

                import io.cnnga.api.*;
                import java.util.List;

                public final class GreedyPlugin implements Plugin {
                    @Override
                    public List<DatasetFactory> datasets() {
                        return List.of(new DatasetFactory() {
                            public String id() { return "greedy"; }
                            public Dataset create(Options options) {
                                options.finish();
                                return new Dataset() {
                                    public DataInfo info() { return DataInfo.of("greedy", 4, 4, 1, 2); }
                                    public DataSplits load(long seed) {
                                        long[] everything = new long[Integer.MAX_VALUE - 8];   // 16 GB
                                        throw new IllegalStateException("allocated " + everything.length);
                                    }
                                };
                            }
                        });
                    }
                }
                """);
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"dataset\": {\"id\": \"greedy\"}}");

        CliRun run = CliRun.of("data", plan.toString(), "--plugin-dir", plugins.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("error: out of memory (Java heap space; the JVM's maximum heap is ")
                .contains("give Java more memory (JAVA_OPTS=-Xmx").doesNotContain("\tat ");
    }

    @Test
    void executorPluginTrainsTrialsElsewhereThroughTheApiAlone() throws Exception {
        buildPluginJar(plugins.resolve("hop-executor.jar"), "com.example.hop.HopPlugin", HOP_SOURCE);
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, """
                {"name": "hop", "seed": 4,
                 "dataset": {"id": "synthetic", "options": {"height": 8, "width": 8, "channels": 1, "classes": 2,
                             "trainSize": 64, "testSize": 8}},
                 "backend": {"id": "tensorflow", "options": {"device": "cpu"}},
                 "executor": {"id": "hop"},
                 "training": {"epochs": 1, "batchSize": 32},
                 "search": {"population": 2, "generations": 1, "maxForwardFlops": 2e7, "maxParams": 5e6},
                 "final": {"epochs": 0}}
                """);
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("run", plan.toString(), "--out", out.toString(), "--plugin-dir", plugins.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> trials = Files.readAllLines(out.resolve("journal.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"trial-finished\"")).toList();
        assertThat(trials).hasSize(2).allSatisfy(t -> assertThat(t).contains("\"status\":\"COMPLETE\""));
    }

    /** Compiles {@link #SOURCE} against plugin-api alone and packs it with its service file. */
    private Path buildTinyPluginJar(Path jar) throws Exception {
        return buildPluginJar(jar, "com.example.tiny.TinyPlugin", SOURCE);
    }

    /** Compiles {@code source} (class {@code pluginClass}) against plugin-api alone and packs it with its service file. */
    private Path buildPluginJar(Path jar, String pluginClass, String source) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src-" + jar.getFileName()));
        Path classes = Files.createDirectories(dir.resolve("classes-" + jar.getFileName()));
        Path file = src.resolve(pluginClass.substring(pluginClass.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        String api = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, null, diagnostics, "--release", "17", "-cp", api, "-d", classes.toString(), file.toString());
        assertThat(status).as(diagnostics.toString()).isZero();

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "9.9.9");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path c : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
            write(out, pluginClass + "\n");
            out.closeEntry();
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }
}
