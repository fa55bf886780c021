package io.cnnga.engine.executor;

import io.cnnga.engine.cli.EngineCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code engine worker} in this JVM: the protocol on stdout, a bad request refused. */
class WorkerCommandTest {

    record Outcome(int status, String out, String err) {
    }

    static Outcome worker(String stdin) {
        InputStream in = System.in;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            CommandLine cli = EngineCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return new Outcome(cli.execute("worker"), out.toString(), err.toString());
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void trainsTheRequestAndWritesProgressThenTheResult() {
        String request = """
                {"plan": {"name": "w", "seed": 2, "dataset": {"id": "synthetic", "options": {"height": 8, "width": 8,
                          "classes": 2, "trainSize": 64, "testSize": 8}}, "backend": {"id": "tensorflow",
                          "options": {"device": "cpu"}}, "training": {"epochs": 1}},
                 "trial": {"generation": 3, "index": 1, "genome": "00000000000000000000",
                           "config": {"epochs": 1, "batchSize": 32, "learningRate": 0.001, "seed": 2}}}""";
        Outcome outcome = worker(request);
        assertThat(outcome.status()).as(outcome.err()).isZero();
        List<String> lines = outcome.out().lines().toList();
        assertThat(lines.get(0)).startsWith("{\"type\":\"step\",\"epoch\":1,\"step\":1,\"steps\":");
        assertThat(lines).anyMatch(l -> l.startsWith("{\"type\":\"epoch\",\"epoch\":1,"));
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"type\":\"result\",\"generation\":3,\"index\":1,"
                + "\"genome\":\"00000000000000000000\",\"status\":\"COMPLETE\"");
    }

    @Test
    void somethingThatIsNoTrialRequestExitsTwo() {
        Outcome outcome = worker("{\"trial\": {}}");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).isEqualTo("error: a trial request is {\"plan\": {...}, \"trial\": {...}}\n");
        assertThat(outcome.out()).isEmpty();
    }
}
