package io.callstream.deploy.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, so it cannot drift from the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"callstream " + (version == null ? "(development build)" : version)};
    }
}
