package io.cnnga.engine.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code bin/engine --version}: the engine JAR's Implementation-Version.
 *
 * <pre>{@code
 * bin/engine --version    # cnnga 0.1.0-SNAPSHOT
 * }</pre>
 */
public final class EngineVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = EngineVersion.class.getPackage().getImplementationVersion();
        return new String[] {"cnnga " + (v == null ? "dev" : v)};
    }
}
