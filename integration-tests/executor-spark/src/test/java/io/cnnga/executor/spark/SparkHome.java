package io.cnnga.executor.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper: a Spark home whose {@code jars/} holds this class path's JARs, which is what a
 * standalone worker (of a {@code local-cluster} master or a real one) launches executors from.
 * The module's surefire sets {@code SPARK_HOME} to {@code target/spark-home}.
 *
 * <pre>{@code
 * Path home = SparkHome.fill(Path.of(System.getenv("SPARK_HOME")));
 * }</pre>
 */
final class SparkHome {

    private SparkHome() {
    }

    /** Links this class path's JARs into {@code home/jars} (once) and returns {@code home}. */
    static synchronized Path fill(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        // Spark's launcher reads the Scala version off a build folder where there is no release file.
        Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        return home;
    }
}
