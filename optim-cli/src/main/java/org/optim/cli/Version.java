package org.optim.cli;

import picocli.CommandLine;

/** The version printed by {@code optim --version}: the jar's implementation version. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"optim " + (v == null ? "(development build)" : v)};
    }
}
