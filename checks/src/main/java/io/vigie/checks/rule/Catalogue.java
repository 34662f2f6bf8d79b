package io.vigie.checks.rule;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigie.checks.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule catalogue: metadata from {@code io/vigie/checks/rules/catalogue.json} paired with the rule
 * implementations of {@link BuiltinRules}. Loading fails loudly when the two disagree (an entry without
 * code, code without an entry, a duplicate id), so a broken catalogue never ships.
 */
public final class Catalogue {

    public static final String RESOURCE = "/io/vigie/checks/rules/catalogue.json";

    /** The file format. */
    record CatalogueFile(String version, List<RuleMetadata> rules) {
    }

    private final String version;
    private final Map<String, RuleMetadata> metadata;
    private final Map<String, Rule> rules;

    private Catalogue(String version, Map<String, RuleMetadata> metadata, Map<String, Rule> rules) {
        this.version = version;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.rules = Collections.unmodifiableMap(rules);
    }

    /** The catalogue shipped with this build. */
    public static Catalogue builtin() {
        return Holder.BUILTIN;
    }

    private static final class Holder {
        static final Catalogue BUILTIN = load(Catalogue.class.getResourceAsStream(RESOURCE), BuiltinRules.all());
    }

    /** Pairs metadata read from {@code json} with {@code implementations}. */
    public static Catalogue load(InputStream json, Collection<? extends Rule> implementations) {
        if (json == null) {
            throw new IllegalStateException("rule catalogue resource not found: " + RESOURCE);
        }
        CatalogueFile file;
        try (InputStream in = json) {
            file = Json.mapper().readValue(in, new TypeReference<CatalogueFile>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("rule catalogue unreadable", e);
        }
        if (file.version() == null || file.rules() == null) {
            throw new IllegalStateException("rule catalogue needs a version and rules");
        }
        Map<String, RuleMetadata> meta = new LinkedHashMap<>();
        for (RuleMetadata m : file.rules()) {
            if (meta.put(m.id(), m) != null) {
                throw new IllegalStateException("duplicate rule id in catalogue: " + m.id());
            }
        }
        Map<String, Rule> impl = new LinkedHashMap<>();
        for (Rule r : implementations) {
            if (impl.put(r.id(), r) != null) {
                throw new IllegalStateException("two implementations for rule " + r.id());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String id : meta.keySet()) {
            if (!impl.containsKey(id)) {
                problems.add(id + " has catalogue data but no implementation");
            }
        }
        for (String id : impl.keySet()) {
            if (!meta.containsKey(id)) {
                problems.add(id + " is implemented but missing from the catalogue");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("rule catalogue inconsistent: " + String.join("; ", problems));
        }
        Map<String, Rule> ordered = new LinkedHashMap<>();
        for (String id : meta.keySet()) {
            ordered.put(id, impl.get(id));
        }
        return new Catalogue(file.version(), meta, ordered);
    }

    public String version() {
        return version;
    }

    public Collection<RuleMetadata> metadata() {
        return metadata.values();
    }

    public Optional<RuleMetadata> metadata(String ruleId) {
        return Optional.ofNullable(metadata.get(ruleId));
    }

    public Collection<Rule> rules() {
        return rules.values();
    }

    public Optional<Rule> rule(String ruleId) {
        return Optional.ofNullable(rules.get(ruleId));
    }
}
