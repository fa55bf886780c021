package io.cnnga.api;

/**
 * How a trial ended.
 *
 * <pre>{@code
 * if (result.status() == TrialStatus.FAILED) log.warn(result.reason());
 * }</pre>
 */
public enum TrialStatus {
    /** Trained for every epoch; fitness is the last validation accuracy. */
    COMPLETE,
    /** Could not be trained (NaN loss, framework error, crash); fitness 0. */
    FAILED,
    /** Not trained: the same network was trained before; fitness copied from it. */
    CACHED,
    /** Stopped by the time budget; fitness is the validation accuracy it had reached. */
    PRUNED
}
