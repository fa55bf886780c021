/**
 * The cnnga plugin test kit: contract tests a plugin's own tests extend, so that a plugin meets
 * what the engine expects of it before it meets a real run, and the small data, networks and
 * helpers those tests train with.
 *
 * <pre>{@code
 * class MyDecoderTest extends DecoderContract {
 *     protected DecoderFactory factory() { return new MyDecoderFactory(); }
 * }
 * }</pre>
 *
 * <p>{@link io.cnnga.testkit.DecoderContract}, {@link io.cnnga.testkit.DatasetContract},
 * {@link io.cnnga.testkit.BackendContract} and {@link io.cnnga.testkit.ExecutorContract} share
 * {@link io.cnnga.testkit.PluginFactoryContract}'s checks of ids, descriptions, service files and
 * options. {@link io.cnnga.testkit.TestImages}, {@link io.cnnga.testkit.TinyNetworks},
 * {@link io.cnnga.testkit.FashionMnistSample}, {@link io.cnnga.testkit.ScriptedTrialRunner} and
 * {@link io.cnnga.testkit.ResidentMemory} are for any plugin test. The kit depends on the plugin
 * API and JUnit Jupiter's API alone.
 */
package io.cnnga.testkit;
