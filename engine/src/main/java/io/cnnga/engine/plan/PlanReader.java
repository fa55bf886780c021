package io.cnnga.engine.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a plan file into a {@link Plan}, filling in the paper's defaults; every error names the
 * JSON path of the offending value.
 *
 * <pre>{@code
 * Plan plan = PlanReader.read(Path.of("plans/quickstart.json"));
 * // a bad value fails with e.g. "search.population: must be between 2 and 1000, was 0"
 * }</pre>
 *
 * <p>Each section is consumed with {@link Options}, the same class plugins use for their options,
 * so a misspelt key anywhere is an error listing the accepted keys. Plugin options are kept as
 * given: their factories check them. {@code plans/plan.schema.json} states the same rules as a JSON
 * Schema for editors (a test keeps the two in agreement); a plan's {@code "$schema"} key, naming it,
 * is ignored here.
 */
public final class PlanReader {

    /** Each bit of a child flips with this probability unless the plan says otherwise: one flip per 20-bit genome. */
    public static final double DEFAULT_MUTATION = 0.05;
    /** Contestants of a tournament unless the plan says otherwise (at most the population). */
    public static final int DEFAULT_TOURNAMENT = 3;

    /** The key a plan may name its JSON Schema with, for editors' completion; read and ignored. */
    public static final String SCHEMA_KEY = "$schema";

    /** The backend of a plan that names none: TensorFlow. */
    public static final String DEFAULT_BACKEND = "tensorflow";

    /**
     * Genomes per generation at most. The paper's population is 4; every genome of a generation is
     * trained before the next starts, so 1,000 already means about 17 hours a generation at one
     * minute a trial, and a 20-bit genome has only 1,048,576 values.
     */
    public static final int MAX_POPULATION = 1_000;
    /** Generations at most (the paper's: 20). */
    public static final int MAX_GENERATIONS = 1_000;
    /**
     * Trials (population × generations) a run may hold at most: the journal keeps one line per trial
     * and resume and the report read all of them into memory.
     */
    public static final long MAX_TRIALS = 100_000;
    /**
     * Characters of a run name at most. The name is a folder's ({@code runs/NAME}, and
     * {@code NAME-compare-N} beside it), and file systems allow 255 bytes per name.
     */
    public static final int MAX_NAME_LENGTH = 200;
    /** Bytes of one file or folder name on ext4, XFS, Btrfs, APFS and NTFS alike. */
    static final int MAX_FILE_NAME_BYTES = 255;
    /** What {@code compare} may append to the run folder's name for the folder beside it: {@code -compare-999}. */
    static final int COMPARE_SUFFIX_BYTES = "-compare-999".length();

    /** The dataset option resolved against the plan file's folder when relative. */
    static final String DATASET_PATH = "path";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PlanReader() {
    }

