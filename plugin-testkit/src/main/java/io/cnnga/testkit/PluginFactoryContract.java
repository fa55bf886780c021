package io.cnnga.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.api.Plugin;
import io.cnnga.api.PluginFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every plugin factory owes the engine, whatever it creates: an id a plan can name, a
 * one-line description, a service registration the engine finds, and options checked key by key.
 * {@link DecoderContract}, {@link DatasetContract}, {@link BackendContract} and
 * {@link ExecutorContract} extend it; a plugin's tests extend one of those.
 *
 * <pre>{@code
 * class MyDecoderTest extends DecoderContract {
 *     protected DecoderFactory factory() { return new MyDecoderFactory(); }
 * }
 * }</pre>
 *
 * @param <T> what the factory creates
 */
public abstract class PluginFactoryContract<T> {

    /** The ids a plan can name: lower-case kebab-case, as the engine checks when it registers a factory. */
    public static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** A key no factory accepts: {@link #anUnknownOptionIsRejectedNamingItsPath()} adds it. */
    static final String UNKNOWN_KEY = "noSuchOptionAnywhere";

    /** The factory under test. */
    protected abstract PluginFactory<T> factory();

    /** The plan section that chooses this kind of plugin: {@code decoder}, {@code dataset}, ... */
    protected abstract String section();

    /**
     * The {@code options} object of a plan that makes a working plugin for these tests (the
     * contracts call it after the subclass's {@code @BeforeEach}, so it may name files written
     * there); empty by default.
     */
    protected Map<String, Object> options() {
        return Map.of();
    }

    /**
     * Options the factory must refuse, each key with a bad value, merged one at a time into
     * {@link #options()}: each must fail with an {@link InvalidOptionException} whose
     * {@link InvalidOptionException#path() path} is {@code SECTION.options.KEY} (or inside it:
     * {@code KEY[0]}, {@code KEY.inner}), from
     * {@code create} or from the plugin's first use ({@link #use}). Empty by default; list the
     * options whose checks matter, e.g. {@code Map.of("validationFraction", 1.5)}.
     */
    protected Map<String, Object> invalidOptions() {
        return Map.of();
    }

    /**
     * Exercises a freshly created plugin the way the engine first uses it, and releases it: a
     * dataset's {@code info()} and {@code load}, a backend's {@code close}, ...
     */
    protected abstract void use(T created);

    /** {@code options()} as the engine hands them to {@code create}, at {@code SECTION.options}. */
    protected final Options planOptions(Map<String, ?> values) {
        return Options.of(section() + ".options", values);
    }

    /** Creates the plugin from {@link #options()} as the engine does: create, then {@code finish()}. */
    protected final T create() {
        Options options = planOptions(options());
        T created = factory().create(options);
        options.finish();
        return created;
    }

    @Test
    public void theIdIsOneAPlanCanName() {
        String id = factory().id();
        assertNotNull(id, "id() is null");
        assertTrue(ID.matcher(id).matches(), () -> "id() \"" + id + "\" is not lower-case kebab-case (such as my-"
                + section() + "); the engine refuses it");
    }

    @Test
    public void theDescriptionIsOneLine() {
        String description = factory().description();
        assertNotNull(description, "description() is null; return one line for bin/engine plugins");
        assertFalse(description.contains("\n") || description.contains("\r"),
                () -> "description() spans several lines, bin/engine plugins shows one: " + description);
    }

    /**
     * The JAR's {@code META-INF/services/io.cnnga.api.Plugin} names a {@link Plugin} offering a
     * factory of this class under this id: what the engine looks for.
     */
    @Test
    public void theServiceLoaderFindsTheFactory() {
        String id = factory().id();
        Class<?> type = factory().getClass();
        List<String> offered = new java.util.ArrayList<>();
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            for (PluginFactory<?> f : factories(plugin)) {
                if (f != null && f.getClass() == type && id.equals(f.id())) {
                    return;
                }
                offered.add(f == null ? "null" : f.id());
            }
        }
        fail("no Plugin found by ServiceLoader offers " + type.getName() + " as " + section() + " \"" + id
                + "\" (" + section() + "s offered: " + (offered.isEmpty() ? "none" : String.join(", ", offered))
                + "); list the Plugin class in src/main/resources/META-INF/services/" + Plugin.class.getName()
                + " and return the factory from its " + section() + "s()");
    }

    /** The factories of this kind {@code plugin} offers. */
    abstract List<? extends PluginFactory<?>> factories(Plugin plugin);

    @Test
    public void theTestOptionsMakeAWorkingPlugin() {
        use(create());
    }

    @Test
    public void anUnknownOptionIsRejectedNamingItsPath() {
        Map<String, Object> values = new LinkedHashMap<>(options());
        values.put(UNKNOWN_KEY, 1);
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> use(factory().create(planOptions(values))),
                "create() accepted the unknown option " + UNKNOWN_KEY + "; call options.finish() after reading yours");
        assertEquals(section() + ".options." + UNKNOWN_KEY, e.path(), () -> "the error names another path: " + e.getMessage());
    }

    @Test
    public void invalidOptionsAreRejectedNamingTheirPath() {
        invalidOptions().forEach((key, bad) -> {
            Map<String, Object> values = new LinkedHashMap<>(options());
            values.put(key, bad);
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> use(factory().create(planOptions(values))),
                    () -> section() + ".options." + key + " = " + bad + " was accepted");
            String path = section() + ".options." + key;
            assertTrue(e.path().equals(path) || e.path().startsWith(path + "[") || e.path().startsWith(path + "."),
                    () -> path + " = " + bad + ": the error names another path: " + e.getMessage());
        });
    }
}
