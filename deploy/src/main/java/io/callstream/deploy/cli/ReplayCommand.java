package io.callstream.deploy.cli;

import picocli.CommandLine.Command;

/**
 * {@code callstream replay}: {@code ingest file} under the name the design gives replays, not a second
 * implementation. {@code ingest file} already takes files and folders in every layout, canonical JSON Lines included,
 * replays several calls at once at a pace with a progress bar, and keeps each event's original observedAt; a capture
 * file ({@code callstream capture}) is canonical JSON Lines, so it replays through the same path, exactly.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay transcripts or captures onto call-events, live-paced.",
                "Transcript files or folders in any layout, or files written by 'callstream capture' (canonical JSON "
                        + "Lines, replayed exactly, original observedAt included), through the running pipeline, "
                        + "paced by each call's clock. Several files interleave like simultaneous live calls.",
                "The same command as 'ingest file'. A file that cannot be read is reported and skipped; the others "
                        + "go on, and the exit code is 1."})
final class ReplayCommand extends IngestFileCommand {
}
