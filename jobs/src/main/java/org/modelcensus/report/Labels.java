package org.modelcensus.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The report's words: the page text of {@code report/labels.properties} (each key with .en and .ko) and the
 * Korean names of the values in the gold tables (domains, task groups, organization categories) of
 * {@code report/labels_ko.csv}. Country names come from the reference data instead.
 */
final class Labels {

    private final Properties pageText;
    private final Map<String, String> korean;

    private Labels(Properties pageText, Map<String, String> korean) {
        this.pageText = pageText;
        this.korean = korean;
    }

    static Labels load() {
        Properties pageText = new Properties();
        Map<String, String> korean = new HashMap<>();
        try (InputStream text = resource("report/labels.properties"); InputStream values = resource("report/labels_ko.csv")) {
            pageText.load(new InputStreamReader(text, StandardCharsets.UTF_8));
            String[] lines = new String(values.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            for (int i = 1; i < lines.length; i++) { // line 0 is the header english,korean
                int comma = lines[i].indexOf(',');
                if (comma > 0) {
                    korean.put(lines[i].substring(0, comma).strip(), lines[i].substring(comma + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the report's labels", e);
        }
        return new Labels(pageText, korean);
    }

    /** The page text of a key. */
    Text text(String key) {
        String en = pageText.getProperty(key + ".en");
        String ko = pageText.getProperty(key + ".ko");
        if (en == null || ko == null) {
            throw new IllegalStateException("report/labels.properties has no " + key + ".en and " + key + ".ko");
        }
        return new Text(en, ko);
    }

    /** The page text of a key with its {name} parameters filled. */
    Text text(String key, Map<String, Text> parameters) {
        return text(key).with(parameters);
    }

    /** A value of a gold table (a domain, a task group, a category): as it is in English, in Korean when known. */
    Text value(String english) {
        String text = english == null ? "" : english;
        return new Text(text, korean.getOrDefault(text, text));
    }

    private static InputStream resource(String name) {
        InputStream in = Labels.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Resource " + name + " is missing from the classpath");
        }
        return in;
    }
}
