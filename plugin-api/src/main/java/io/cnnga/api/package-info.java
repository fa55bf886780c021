/**
 * The contract between the cnnga engine and its plugins: the {@link io.cnnga.api.Plugin} service
 * and its factories, and the values and interfaces they exchange (genomes, network specs, data
 * splits, training sessions, trials and their results).
 *
 * <p>A plugin JAR depends on this module alone. What a plugin may reuse to behave like the
 * built-in plugins, without being part of the contract, lives in {@link io.cnnga.api.support}.
 */
package io.cnnga.api;
