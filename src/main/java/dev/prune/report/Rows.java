package dev.prune.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One table row as a CSV line and as its JSON-lines twin. The JSON values are typed from the CSV
 * cells (numbers, booleans, null for an empty cell), so both files always say the same thing.
 */
final class Rows {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private Rows() {
    }

    static String csv(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            out.append(i == 0 ? "" : ",");
            out.append(c.contains(",") || c.contains("\"") || c.contains("\n")
                    ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return out.append('\n').toString();
    }

    static String json(List<String> header, List<String> cells) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            String key = header.get(i);
            if (c.isEmpty()) {
                node.putNull(key);
            } else if (c.equals("true") || c.equals("false")) {
                node.put(key, Boolean.parseBoolean(c));
            } else if (INTEGER.matcher(c).matches()) {
                node.put(key, Long.parseLong(c));
            } else if (NUMBER.matcher(c).matches()) {
                node.put(key, Double.parseDouble(c));
            } else {
                node.put(key, c);
            }
        }
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
