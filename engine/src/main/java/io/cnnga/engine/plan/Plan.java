package io.cnnga.engine.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cnnga.api.TrainingConfig;

/**
 * A resolved plan: what to search, on which data, with which plugins; every default filled in.
 *
 * <pre>{@code
 * Plan plan = PlanReader.read(Path.of("plans/quickstart.json"));
 * plan.search().population();    // 4 unless the file says otherwise
 * String resolved = PlanWriter.toJson(plan);
 * }</pre>
 *
 * @param name     a short name, used in folder names and reports
 * @param seed     seeds the GA, the data split and every training
 * @param dataset  the dataset plugin
 * @param decoder  the decoder plugin (default {@code paper})
 * @param backend  the training backend (default {@code tensorflow})
 * @param executor where trials run (default {@code local})
 * @param training how each candidate is trained
 * @param search   the genetic algorithm
 * @param finalTraining the final training of the best network (JSON key {@code final})
 * @param output   the run folder (default {@code runs/NAME})
 */
@JsonPropertyOrder({"name", "seed", "dataset", "decoder", "backend", "executor", "training", "search", "final", "output"})
public record Plan(String name, long seed, PluginChoice dataset, PluginChoice decoder, PluginChoice backend,
                   PluginChoice executor, TrainingSettings training, SearchSettings search,
                   @JsonProperty("final") FinalSettings finalTraining, String output) {

    /** The same plan writing to another folder. */
    public Plan withOutput(String folder) {
        return new Plan(name, seed, dataset, decoder, backend, executor, training, search, finalTraining, folder);
    }

    /** The same plan under another name. */
    public Plan withName(String newName) {
        return new Plan(newName, seed, dataset, decoder, backend, executor, training, search, finalTraining, output);
    }

    /** The same plan with another seed. */
    public Plan withSeed(long newSeed) {
        return new Plan(name, newSeed, dataset, decoder, backend, executor, training, search, finalTraining, output);
    }

    /** The same plan with other search settings. */
    public Plan withSearch(SearchSettings newSearch) {
        return new Plan(name, seed, dataset, decoder, backend, executor, training, newSearch, finalTraining, output);
    }

    /** The same plan with another final training. */
    public Plan withFinalTraining(FinalSettings newFinal) {
        return new Plan(name, seed, dataset, decoder, backend, executor, training, search, newFinal, output);
    }

    /** The same plan with another dataset choice. */
    public Plan withDataset(PluginChoice newDataset) {
        return new Plan(name, seed, newDataset, decoder, backend, executor, training, search, finalTraining, output);
    }

    /** The same plan with other training settings. */
    public Plan withTraining(TrainingSettings newTraining) {
        return new Plan(name, seed, dataset, decoder, backend, executor, newTraining, search, finalTraining, output);
    }

    /** The training configuration of a search trial, its checkpoints included. */
    public TrainingConfig trialConfig() {
        return new TrainingConfig(training.epochs(), training.batchSize(), training.learningRate(), seed, null,
                training.checkpoints());
    }

    /** The training configuration of the final network: {@code final.epochs}, otherwise as the trials. */
    public TrainingConfig trainFinalConfig() {
        return new TrainingConfig(Math.max(1, finalTraining.epochs()), training.batchSize(), training.learningRate(),
                seed, null);
    }
}
