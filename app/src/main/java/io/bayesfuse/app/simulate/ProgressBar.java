package io.bayesfuse.app.simulate;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal stream, redrawn in place with a carriage return. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long totalMillis;
    private final long startNanos = System.nanoTime();
    private int lastLength;

    ProgressBar(PrintStream out, long totalMillis) {
        this.out = out;
        this.totalMillis = totalMillis;
    }

    /** Redraws the bar for {@code doneMillis} of simulated time. */
    void show(long doneMillis, SimulationCounts counts) {
        double fraction = Math.min(1, Math.max(0, (double) doneMillis / totalMillis));
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String line = String.format(Locale.ROOT, "\r[%s%s] %3d%%  %.1f/%.1f s  %,d measurements  %,d posterior updates  %,.0f/s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), Math.round(100 * fraction), doneMillis / 1000.0,
                totalMillis / 1000.0, counts.measurements(), counts.posteriorUpdates(),
                seconds > 0 ? (counts.measurements() + counts.posteriorUpdates()) / seconds : 0.0);
        int pad = Math.max(0, lastLength - line.length());
        out.print(line + " ".repeat(pad));
        out.flush();
        lastLength = line.length();
    }

    void finish(long doneMillis, SimulationCounts counts) {
        show(doneMillis, counts);
        out.println();
    }
}
