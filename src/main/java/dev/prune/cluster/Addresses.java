package dev.prune.cluster;

import dev.prune.study.StudyException;
import java.util.ArrayList;
import java.util.List;

/** HOST:PORT lists as {@code --join} and {@code --cluster} take them. */
public final class Addresses {
    private Addresses() {
    }

    /**
     * @throws StudyException with one sentence naming the option when an address is not HOST:PORT
     */
    public static List<String> parse(String text, String option) {
        List<String> out = new ArrayList<>();
        for (String a : text.split(",")) {
            String s = a.strip();
            int colon = s.lastIndexOf(':');
            int port = -1;
            if (colon > 0) {
                try {
                    port = Integer.parseInt(s.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (port < 1 || port > 65535) {
                throw new StudyException(option + " " + text + ": '" + s + "' is not HOST:PORT (e.g. 127.0.0.1:5701)");
            }
            out.add(s);
        }
        return out;
    }
}
