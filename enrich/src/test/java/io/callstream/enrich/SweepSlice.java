package io.callstream.enrich;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The calls of the shared corpus a sweep reads in this build. The costliest sweeps, a slow reading against a quick
 * one over every call of ../shared/data, were most of the CPU of a build (StartScanTest, LeafMatcherTest and
 * GrowingTurnTagsCorpusTest alone 150 s of it), and the build is bound by CPU on two cores. So {@code mvn verify}
 * reads one quarter of the calls in each of them ({@code callstream.sweep.slices}, 4 in pom.xml), a different
 * quarter for each commit: the slice is the commit's count ({@code git rev-list --count HEAD}) modulo the slices,
 * so that on a linear history any four commits in a row read every call, and a commit always reads the same calls
 * of the same corpus, so that a failure repeats. A shallow clone, whose count is its depth, takes the commit's id
 * instead. {@code -Dcallstream.sweep.slices=1} reads them all, {@code -Dcallstream.sweep.slice=N} a slice of its
 * own choosing. Outside Maven (no {@code callstream.sweep.slices}) every call is read.
 *
 * <p>A call's two renderings (its {@code .txt} and {@code .segments.tsv}) fall in the same slice, and the bundled
 * Tesla call is in every slice.
 *
 * @param slice  the slice read, from 0
 * @param slices how many the calls are dealt into; 1 reads them all
 * @param origin where the slice came from, for the console
 */
public record SweepSlice(int slice, int slices, String origin) {

    private static final String TESLA = "tesla-2016-q4-earnings-call";

    public SweepSlice {
        if (slices < 1 || slice < 0 || slice >= slices) {
            throw new IllegalArgumentException("slice " + slice + " of " + slices + ": 0 <= slice < slices");
        }
    }

    /** The slice this build reads, from {@code callstream.sweep.slices} and {@code callstream.sweep.slice}. */
    public static SweepSlice current() {
        return Current.SLICE;
    }

    /** The items whose call falls in this slice, in their order; {@code call} names an item's call (a file name). */
    public <T> List<T> of(List<T> items, Function<T, String> call) {
        if (slices == 1) {
            return items;
        }
        TreeSet<String> dealt = new TreeSet<>(items.stream().map(call).map(SweepSlice::callId).toList());
        dealt.remove(TESLA); // in every slice, so not dealt: a list with it or without deals the others alike
        List<String> calls = List.copyOf(dealt);
        List<T> kept = items.stream().filter(item -> {
            String id = callId(call.apply(item));
            return id.equals(TESLA) || calls.indexOf(id) % slices == slice;
        }).toList();
        System.out.printf("sweep slice %d of %d (%s): %d of %d items; -Dcallstream.sweep.slices=1 sweeps them all%n",
                slice, slices, origin, kept.size(), items.size());
        return kept;
    }

    /** Files, each its call's rendering: those of this slice. */
    public List<Path> files(List<Path> files) {
        return of(files, file -> file.getFileName().toString());
    }

    /**
     * The least count a sweep over this slice must reach, given the least over every call: a share of it, halved,
     * since the calls differ in length.
     */
    public int floor(int whole) {
        return slices == 1 ? whole : whole / slices / 2;
    }

    /** {@code earnings21/4320211.segments.tsv} and {@code 4320211.txt} are the call {@code 4320211}. */
    static String callId(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        int dot = file.indexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    /** Read once per test JVM: it may start git. */
    private static final class Current {

        static final SweepSlice SLICE = read();

        private static SweepSlice read() {
            int slices = number("callstream.sweep.slices", 1);
            if (slices == 1) {
                return new SweepSlice(0, 1, "every call");
            }
            if (!System.getProperty("callstream.sweep.slice", "").isBlank()) {
                int chosen = number("callstream.sweep.slice", 0);
                return new SweepSlice(chosen % slices, slices, "-Dcallstream.sweep.slice=" + chosen);
            }
            Path repo = Path.of(System.getProperty("callstream.repo.dir", "."));
            if ("true".equals(git(repo, "rev-parse", "--is-shallow-repository"))) {
                String head = git(repo, "rev-parse", "HEAD");
                if (head != null && head.matches("[0-9a-f]{8,}")) {
                    long id = Long.parseLong(head.substring(0, 8), 16);
                    return new SweepSlice((int) (id % slices), slices, "shallow clone: commit " + head.substring(0, 8));
                }
            }
            String count = git(repo, "rev-list", "--count", "HEAD");
            if (count == null || !count.matches("\\d+")) {
                System.out.println("sweep slice: no git history in " + repo + " to choose by, so the first");
                return new SweepSlice(0, slices, "no git history: the first");
            }
            return new SweepSlice((int) (Long.parseLong(count) % slices), slices, "commit " + count + " of this history");
        }

        private static int number(String property, int absent) {
            String value = System.getProperty(property, "").strip();
            try {
                return value.isEmpty() ? absent : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + property + "=" + value + ": a whole number, please", e);
            }
        }

        /** What git prints, stripped, or null where it fails or is absent. */
        private static String git(Path repo, String... args) {
            List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
            command.addAll(List.of(args));
            try {
                Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return git.waitFor() == 0 ? out : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
