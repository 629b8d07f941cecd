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
    /** What the run counted, filled into every text: {counted}, {Counted} and {counted_multimodal}. */
    private final Map<String, Text> counted;

    private Labels(Properties pageText, Map<String, String> korean, Map<String, Text> counted) {
        this.pageText = pageText;
        this.korean = korean;
        this.counted = counted;
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
        return new Labels(pageText, korean, Map.of());
    }

    /**
     * These texts for a run that counted the models of a catalogue kind (large_scale, notable, all), those of at
     * least {@code minCompute} FLOP when not null: "notable AI models with at least 1e+23 FLOP".
     */
    Labels counting(String catalogue, Double minCompute) {
        Text models = text("counted." + catalogue);
        if (minCompute != null) {
            models = text("counted.min_compute", Map.of("models", models, "flop", Text.of(Text.number(minCompute))));
        }
        Text capitalized = new Text(Character.toUpperCase(models.en().charAt(0)) + models.en().substring(1), models.ko());
        // Korean puts "multimodal" before the noun: 초거대 AI 모델 -> 초거대 AI 멀티모달 모델
        Text multimodal = new Text("multimodal " + models.en(), models.ko().replaceFirst("모델$", "멀티모달 모델"));
        return new Labels(pageText, korean, Map.of("counted", models, "Counted", capitalized, "counted_multimodal", multimodal));
    }

    /** The page text of a key. */
    Text text(String key) {
        String en = pageText.getProperty(key + ".en");
        String ko = pageText.getProperty(key + ".ko");
        if (en == null || ko == null) {
            throw new IllegalStateException("report/labels.properties has no " + key + ".en and " + key + ".ko");
        }
        return new Text(en, ko).with(counted);
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