    /**
     * @throws InvalidInputException when the file is missing, not JSON, or not a valid plan
     */
    public static Plan read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such plan file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read plan: " + e.getMessage());
        }
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        Plan plan = parse(text, file.toString(), stem);
        return withDatasetPathFrom(plan, file.toAbsolutePath().normalize().getParent());
    }

    /**
     * The plan with its dataset's {@code path} option, when relative, resolved against the plan
     * file's folder, so that a plan finds its data from any working directory and errors name the
     * absolute path tried; the run folder's copy of the plan keeps the absolute path. Every
     * built-in dataset names its files with {@code path}; an option under another name is passed
     * on as written.
     */
    static Plan withDatasetPathFrom(Plan plan, Path folder) {
        Object value = plan.dataset().options().get(DATASET_PATH);
        if (!(value instanceof String path) || path.isBlank() || folder == null) {
            return plan;
        }
        Path given;
        try {
            given = Path.of(path);
        } catch (InvalidPathException e) {
            return plan; // the dataset names it in its own error
        }
        if (given.isAbsolute()) {
            return plan;
        }
        Map<String, Object> options = new LinkedHashMap<>(plan.dataset().options());
        options.put(DATASET_PATH, folder.resolve(given).normalize().toString());
        return plan.withDataset(new PluginChoice(plan.dataset().id(), options));
    }

    /**
     * @param text        the JSON
     * @param source      where it came from, for syntax errors
     * @param defaultName the name when the plan gives none
     */
    public static Plan parse(String text, String source, String defaultName) {
        Object root;
        try {
            root = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidInputException(source + ": invalid JSON" + where + ": " + e.getOriginalMessage()
                    + "; fix the syntax (a JSON validator shows the spot)");
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidOptionException("(root)", "a plan must be a JSON object {...}");
        }
        @SuppressWarnings("unchecked")
        Options top = Options.of("", (Map<String, Object>) map);
        return resolve(top, defaultName);
    }

    private static Plan resolve(Options top, String defaultName) {
        // Names the plan's JSON Schema (plans/plan.schema.json) for editors; nothing for the engine.
        top.string(SCHEMA_KEY, null);
        String name = top.string("name", defaultName);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidOptionException("name",
                    "must be letters, digits, '.', '_' or '-' (it names folders), was \"" + name + "\"");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidOptionException("name", "is " + name.length() + " characters long, at most "
                    + MAX_NAME_LENGTH + " are allowed (it names the run folder, and file systems allow 255 bytes per"
                    + " name); shorten it");
        }
        long seed = top.longValue("seed", 42);
        if (!top.has("dataset")) {
            throw new InvalidOptionException("dataset",
                    "is required, e.g. \"dataset\": {\"id\": \"fashion-mnist\"}");
        }
        PluginChoice dataset = plugin(top, "dataset", null);
        PluginChoice decoder = plugin(top, "decoder", "paper");
        PluginChoice backend = plugin(top, "backend", DEFAULT_BACKEND);
        PluginChoice executor = plugin(top, "executor", "local");

        Options t = top.object("training");
        TrainingSettings paperTraining = TrainingSettings.PAPER;
        int epochs = t.integer("epochs", paperTraining.epochs(), 1, 10_000);
        int batchSize = t.integer("batchSize", paperTraining.batchSize(), 1, 1 << 20);
        double learningRate = positive(t, "learningRate", paperTraining.learningRate());
        double maxTrialSeconds = t.number("maxTrialSeconds", paperTraining.maxTrialSeconds(), 0, Double.MAX_VALUE);
        Pruner pruner = Pruner.of(t.choice("pruner", Pruner.NONE.id(), Pruner.ids()));
        int warmupTrials = t.integer("warmupTrials", paperTraining.warmupTrials(), 0, 1_000_000);
        int reductionFactor = t.integer("reductionFactor", paperTraining.reductionFactor(), 2, 1_000);
        List<Double> checkpoints = t.has("checkpoints") ? checkpoints(t)
                : TrainingSettings.defaultCheckpoints(pruner, epochs, reductionFactor);
        if (pruner != Pruner.NONE && checkpoints.isEmpty() && epochs == 1) {
            throw new InvalidOptionException(t.pathOf("checkpoints"), "the " + pruner.id() + " pruner judges one-epoch "
                    + "trials at checkpoints; give at least one, e.g. [0.25, 0.5]");
        }
        TrainingSettings training = new TrainingSettings(epochs, batchSize, learningRate, maxTrialSeconds, checkpoints,
                pruner, warmupTrials, reductionFactor);
        t.finish();

        Options s = top.object("search");
        SearchSettings paper = SearchSettings.paper();
        int population = s.integer("population", paper.population(), 2, MAX_POPULATION);
        int generations = s.integer("generations", paper.generations(), 1, MAX_GENERATIONS);
        if ((long) population * generations > MAX_TRIALS) {
            throw new InvalidOptionException(s.pathOf("generations"), generations + " generations of " + population
                    + " genomes are " + (long) population * generations + " trials, more than the " + MAX_TRIALS
                    + " a run may hold; lower search.generations or search.population");
        }
        // Defaults are what measured best (engine study, plans/quickstart.json); the paper's plans say theirs.
        double mutation = s.number("mutationProbability", DEFAULT_MUTATION, 0, 1);
        double crossover = s.number("crossoverProbability", paper.crossoverProbability(), 0, 1);
        Selector selector = Selector.of(s.choice("selector", Selector.TOURNAMENT.id(), Selector.ids()));
        int tournamentSize = s.integer("tournamentSize", Math.min(DEFAULT_TOURNAMENT, population), 2, population);
        int elites = s.integer("elites", paper.elites(), 0, population - 1);
        double maxFlops = s.number("maxForwardFlops", paper.maxForwardFlops(), 0, Double.MAX_VALUE);
        double maxParams = s.number("maxParams", paper.maxParams(), 0, Double.MAX_VALUE);
        int trainLimit = s.integer("trainLimit", paper.trainLimit(), 0, Integer.MAX_VALUE);
        Strategy strategy = Strategy.of(s.choice("strategy", Strategy.GA.id(), Strategy.ids()));
        Repair repair = Repair.of(s.choice("repair", Repair.NEAREST.id(), Repair.ids()));
        boolean distinctChildren = s.bool("distinctChildren", true);
        List<Objective> objectives = objectives(s);
        s.finish();
        SearchSettings search = new SearchSettings(population, generations, mutation, crossover, selector,
                tournamentSize, elites, maxFlops, maxParams, trainLimit, strategy, repair, distinctChildren, objectives);

        Options f = top.object("final");
        int finalEpochs = f.integer("epochs", 20, 0, 10_000);
        FinalSelect select = finalSelect(f, objectives);
        boolean front = f.bool("front", false);
        if ((front || select != FinalSelect.ACCURACY) && objectives.size() < 2) {
            throw new InvalidOptionException(f.pathOf(front ? "front" : "select"), "needs a multi-objective search: "
                    + "give search.objectives a cost besides accuracy, e.g. [\"accuracy\", \"flops\"]");
        }
        FinalSettings finalTraining = new FinalSettings(finalEpochs, select, front);
        f.finish();

        String output = top.string("output", "runs/" + name);
        if (output.isBlank()) {
            throw new InvalidOptionException("output", "must name a folder, was empty");
        }
        checkFileNames(output);
        top.finish();
        return new Plan(name, seed, dataset, decoder, backend, executor, training, search, finalTraining, output);
    }

    /**
     * Each folder name of {@code output} must fit a file system's 255 bytes, the last one with room
     * for the {@code -compare-N} folder {@code compare} puts beside it.
     */
    private static void checkFileNames(String output) {
        String[] parts = output.split("/");
        for (int i = 0; i < parts.length; i++) {
            int bytes = parts[i].getBytes(StandardCharsets.UTF_8).length;
            boolean last = i == parts.length - 1;
            int limit = last ? MAX_FILE_NAME_BYTES - COMPARE_SUFFIX_BYTES : MAX_FILE_NAME_BYTES;
            if (bytes > limit) {
                throw new InvalidOptionException("output", "the folder name \"" + abbreviate(parts[i]) + "\" is "
                        + bytes + " bytes long; file systems allow " + MAX_FILE_NAME_BYTES + " bytes per name"
                        + (last ? " (and the run's -compare-N folder beside it needs " + COMPARE_SUFFIX_BYTES
                        + " more)" : "") + "; shorten it");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10);
    }

    /** Whether {@code id} is a plugin id a plan can name: lower-case kebab-case, such as {@code fashion-mnist}. */
    public static boolean isPluginId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static PluginChoice plugin(Options top, String section, String defaultId) {
        if (!top.has(section)) {
            return PluginChoice.of(defaultId);
        }
        Options o = top.object(section);
        String id = defaultId == null ? o.requiredString("id") : o.string("id", defaultId);
        if (!ID.matcher(id).matches()) {
            throw new InvalidOptionException(section + ".id",
                    "must be a lower-case kebab-case plugin id, was \"" + id + "\"");
        }
        Map<String, Object> options = Map.of();
        if (o.has("options")) {
            Options nested = o.object("options");
            options = nested.values();
        }
        o.finish();
        return new PluginChoice(id, options);
    }

    /** {@code final.select}: "accuracy", "knee", or one constraint {"maxFlops" | "maxParams" | "maxLatencyMs": N} on an objective. */
    private static FinalSelect finalSelect(Options f, List<Objective> objectives) {
        if (!f.has("select")) {
            return FinalSelect.ACCURACY;
        }
        String path = f.pathOf("select");
        Object raw = f.values().get("select");
        if (raw instanceof String rule) {
            String chosen = f.choice("select", "accuracy", List.of("accuracy", "knee"));
            return chosen.equals("knee") ? FinalSelect.KNEE : FinalSelect.ACCURACY;
        }
        Options c = f.object("select");
        if (c.values().size() != 1) {
            throw new InvalidOptionException(path, "a constraint is one of " + FinalSelect.CONSTRAINT_KEYS.keySet()
                    + " with a number, e.g. {\"maxFlops\": 1e7}; was " + c.values().keySet());
        }
        String key = c.values().keySet().iterator().next();
        Objective cost = FinalSelect.CONSTRAINT_KEYS.get(key);
        if (cost == null) {
            throw new InvalidOptionException(path + "." + key, "is not a constraint; give one of "
                    + FinalSelect.CONSTRAINT_KEYS.keySet());
        }
        double max = c.number(key, 0, Double.MIN_VALUE, Double.MAX_VALUE);
        c.finish();
        if (!objectives.contains(cost)) {
            throw new InvalidOptionException(path + "." + key, "bounds " + cost.id() + ", which search.objectives "
                    + objectives.stream().map(Objective::id).toList() + " does not include");
        }
        return FinalSelect.atMost(cost, max);
    }

    /** {@code search.objectives}: accuracy and, for a multi-objective search, costs; each once. */
    private static List<Objective> objectives(Options s) {
        List<String> names = s.strings("objectives", List.of(Objective.ACCURACY.id()));
        List<Objective> out = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String path = s.pathOf("objectives") + "[" + i + "]";
            Objective o;
            try {
                o = Objective.of(names.get(i));
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException(path, e.getMessage());
            }
            if (out.contains(o)) {
                throw new InvalidOptionException(path, "\"" + o.id() + "\" is listed twice");
            }
            out.add(o);
        }
        if (!out.contains(Objective.ACCURACY)) {
            throw new InvalidOptionException(s.pathOf("objectives"), "must include \"accuracy\" (costs are traded "
                    + "against it), was " + names);
        }
        return out;
    }

    /** {@code training.checkpoints}: fractions strictly ascending in (0, 1). */
    private static List<Double> checkpoints(Options t) {
        List<Double> fractions = t.numbers("checkpoints", List.of());
        double previous = 0;
        for (int i = 0; i < fractions.size(); i++) {
            String path = t.pathOf("checkpoints") + "[" + i + "]";
            double f = fractions.get(i);
            if (!(f > 0 && f < 1)) {
                throw new InvalidOptionException(path, "must be a fraction of the training in (0, 1), was " + f);
            }
            if (!(f > previous)) {
                throw new InvalidOptionException(path, "checkpoints must be strictly ascending, " + f + " follows " + previous);
            }
            previous = f;
        }
        return fractions;
    }

    private static double positive(Options o, String key, double defaultValue) {
        double value = o.number(key, defaultValue);
        if (!(value > 0)) {
            throw new InvalidOptionException(o.pathOf(key), "must be > 0, was " + value);
        }
        return value;
    }
}
