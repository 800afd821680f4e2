package io.bayesfuse.kernels.simulation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ManoeuvringTargetTest {

    @Test
    void theSameSeedFliesTheSamePath() {
        ManoeuvringTarget a = new ManoeuvringTarget(42, 1000);
        ManoeuvringTarget b = new ManoeuvringTarget(42, 1000);
        for (long t = 0; t <= 120_000; t += 777) {
            assertThat(a.advanceTo(t)).isEqualTo(b.advanceTo(t));
        }
        assertThat(new ManoeuvringTarget(43, 1000).state()).isNotEqualTo(new ManoeuvringTarget(42, 1000).state());
    }

    @Test
    void staysNearTheArenaWithItsSpeedWithinBoundsForHalfAnHour() {
        for (long seed = 0; seed < 20; seed++) {
            ManoeuvringTarget target = new ManoeuvringTarget(seed, 800);
            for (long t = 0; t <= 1_800_000; t += 1000) {
                TargetState s = target.advanceTo(t);
                assertThat(Math.hypot(s.x(), s.y())).as("seed %d at %d ms", seed, t).isLessThan(1.25 * 800);
                assertThat(s.speed()).isBetween(ManoeuvringTarget.MIN_SPEED - 1e-9, ManoeuvringTarget.MAX_SPEED + 1e-9);
            }
        }
    }

    @Test
    void turnsAndChangesSpeedNotOnlyFliesStraight() {
        ManoeuvringTarget target = new ManoeuvringTarget(7, 1200);
        int turns = 0;
        int speedChanges = 0;
        for (long t = 0; t <= 600_000; t += 500) {
            target.advanceTo(t);
            turns += target.manoeuvre().turnRate() != 0 ? 1 : 0;
            speedChanges += target.manoeuvre().acceleration() != 0 ? 1 : 0;
        }
        assertThat(turns).isGreaterThan(100);
        assertThat(speedChanges).isGreaterThan(50);
    }

    @Test
    void positionsAdvanceByTheVelocityBetweenCloseSamples() {
        ManoeuvringTarget target = new ManoeuvringTarget(3, 1200);
        TargetState previous = target.advanceTo(0);
        for (long t = 20; t <= 60_000; t += 20) {
            TargetState s = target.advanceTo(t);
            double dt = 0.02;
            // the mean velocity over 20 ms is the average of the two ends to second order
            assertThat(s.x() - previous.x()).isCloseTo(0.5 * (s.vx() + previous.vx()) * dt, within(0.02));
            assertThat(s.y() - previous.y()).isCloseTo(0.5 * (s.vy() + previous.vy()) * dt, within(0.02));
            previous = s;
        }
    }

    @Test
    void aCoordinatedTurnAtConstantSpeedKeepsItsDistanceToTheTurnCentre() {
        ManoeuvringTarget target = new ManoeuvringTarget(11, 100_000);
        // find a turn without acceleration and follow it to its end
        long t = 0;
        while (target.manoeuvre().turnRate() == 0 || target.manoeuvre().acceleration() != 0) {
            t += 100;
            target.advanceTo(t);
        }
        Manoeuvre turn = target.manoeuvre();
        TargetState s = target.state();
        double radius = s.speed() / Math.abs(turn.turnRate());
        double cx = s.x() - Math.signum(turn.turnRate()) * radius * s.vy() / s.speed();
        double cy = s.y() + Math.signum(turn.turnRate()) * radius * s.vx() / s.speed();
        for (long u = t + 100; u < turn.until(); u += 100) {
            TargetState later = target.advanceTo(u);
            assertThat(Math.hypot(later.x() - cx, later.y() - cy)).isCloseTo(radius, within(1e-6 * radius));
        }
    }

    @Test
    void refusesToGoBackInTime() {
        ManoeuvringTarget target = new ManoeuvringTarget(1, 500);
        target.advanceTo(1000);
        assertThatThrownBy(() -> target.advanceTo(999)).hasMessageContaining("back in time");
    }
}
