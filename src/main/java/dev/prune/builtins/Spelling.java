package dev.prune.builtins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "Did you mean": candidates within a small edit distance, closest first, and those sharing the
 * word that carries the meaning of a compound name: 'smoothing' or 'tost_smoothing' (the stdlib's
 * param) for tost's 'label_smoothing', which are too far apart by edits.
 */
public final class Spelling {
    private Spelling() {}

    public static List<String> closest(String word, List<String> candidates) {
        int limit = Math.max(1, Math.min(3, word.length() / 3 + 1));
        List<String> hits = new ArrayList<>();
        for (String c : candidates) {
            if (distance(word, c) <= limit || c.startsWith(word) && word.length() >= 3 || sameLastPart(word, c)) {
                hits.add(c);
            }
        }
        hits.sort(Comparator.comparingInt((String c) -> distance(word, c)).thenComparing(c -> c));
        return hits.size() > 3 ? hits.subList(0, 3) : hits;
    }

    /** " (did you mean 'a' or 'b'?)" or "" when nothing is close. */
    public static String hint(String word, List<String> candidates) {
        List<String> hits = closest(word, candidates);
        if (hits.isEmpty()) {
            return "";
        }
        List<String> quoted = hits.stream().map(h -> "'" + h + "'").toList();
        return "; did you mean " + String.join(" or ", quoted) + "?";
    }

    /** Whether one of two different names is, or ends with, the other's last '_' part of 5 letters or more. */
    static boolean sameLastPart(String word, String candidate) {
        String last = word.substring(word.lastIndexOf('_') + 1);
        String theirs = candidate.substring(candidate.lastIndexOf('_') + 1);
        return last.length() >= 5 && last.equals(theirs) && (word.contains("_") || candidate.contains("_"));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
