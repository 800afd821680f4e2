package io.bayesfuse.app;

import picocli.CommandLine;

/** Prints the application version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = BayesfuseCommand.class.getPackage().getImplementationVersion();
        return new String[]{"bayesfuse " + (version == null ? "development build" : version)};
    }
}
