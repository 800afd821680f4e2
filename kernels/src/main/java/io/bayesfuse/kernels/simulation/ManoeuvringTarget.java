package io.bayesfuse.kernels.simulation;

import io.bayesfuse.kernels.random.SplitMix64;

/**
 * A target moving in the plane by a sequence of {@link Manoeuvre}s drawn at random: straight legs,
 * coordinated turns and speed changes of 4 to 12 seconds each. Between manoeuvres' ends the
 * motion is integrated in steps of at most {@value #STEP_MILLIS} ms with the exact coordinated-turn
 * solution for each step (Bar-Shalom, Li, Kirubarajan 2001, §11.7):
 * <pre>
 * θ' = θ + ω·dt,   x' = x + v/ω·(sin θ' − sin θ),   y' = y − v/ω·(cos θ' − cos θ)
 * </pre>
 * (x' = x + v·cos θ·dt when ω = 0), v being the speed at the middle of the step. A target that
 * leaves 80% of the arena's radius turns back towards the centre (at once when it is beyond 85% and
 * moving out). Deterministic for a seed.
 */
public final class ManoeuvringTarget {

    static final long STEP_MILLIS = 50;
    static final double MIN_SPEED = 6.0;
    static final double MAX_SPEED = 28.0;

    private final SplitMix64 random;
    private final double arenaRadius;
    private long time;
    private double x;
    private double y;
    private double speed;
    private double heading;
    private Manoeuvre manoeuvre;
    private boolean returning;

    /**
     * A target starting at a random place within half the arena, with a random heading and a speed
     * between 8 and 22 m/s.
     *
     * @param seed        seeds this target's random stream
     * @param arenaRadius the radius (m) of the disc around the origin the target stays in
     */
    public ManoeuvringTarget(long seed, double arenaRadius) {
        if (!(arenaRadius > 0)) {
            throw new IllegalArgumentException("arena radius must be > 0, got " + arenaRadius);
        }
        this.random = new SplitMix64(seed);
        this.arenaRadius = arenaRadius;
        double r = 0.5 * arenaRadius * Math.sqrt(random.nextDouble());
        double a = 2 * Math.PI * random.nextDouble();
        this.x = r * Math.cos(a);
        this.y = r * Math.sin(a);
        this.heading = 2 * Math.PI * random.nextDouble() - Math.PI;
        this.speed = 8 + 14 * random.nextDouble();
        this.manoeuvre = nextManoeuvre();
    }

    /** The true state now. */
    public TargetState state() {
        return new TargetState(time, x, speed * Math.cos(heading), y, speed * Math.sin(heading));
    }

    /** The manoeuvre being flown. */
    public Manoeuvre manoeuvre() {
        return manoeuvre;
    }

    /** Moves the target forward to {@code newTime} (ms since start; never backwards) and returns its state. */
    public TargetState advanceTo(long newTime) {
        if (newTime < time) {
            throw new IllegalArgumentException("cannot move a target back in time, from " + time + " to " + newTime + " ms");
        }
        while (time < newTime) {
            if (time >= manoeuvre.until() || (!returning && headingOut())) {
                manoeuvre = nextManoeuvre();
            }
            long stepEnd = Math.min(Math.min(newTime, time + STEP_MILLIS), Math.max(manoeuvre.until(), time + 1));
            step((stepEnd - time) / 1000.0);
            time = stepEnd;
        }
        return state();
    }

    private void step(double dt) {
        double newSpeed = clamp(speed + manoeuvre.acceleration() * dt, MIN_SPEED, MAX_SPEED);
        double v = 0.5 * (speed + newSpeed);
        double omega = manoeuvre.turnRate();
        double newHeading = heading + omega * dt;
        if (Math.abs(omega) < 1e-9) {
            x += v * Math.cos(heading) * dt;
            y += v * Math.sin(heading) * dt;
        } else {
            x += v / omega * (Math.sin(newHeading) - Math.sin(heading));
            y -= v / omega * (Math.cos(newHeading) - Math.cos(heading));
        }
        heading = Math.atan2(Math.sin(newHeading), Math.cos(newHeading));
        speed = newSpeed;
    }

    /** Beyond 85% of the arena's radius and moving further out. */
    private boolean headingOut() {
        return Math.hypot(x, y) > 0.85 * arenaRadius && x * Math.cos(heading) + y * Math.sin(heading) > 0;
    }

    private Manoeuvre nextManoeuvre() {
        long until = time + 4000 + (long) (8000 * random.nextDouble());
        returning = Math.hypot(x, y) > 0.8 * arenaRadius;
        if (returning) {
            // turn back: towards the side on which the centre lies, at 0.12 to 0.2 rad/s
            double toCentre = Math.atan2(-y, -x);
            double off = Math.atan2(Math.sin(toCentre - heading), Math.cos(toCentre - heading));
            double rate = Math.copySign(0.12 + 0.08 * random.nextDouble(), off);
            return new Manoeuvre(rate, 0, time + Math.max(1000, (long) (1000 * Math.abs(off / rate))));
        }
        double kind = random.nextDouble();
        if (kind < 0.35) {
            return new Manoeuvre(0, 0, until);
        }
        if (kind < 0.75) {
            double rate = (0.04 + 0.14 * random.nextDouble()) * (random.nextDouble() < 0.5 ? -1 : 1);
            return new Manoeuvre(rate, 0, until);
        }
        double acceleration = (0.5 + 1.5 * random.nextDouble()) * (speed > 0.5 * (MIN_SPEED + MAX_SPEED) ? -1 : 1);
        return new Manoeuvre(0, acceleration, until);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
