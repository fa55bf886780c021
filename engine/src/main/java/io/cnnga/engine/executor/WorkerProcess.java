package io.cnnga.engine.executor;

import io.cnnga.api.RemoteTrials;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Trains one trial in a child JVM, {@code engine worker}: the trial's request
 * ({@link RemoteTrials#request}) goes in on its standard input, the answer comes back on its
 * standard output after the progress lines ({@link WorkerOutput}).
 * Whatever happens to the child — a crash, a kill, memory a framework never gives back, a hang
 * past the timeout — costs that one trial, which comes back {@code FAILED} with the reason.
 *
 * <pre>{@code
 * WorkerProcess worker = new WorkerProcess(List.of("-Xmx4g"), 600);
 * TrialResult result = worker.run(trial, context.remote(), TrainingListener.NONE);
 * }</pre>
 *
 * <p>The child is this JVM's {@code java} with this JVM's {@code -Dcnnga.*} settings, and the
 * class path and plugin folders of {@link RemoteTrials}; it builds the plan's data and backend
 * itself. Its standard error is kept (the last lines) for the failure reason. The child ends
 * itself when this process dies.
 */
final class WorkerProcess {

    static final String MAIN_CLASS = "io.cnnga.engine.cli.EngineCommand";
    static final String COMMAND = "worker";
    private static final int STDERR_LINES = 20;
    private static final int FIRST_SIGNAL_STATUS = 128;

    private final List<String> javaOptions;
    private final double timeoutSeconds;

    /**
     * @param javaOptions    options for each child JVM, before the main class
     * @param timeoutSeconds a child running longer is killed and its trial fails; 0 = never
     */
    WorkerProcess(List<String> javaOptions, double timeoutSeconds) {
        this.javaOptions = List.copyOf(javaOptions);
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The child's command line. */
    List<String> command(RemoteTrials remote) {
        List<String> command = new ArrayList<>();
        command.add(EngineProcess.javaExecutable().toString());
        command.addAll(EngineProcess.inheritedJvmOptions());
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, remote.classPath()));
        command.add(MAIN_CLASS);
        command.add(COMMAND);
        String home = System.getProperty("cnnga.home");
        for (String dir : remote.pluginFolders()) {
            // the child reads its installation's plugins.d by itself, like every command
            if (home == null || !Path.of(dir).equals(Path.of(home, "plugins.d").toAbsolutePath().normalize())) {
                command.add("--plugin-dir");
                command.add(dir);
            }
        }
        return command;
    }

    /** Trains {@code trial} in a new child JVM; never throws for what happens to the child. */
    TrialResult run(Trial trial, RemoteTrials remote, TrainingListener progress) {
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command(remote)).start();
        } catch (IOException e) {
            return TrialResult.failed(trial, List.of(), seconds(start), "cannot start a worker process: " + e.getMessage());
        }
        String who = "worker process (pid " + process.pid() + ")";
        AtomicReference<String> result = new AtomicReference<>();
        Deque<String> stderr = new ArrayDeque<>();
        Thread out = daemon("cnnga-worker-" + process.pid() + "-out", () -> readLines(process.getInputStream(), line ->
                WorkerOutput.read(line, progress).ifPresent(result::set)));
        Thread err = daemon("cnnga-worker-" + process.pid() + "-err", () -> readLines(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.addLast(line);
                if (stderr.size() > STDERR_LINES) {
                    stderr.removeFirst();
                }
            }
        }));
        try (OutputStream in = process.getOutputStream()) {
            in.write(remote.request(trial).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The child died before reading its trial: its exit status says why.
        }

        boolean timedOut;
        try {
            timedOut = !waitFor(process);
            if (timedOut) {
                kill(process);
            }
            out.join(TimeUnit.SECONDS.toMillis(10));
            err.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return TrialResult.failed(trial, List.of(), seconds(start), who + " was stopped: the engine was interrupted");
        }
        double seconds = seconds(start);
        if (timedOut) {
            return TrialResult.failed(trial, List.of(), seconds, String.format(Locale.ROOT,
                    "%s timed out after %.0f s (executor.options.trialTimeout) and was killed", who, timeoutSeconds));
        }
        int status = process.exitValue();
        String lastError = lastMeaningfulLine(stderr);
        if (status == 0 && result.get() != null) {
            return remote.result(trial, result.get());
        }
        String reason;
        if (status > FIRST_SIGNAL_STATUS && status < FIRST_SIGNAL_STATUS + 65) {
            int signal = status - FIRST_SIGNAL_STATUS;
            reason = who + " was killed by signal " + signal + signalName(signal)
                    + (signal == 9 ? " (killed from outside, often by the kernel's out-of-memory killer)" : "");
        } else if (status != 0) {
            reason = who + " exited with status " + status + (lastError.isEmpty() ? "" : ": " + lastError);
        } else {
            reason = who + " exited without writing a result" + (lastError.isEmpty() ? "" : ": " + lastError);
        }
        return TrialResult.failed(trial, List.of(), seconds, String.format(Locale.ROOT, "%s after %.1f s", reason, seconds));
    }

    private boolean waitFor(Process process) throws InterruptedException {
        if (timeoutSeconds <= 0) {
            process.waitFor();
            return true;
        }
        return process.waitFor((long) Math.ceil(timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL to the child and anything it started. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }

    /** The last line of the child's stderr that says something: an error, preferably. */
    private static String lastMeaningfulLine(Deque<String> stderr) {
        synchronized (stderr) {
            List<String> lines = new ArrayList<>(stderr);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i).strip();
                if (line.startsWith("error:") || line.startsWith("internal error:") || line.contains("Exception")) {
                    return line;
                }
            }
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
            return "";
        }
    }

    private interface LineHandler {
        void handle(String line);
    }

    private static void readLines(InputStream stream, LineHandler handler) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                handler.handle(line);
            }
        } catch (IOException e) {
            // the child is gone; its exit status tells the story
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
