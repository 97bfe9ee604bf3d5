package dev.prune.stopping;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Early-bird tickets (You et al., ICLR 2020; the authors' {@code EarlyBird} class in
 * GATECH-EIC/Early-Bird-Tickets): a channel mask is taken at the start of training and after every
 * epoch; the newest {@code window} are kept; the ticket has emerged when the normalised Hamming
 * distance of every older mask to the newest is at most {@code epsilon} (the code's test is
 * {@code dist > 0.1 → not yet}, and the paper's algorithm loops while the largest distance exceeds
 * ε). How the mask is drawn (network slimming's |γ| at {@code ratio}) is the caller's.
 *
 * @param ratio   the share of channels a mask prunes
 * @param epsilon the largest distance at which the masks count as settled
 * @param window  the masks compared: the newest and {@code window - 1} before it
 */
public record EarlyBird(double ratio, double epsilon, int window) {

    public EarlyBird {
        if (!(ratio > 0 && ratio < 1) || !(epsilon >= 0 && epsilon <= 1) || window < 2) {
            throw new IllegalArgumentException("early_bird needs 0 < ratio < 1, 0 <= epsilon <= 1 and window >= 2");
        }
    }

    public Tracker tracker() {
        return new Tracker();
    }

    /** The share of positions where two masks of the same length differ. */
    public static double distance(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("masks of " + a.length + " and " + b.length + " channels");
        }
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            differ += a[i] != b[i] ? 1 : 0;
        }
        return a.length == 0 ? 0 : (double) differ / a.length;
    }

    /** The masks of one training. */
    public final class Tracker {
        private final Deque<boolean[]> masks = new ArrayDeque<>();
        private double distance = 1;
        private int taken;

        /** Takes the newest mask; returns the largest distance of the window's older masks to it. */
        public double observe(boolean[] mask) {
            masks.addLast(mask.clone());
            taken++;
            if (masks.size() > window) {
                masks.removeFirst();
            }
            distance = 1;
            if (masks.size() == window) {
                distance = 0;
                for (boolean[] older : masks) {
                    distance = Math.max(distance, EarlyBird.distance(older, mask));
                }
            }
            return distance;
        }

        /** The largest distance to the newest mask; 1 until the window is full, as in the authors' code. */
        public double distance() {
            return distance;
        }

        /** True once the window is full and every older mask is within epsilon of the newest. */
        public boolean found() {
            return masks.size() == window && distance <= epsilon;
        }

        /** Masks taken so far (the first at the start of training). */
        public int taken() {
            return taken;
        }
    }
}
