package io.cnnga.engine.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.plan.FinalSelect;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plans/plan.schema.json} and {@link PlanReader} state the same rules: the same keys in
 * every section, the same defaults, the same bounds and choices (probed at and beyond each bound
 * the schema gives, both ways); every shipped plan names the schema and passes it; and every bad
 * plan of {@link ValidateCommandTest} that a JSON Schema can express is rejected by it.
 */
class PlanSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "{\"dataset\": {\"id\": \"synthetic\"}}";
    private static final String VALUE = "@@probe@@";

    /**
     * The bad plans of ValidateCommandTest no JSON Schema can reject, by the error they expect, and why.
     * Each must still pass the schema (else it belongs to the rejected ones).
     */
    private static final Map<String, String> NOT_EXPRESSIBLE = Map.ofEntries(
            Map.entry("Duplicate field 'seed'", "a parsed document has no duplicate keys to see"),
            Map.entry("dataset.id: unknown dataset \"nope\"; available: ", "which plugins are installed"),
            Map.entry("decoder.id: unknown decoder \"nope\"", "which plugins are installed"),
            Map.entry("backend.id: unknown backend \"caffe\"", "which plugins are installed"),
            Map.entry("training.checkpoints[1]: checkpoints must be strictly ascending, 0.25 follows 0.5", "order of items"),
            Map.entry("search.elites: must be between 0 and 3, was 4", "a bound that is another key's value"),
            Map.entry("search.generations: 101 generations of 1000 genomes are 101000 trials, more than the 100000",
                    "a product of two keys"),
            Map.entry("output: the folder name \"éééééééééééééééééééé...éééééééééé\" is 256 bytes long; file systems"
                    + " allow 255 bytes per name; shorten it", "UTF-8 bytes (the schema counts characters)"));

    /** An error in a plugin's {@code options}, which the schema leaves open. */
    private static final Pattern PLUGIN_OPTION = Pattern.compile("(dataset|decoder|backend|executor)\\.options\\.");

    /** Keys whose default depends on other keys or on the file, so the schema describes it in words. */
    private static final Set<String> DERIVED_DEFAULTS = Set.of("name", "output", "training.checkpoints");

    private static Path plans;
    private static ObjectNode schemaTree;
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("plans/plan.schema.json"))) {
            dir = dir.getParent();
        }
        plans = dir.resolve("plans");
        String text = Files.readString(plans.resolve("plan.schema.json"));
        schemaTree = (ObjectNode) JSON.readTree(text);
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
    }

    @Test
    void everyShippedPlanNamesTheSchemaAndPassesItAndPlanReader() throws IOException {
        List<Path> shipped;
        try (Stream<Path> files = Files.list(plans)) {
            shipped = files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("plan.schema.json"))
                    .sorted().toList();
        }
        assertThat(shipped).extracting(p -> p.getFileName().toString())
                .contains("quickstart.json", "fashion-mnist.json", "paper-cifar10.json", "paper-cifar100.json");
        for (Path plan : shipped) {
            String text = Files.readString(plan);
            assertThat(JSON.readTree(text).get("$schema").asText()).as(plan.toString()).isEqualTo("./plan.schema.json");
            assertThat(errors(text)).as(plan.toString()).isEmpty();
            assertThat(PlanReader.read(plan).name()).as(plan.toString()).isNotBlank();
        }
    }

    @Test
    void everyBadPlanOfTheValidateTestsThatASchemaCanExpressIsRejected() {
        List<String> rejected = new ArrayList<>();
        Set<String> notExpressibleSeen = new TreeSet<>();
        for (Arguments arguments : ValidateCommandTest.malformedPlans().toList()) {
            String json = (String) arguments.get()[0];
            String expected = (String) arguments.get()[1];
            if (!isJson(json)) {
                continue;   // a syntax error or a duplicate key: what a schema validates is a parsed document
            }
            List<Error> errors = errors(json);
            if (PLUGIN_OPTION.matcher(expected).lookingAt()) {
                // the schema leaves a plugin's options open: what they accept is the plugin's to say
                assertThat(errors).as("plugin options are open, yet the schema rejects %s", json).isEmpty();
            } else if (NOT_EXPRESSIBLE.containsKey(expected)) {
                notExpressibleSeen.add(expected);
                assertThat(errors).as("listed as not expressible (%s), yet the schema rejects %s",
                        NOT_EXPRESSIBLE.get(expected), json).isEmpty();
            } else {
                assertThat(errors).as("the schema accepts the bad plan %s (validate says: %s)", json, expected).isNotEmpty();
                rejected.add(expected);
            }
        }
        assertThat(notExpressibleSeen).as("every case listed as not expressible is still a case of ValidateCommandTest")
                .containsAll(NOT_EXPRESSIBLE.keySet().stream().filter(k -> !k.startsWith("Duplicate")).toList());
        assertThat(rejected).hasSizeGreaterThan(30);
        System.out.println("schema rejects " + rejected.size() + " bad plans of ValidateCommandTest; "
                + NOT_EXPRESSIBLE.size() + " cannot be expressed (" + new TreeSet<>(NOT_EXPRESSIBLE.values()) + ")");
    }

    @Test
    void theSchemaNamesExactlyTheKeysPlanReaderAcceptsInEverySection() {
        Map<String, JsonNode> sections = sections();
        for (Map.Entry<String, JsonNode> section : sections.entrySet()) {
            Set<String> inSchema = new TreeSet<>();
            section.getValue().fieldNames().forEachRemaining(inSchema::add);
            assertThat(inSchema).as(section.getKey()).isEqualTo(acceptedByPlanReader(section.getKey()));
        }
        JsonNode constraint = schemaTree.at("/properties/final/properties/select/oneOf/1/properties");
        Set<String> constraintKeys = new TreeSet<>();
        constraint.fieldNames().forEachRemaining(constraintKeys::add);
        assertThat(constraintKeys).isEqualTo(new TreeSet<>(FinalSelect.CONSTRAINT_KEYS.keySet()));
    }

    @Test
    void everyDefaultOfTheSchemaIsPlanReadersDefault() throws IOException {
        Plan defaults = PlanReader.parse(BASE, "plan", "plan");
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonNode> leaf : leaves().entrySet()) {
            JsonNode property = leaf.getValue();
            String key = leaf.getKey();
            if (key.equals(PlanReader.SCHEMA_KEY)) {
                continue;   // names the schema, sets nothing
            }
            if (!property.has("default")) {
                assertThat(DERIVED_DEFAULTS).as("%s has no default in the schema; its description must say how "
                        + "PlanReader derives it, and it must be listed here", key).contains(key);
                assertThat(property.get("description").asText()).as(key).contains("Default");
                continue;
            }
            Plan given = PlanReader.parse(planWith(key, JSON.writeValueAsString(property.get("default")), Map.of()),
                    "plan", "plan");
            assertThat(given).as("%s given as the schema's default %s", key, property.get("default")).isEqualTo(defaults);
            checked.add(key);
        }
        for (String plugin : List.of("decoder", "backend", "executor")) {
            JsonNode id = schemaTree.at("/properties/" + plugin + "/properties/id/default");
            Plan given = PlanReader.parse(planWith(plugin, "{\"id\": " + JSON.writeValueAsString(id) + "}", Map.of()),
                    "plan", "plan");
            assertThat(given).as(plugin).isEqualTo(defaults);
            checked.add(plugin + ".id");
        }
        assertThat(checked).hasSizeGreaterThan(25);
    }

    @Test
    void schemaAndPlanReaderAcceptTheSameValuesAtAndBeyondEveryBound() throws IOException {
        int probes = 0;
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, JsonNode> leaf : leaves().entrySet()) {
            String key = leaf.getKey();
            for (String value : probes(key, leaf.getValue())) {
                String plan = planWith(key, value, context(key));
                boolean schemaSays = errors(plan).isEmpty();
                boolean readerSays = readerAccepts(plan);
                if (schemaSays != readerSays) {
                    disagreements.add(key + " = " + abbreviate(value) + ": schema " + (schemaSays ? "accepts" : "rejects")
                            + ", PlanReader " + (readerSays ? "accepts" : "rejects"));
                }
                probes++;
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(probes).isGreaterThan(150);
        System.out.println("schema and PlanReader agree on " + probes + " probes");
    }

    /** The probes of one key: its bounds, just beyond them, each choice, wrong types. */
    private static List<String> probes(String key, JsonNode p) {
        Set<String> out = new LinkedHashSet<>();
        switch (key) {
            case "name" -> out.addAll(List.of("\"ok\"", "\"a/b\"", "\"-x\"", "\"\"", q("n".repeat(200)), q("n".repeat(201))));
            case "output" -> out.addAll(List.of("\"runs/x\"", "\"\"", "\"  \"", q("r".repeat(243)), q("r".repeat(244)),
                    q("a/" + "r".repeat(255) + "/b"), q("a/" + "r".repeat(256) + "/b")));
            case "$schema" -> out.addAll(List.of("\"./plan.schema.json\"", "3"));
            case "search.objectives" -> out.addAll(List.of("[\"accuracy\"]", "[\"accuracy\", \"flops\", \"params\", \"latency\"]",
                    "[\"flops\"]", "[\"accuracy\", \"accuracy\"]", "[\"accuracy\", \"speed\"]", "[]", "\"accuracy\""));
            case "training.checkpoints" -> out.addAll(List.of("[0.5]", "[0.25, 0.5]", "[0]", "[1]", "[0.5, 0.5]", "[]",
                    "[\"x\"]", "0.5"));
            case "final.select" -> out.addAll(List.of("\"accuracy\"", "\"knee\"", "\"best\"", "{\"maxFlops\": 1e7}",
                    "{\"maxParams\": 0}", "{\"maxLatencyMs\": 2.5}", "{\"maxFlops\": 1, \"maxParams\": 1}", "{}",
                    "{\"maxSpeed\": 1}", "5"));
            default -> out.addAll(generated(p));
        }
        return List.copyOf(out);
    }

    /** Probes derived from the schema's own keywords for a number, an integer, a choice or a boolean. */
    private static List<String> generated(JsonNode p) {
        List<String> out = new ArrayList<>();
        if (p.has("enum")) {
            p.get("enum").forEach(v -> out.add(v.toString()));
            out.addAll(List.of("\"bogus\"", "1"));
            return out;
        }
        String type = p.path("type").asText();
        switch (type) {
            case "boolean" -> out.addAll(List.of("true", "false", "\"yes\"", "1"));
            case "integer", "number" -> {
                boolean integer = type.equals("integer");
                java.math.BigDecimal step = integer ? java.math.BigDecimal.ONE : new java.math.BigDecimal("0.001");
                if (p.has("minimum")) {
                    out.add(p.get("minimum").decimalValue().toPlainString());
                    out.add(p.get("minimum").decimalValue().subtract(step).toPlainString());
                }
                if (p.has("maximum")) {
                    out.add(p.get("maximum").decimalValue().toPlainString());
                    out.add(p.get("maximum").decimalValue().add(step).toPlainString());
                } else if (!p.has("exclusiveMaximum")) {
                    out.add(integer ? "2147483647" : "1e300");
                }
                if (p.has("exclusiveMaximum")) {
                    out.add(p.get("exclusiveMaximum").decimalValue().toPlainString());
                    out.add(p.get("exclusiveMaximum").decimalValue().subtract(step).toPlainString());
                }
                if (p.has("exclusiveMinimum")) {
                    out.add(p.get("exclusiveMinimum").decimalValue().toPlainString());
                    out.add(p.get("exclusiveMinimum").decimalValue().add(step).toPlainString());
                }
                if (integer) {
                    out.addAll(List.of("2.5", "1e19"));
                }
                out.addAll(List.of("\"1\"", "true"));
            }
            default -> throw new AssertionError("no probes for a property of type " + type + ": " + p);
        }
        return out;
    }

    /** Other keys a probe needs so that bounds relative to them coincide with the schema's. */
    private static Map<String, String> context(String key) {
        if (key.equals("search.elites") || key.equals("search.tournamentSize")) {
            return Map.of("search.population", "1000", "search.generations", "1");
        }
        if (key.equals("search.population")) {
            return Map.of("search.generations", "1");
        }
        if (key.startsWith("final.")) {
            return Map.of("search.objectives", "[\"accuracy\", \"flops\", \"params\", \"latency\"]");
        }
        return Map.of();
    }

    /** The base plan with {@code key} (a top-level key or SECTION.KEY) set to the raw JSON {@code value}, and the context. */
    private static String planWith(String key, String value, Map<String, String> context) throws IOException {
        ObjectNode plan = (ObjectNode) JSON.readTree(BASE);
        Map<String, String> all = new LinkedHashMap<>(context);
        all.put(key, VALUE);
        List<String> raw = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> e : all.entrySet()) {
            String token = VALUE + (n++);
            raw.add(e.getKey().equals(key) ? value : e.getValue());
            String[] path = e.getKey().split("\\.", 2);
            if (path.length == 1) {
                plan.put(path[0], token);
            } else {
                ObjectNode section = plan.has(path[0]) ? (ObjectNode) plan.get(path[0]) : plan.putObject(path[0]);
                section.put(path[1], token);
            }
        }
        String text = JSON.writeValueAsString(plan);
        for (int i = 0; i < raw.size(); i++) {
            text = text.replace("\"" + VALUE + i + "\"", raw.get(i));
        }
        return text;
    }

    /** Every key the schema gives a sub-schema for: top-level keys as they are, SECTION.KEY for training, search and final. */
    private static Map<String, JsonNode> leaves() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode top = schemaTree.get("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = top.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (List.of("dataset", "decoder", "backend", "executor", "training", "search", "final").contains(e.getKey())) {
                continue;
            }
            out.put(e.getKey(), e.getValue());
        }
        for (String section : List.of("training", "search", "final")) {
            top.get(section).get("properties").fields().forEachRemaining(e -> out.put(section + "." + e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Each section's properties in the schema: "" the plan itself, then the sections by name. */
    private static Map<String, JsonNode> sections() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("", schemaTree.get("properties"));
        for (String section : List.of("training", "search", "final")) {
            out.put(section, schemaTree.get("properties").get(section).get("properties"));
        }
        for (String plugin : List.of("dataset", "decoder", "backend", "executor")) {
            out.put(plugin, schemaTree.get("$defs").get("plugin").get("properties"));
        }
        return out;
    }

    /** The keys PlanReader accepts in a section, as the error for an unknown key lists them. */
    private static Set<String> acceptedByPlanReader(String section) {
        String plan = section.isEmpty() ? "{\"dataset\": {\"id\": \"synthetic\"}, \"zzz\": 1}"
                : section.equals("dataset") ? "{\"dataset\": {\"id\": \"synthetic\", \"zzz\": 1}}"
                : "{\"dataset\": {\"id\": \"synthetic\"}, \"" + section + "\": {\"zzz\": 1}}";
        try {
            PlanReader.parse(plan, "plan", "plan");
        } catch (InvalidInputException e) {
            String prefix = (section.isEmpty() ? "" : section + ".") + "zzz: unknown option; accepted: ";
            assertThat(e.getMessage()).startsWith(prefix);
            return new TreeSet<>(Arrays.asList(e.getMessage().substring(prefix.length()).split(", ")));
        }
        throw new AssertionError("PlanReader accepted an unknown key in section '" + section + "'");
    }

    private static List<Error> errors(String json) {
        return schema.validate(json, InputFormat.JSON);
    }

    private static boolean readerAccepts(String json) {
        try {
            PlanReader.parse(json, "plan", "plan");
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static boolean isJson(String text) {
        try {
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(text);
            return !text.isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 40) + "..." + s.substring(s.length() - 10);
    }
}
