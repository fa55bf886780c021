package io.cnnga.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.engine.plugin.PluginEntry;
import io.cnnga.engine.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code engine plugins}: every plugin found, with kind, id, version, its factory's one-line
 * {@code description()} and the JAR it came from.
 * JARs that failed to load are named on stderr; the others are still listed.
 *
 * <pre>{@code
 * bin/engine plugins
 * bin/engine plugins --json --plugin-dir ~/my-plugins
 * }</pre>
 */
@Command(name = "plugins", description = "List every plugin found: kind, id, version, description, source JAR.")
final class PluginsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PluginRegistry registry = common.registry();
        List<PluginEntry> entries = registry.entries().stream()
                .sorted(Comparator.comparing((PluginEntry e) -> e.kind()).thenComparing(PluginEntry::id))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = mapper.createObjectNode();
            ArrayNode list = root.putArray("plugins");
            for (PluginEntry e : entries) {
                list.addObject().put("kind", e.kind().section()).put("id", e.id()).put("version", e.version())
                        .put("source", e.source()).put("description", e.description());
            }
            ArrayNode problems = root.putArray("problems");
            registry.problems().forEach(problems::add);
            out.println(mapper.writeValueAsString(root));
        } else {
            int idWidth = Math.max(2, entries.stream().mapToInt(e -> e.id().length()).max().orElse(2));
            int versionWidth = Math.max(7, entries.stream().mapToInt(e -> e.version().length()).max().orElse(7));
            int descriptionWidth = Math.max(11, entries.stream().mapToInt(e -> oneLine(e.description()).length()).max().orElse(11));
            String format = "%-9s %-" + idWidth + "s %-" + versionWidth + "s %-" + descriptionWidth + "s %s%n";
            out.printf(Locale.ROOT, format, "KIND", "ID", "VERSION", "DESCRIPTION", "SOURCE");
            for (PluginEntry e : entries) {
                out.printf(Locale.ROOT, format, e.kind().section(), e.id(), e.version(), oneLine(e.description()), e.source());
            }
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (String problem : registry.problems()) {
            err.println("warning: " + problem);
        }
        err.flush();
        return ExitCode.OK;
    }

    /** A description as one table cell: a plugin's line breaks would break the table's rows. */
    static String oneLine(String description) {
        return description.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
