package io.cnnga.testkit;

import io.cnnga.api.DatasetFactory;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.ExecutorFactory;
import io.cnnga.api.Plugin;
import java.util.ArrayList;
import java.util.List;

/**
 * The kit's test plugin, registered in its test resources' service file: it offers the subject
 * decoders, datasets and executors of the mutation tests, all but those that test a missing registration.
 */
public final class SubjectPlugin implements Plugin {

    /** A decoder id a plan cannot name (the engine refuses to register it; the contract fails it). */
    static final String CAMEL_CASE = "camelCase";

    @Override
    public List<DecoderFactory> decoders() {
        List<DecoderFactory> factories = new ArrayList<>();
        for (SubjectDecoderFactory.Mutation m : SubjectDecoderFactory.Mutation.values()) {
            factories.add(new SubjectDecoderFactory(idOf(m), m));
        }
        factories.add(new SubjectDecoderFactory(CAMEL_CASE, SubjectDecoderFactory.Mutation.NONE));
        return factories;
    }

    @Override
    public List<DatasetFactory> datasets() {
        List<DatasetFactory> factories = new ArrayList<>();
        for (SubjectDatasetFactory.Mutation m : SubjectDatasetFactory.Mutation.values()) {
            factories.add(new SubjectDatasetFactory(idOf(m), m));
        }
        return factories;
    }

    @Override
    public List<ExecutorFactory> executors() {
        List<ExecutorFactory> factories = new ArrayList<>();
        for (SubjectExecutorFactory.Mutation m : SubjectExecutorFactory.Mutation.values()) {
            factories.add(new SubjectExecutorFactory(idOf(m), m));
        }
        return factories;
    }

    /** The id a mutation's subject is registered under: its name in kebab-case. */
    static String idOf(Enum<?> mutation) {
        return mutation.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
