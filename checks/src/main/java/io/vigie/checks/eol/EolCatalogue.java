package io.vigie.checks.eol;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigie.checks.fact.OsIdentity;
import io.vigie.checks.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-of-life dates shipped as data ({@code io/vigie/checks/eol/eol.json}), matched against an OS identity
 * and judged at a given date. Never literals in rules.
 *
 * <p>Matching: Windows by the build number found in {@link OsIdentity#build()} (else {@code version}), e.g.
 * "10.0.22631.4317" → 22631, plus the edition class (HOME_PRO, ENTERPRISE_EDU, LTSC; derived from the
 * EditionID when absent); Windows Server by build; Debian and the RHEL family by major version; Ubuntu by
 * "YY.MM"; macOS by major ("15.1" → 15, "10.15.7" → 10.15). For macOS, whose vendor publishes no dates, a
 * major's end is the release date of the major {@code latestMajors} steps newer (see the data file's notes).
 * Instances are immutable and safe for concurrent use.
 */
public final class EolCatalogue {

    public static final String RESOURCE = "/io/vigie/checks/eol/eol.json";

    /** The file format. */
    record EolFile(String version, String source, LocalDate snapshotDate, List<String> notes, List<ProductFile> products) {
    }

    record ProductFile(String product, String match, List<String> aliases, Integer latestMajors, LocalDate verified,
                       Integer cadenceMonths, String cadenceSource, List<CycleFile> cycles) {
    }

    record CycleFile(String cycle, String label, Integer build, String editionClass, LocalDate released,
                     LocalDate securityEnd, LocalDate extendedEnd, String extendedKind) {
    }

    /** One entry plus what it is matched on. */
    private record Candidate(EolEntry entry, Integer build, String editionClass) {
    }

    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(\\d+)(?:\\.(\\d+))?");

    private final String version;
    private final String source;
    private final LocalDate snapshotDate;
    private final Map<String, String> productByAlias;
    private final Map<String, String> matchByProduct;
    private final Map<String, List<Candidate>> candidates;
    private final Map<String, Freshness> freshness;

    /**
     * How current one product's dates are.
     *
     * @param verified      the day the dates were last checked against the source
     * @param cadenceMonths how often the vendor ships a release that can change them
     * @param staleAfter    the next release expected after {@code verified}: past it, the data may be wrong
     */
    public record Freshness(LocalDate verified, int cadenceMonths, LocalDate staleAfter) {

        /** True when {@code today} is past the next expected release. */
        public boolean isStale(LocalDate today) {
            return today.isAfter(staleAfter);
        }
    }

    private EolCatalogue(EolFile file) {
        this.version = Objects.requireNonNull(file.version(), "eol data needs a version");
        this.source = Objects.requireNonNull(file.source(), "eol data needs a source");
        this.snapshotDate = Objects.requireNonNull(file.snapshotDate(), "eol data needs a snapshotDate");
        Map<String, String> alias = new LinkedHashMap<>();
        Map<String, String> match = new LinkedHashMap<>();
        Map<String, List<Candidate>> cand = new LinkedHashMap<>();
        Map<String, Freshness> fresh = new LinkedHashMap<>();
        for (ProductFile p : Objects.requireNonNull(file.products(), "eol data needs products")) {
            String id = Objects.requireNonNull(p.product(), "product id");
            if (match.put(id, Objects.requireNonNull(p.match(), "match of " + id)) != null) {
                throw new IllegalStateException("eol data: duplicate product " + id);
            }
            alias.put(id, id);
            if (p.aliases() != null) {
                p.aliases().forEach(a -> alias.put(a, id));
            }
            List<CycleFile> cycles = p.cycles() == null ? List.of() : p.cycles();
            List<Candidate> list = new ArrayList<>();
            for (int i = 0; i < cycles.size(); i++) {
                CycleFile c = cycles.get(i);
                LocalDate securityEnd = c.securityEnd();
                if (p.latestMajors() != null) {
                    // vendor without published dates: supported while among the latest N majors
                    int successor = i + p.latestMajors();
                    securityEnd = successor < cycles.size() ? cycles.get(successor).released() : null;
                }
                if ((c.extendedEnd() == null) != (c.extendedKind() == null)) {
                    throw new IllegalStateException("eol data: " + id + " " + c.cycle()
                            + " needs both extendedEnd and extendedKind, or neither");
                }
                if (c.extendedKind() != null && !c.extendedKind().equals("FREE") && !c.extendedKind().equals("PAID")) {
                    throw new IllegalStateException("eol data: " + id + " " + c.cycle() + " extendedKind must be FREE or PAID");
                }
                list.add(new Candidate(new EolEntry(id, c.cycle(), c.label(), securityEnd, c.extendedEnd(), c.extendedKind()),
                        c.build(), c.editionClass()));
            }
            cand.put(id, List.copyOf(list));
            fresh.put(id, freshness(id, p));
        }
        this.productByAlias = Collections.unmodifiableMap(alias);
        this.matchByProduct = Collections.unmodifiableMap(match);
        this.candidates = Collections.unmodifiableMap(cand);
        this.freshness = Collections.unmodifiableMap(fresh);
    }

    /**
     * The next release expected after the data was verified: the latest known release date plus whole cadences
     * (the first such date after {@code verified}), or {@code verified} plus one cadence when no release date is
     * known. Never later than {@code verified} plus one cadence.
     */
    private static Freshness freshness(String id, ProductFile p) {
        if (p.verified() == null || p.cadenceMonths() == null || p.cadenceMonths() < 1) {
            throw new IllegalStateException("eol data: " + id + " needs 'verified' and a positive 'cadenceMonths'");
        }
        LocalDate bound = p.verified().plusMonths(p.cadenceMonths());
        LocalDate latest = p.cycles() == null ? null : p.cycles().stream().map(CycleFile::released)
                .filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
        LocalDate next = bound;
        if (latest != null) {
            LocalDate candidate = latest;
            while (!candidate.isAfter(p.verified())) {
                candidate = candidate.plusMonths(p.cadenceMonths());
            }
            next = candidate.isBefore(bound) ? candidate : bound;
        }
        return new Freshness(p.verified(), p.cadenceMonths(), next);
    }

    /** Loads the catalogue shipped with this version. */
    public static EolCatalogue load() {
        return Holder.BUILTIN;
    }

    private static final class Holder {
        static final EolCatalogue BUILTIN = load(EolCatalogue.class.getResourceAsStream(RESOURCE));
    }

    /** Reads a catalogue in the {@code eol.json} format (e.g. a refreshed file). */
    public static EolCatalogue load(InputStream json) {
        if (json == null) {
            throw new IllegalStateException("end-of-life data not found: " + RESOURCE);
        }
        try (InputStream in = json) {
            return new EolCatalogue(Json.mapper().readValue(in, new TypeReference<EolFile>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("end-of-life data unreadable", e);
        }
    }

    /** Version of the data file. */
    public String version() {
        return version;
    }

    /** Where the dates come from. */
    public String source() {
        return source;
    }

    /** Date the source was read; dates announced after it are not known. */
    public LocalDate snapshotDate() {
        return snapshotDate;
    }

    /** How current the dates of {@code product} (an entry's {@link EolEntry#product()}) are. */
    public Freshness freshness(String product) {
        Freshness f = freshness.get(product);
        if (f == null) {
            throw new IllegalArgumentException("eol data: unknown product " + product);
        }
        return f;
    }

    /** Every entry, in file order. */
    public List<EolEntry> entries() {
        List<EolEntry> out = new ArrayList<>();
        candidates.values().forEach(l -> l.forEach(c -> out.add(c.entry())));
        return out;
    }

    /** The lifecycle entry for this OS, if the catalogue knows it. */
    public Optional<EolEntry> find(OsIdentity os) {
        if (os == null) {
            return Optional.empty();
        }
        String product = product(os);
        if (product == null) {
            return Optional.empty();
        }
        List<Candidate> list = candidates.get(product);
        return switch (matchByProduct.get(product)) {
            case "build" -> findByBuild(os, product, list);
            case "major" -> majorOf(os.version(), product).flatMap(m -> byCycle(list, m));
            case "version" -> yearMonthOf(os.version()).flatMap(v -> byCycle(list, v));
            default -> throw new IllegalStateException("eol data: unknown match " + matchByProduct.get(product));
        };
    }

    /**
     * Support level of this OS on {@code today}; empty when the OS is not in the catalogue. A paid extension
     * (ESU, ESM) counts only when {@link OsIdentity#extendedSupport()} is true; otherwise the OS is EOL once its
     * regular updates end. The last day of a period still counts as inside it.
     */
    public Optional<EolAssessment> assess(OsIdentity os, LocalDate today) {
        Objects.requireNonNull(today, "today");
        return find(os).map(e -> assess(e, os.extendedSupport(), today));
    }

    /** Support level of {@code entry} on {@code today}, given whether a paid extension was seen enabled. */
    public static EolAssessment assess(EolEntry entry, Boolean extendedSupport, LocalDate today) {
        if (entry.securityEnd() == null || !today.isAfter(entry.securityEnd())) {
            return new EolAssessment(SupportLevel.SUPPORTED, entry, entry.securityEnd());
        }
        if (entry.extendedEnd() != null && !today.isAfter(entry.extendedEnd())) {
            if ("FREE".equals(entry.extendedKind())) {
                return new EolAssessment(SupportLevel.EXTENDED_FREE, entry, entry.extendedEnd());
            }
            if (Boolean.TRUE.equals(extendedSupport)) {
                return new EolAssessment(SupportLevel.EXTENDED_PAID, entry, entry.extendedEnd());
            }
        }
        return new EolAssessment(SupportLevel.EOL, entry, entry.securityEnd());
    }

    private String product(OsIdentity os) {
        String id = os.productId() == null ? null : os.productId().trim().toLowerCase(Locale.ROOT);
        if (id == null || id.isEmpty()) {
            String family = os.family() == null ? "" : os.family().toLowerCase(Locale.ROOT);
            if (family.equals("macos")) {
                id = "macos";
            } else if (family.equals("windows")) {
                id = "windows";
            } else {
                return null;
            }
        }
        if (id.equals("windows") && "SERVER".equalsIgnoreCase(os.editionClass())) {
            id = "windows-server";
        }
        return productByAlias.get(id);
    }

    private Optional<EolEntry> findByBuild(OsIdentity os, String product, List<Candidate> list) {
        Integer build = windowsBuild(os.build());
        if (build == null) {
            build = windowsBuild(os.version());
        }
        if (build == null) {
            return Optional.empty();
        }
        int b = build;
        List<Candidate> sameBuild = list.stream().filter(c -> c.build() != null && c.build() == b).toList();
        if (product.equals("windows-server")) {
            return sameBuild.stream().findFirst().map(Candidate::entry);
        }
        String editionClass = os.editionClass() != null ? os.editionClass().toUpperCase(Locale.ROOT)
                : editionClassOf(os.edition());
        if (editionClass == null) {
            // no edition: answer only when every edition of this build has the same dates
            List<EolEntry> distinct = sameBuild.stream().map(Candidate::entry)
                    .filter(e -> !e.cycle().contains("LTS"))
                    .toList();
            // (LTSC cycles need an explicit edition: they share builds with general-availability releases)
            if (!distinct.isEmpty() && distinct.stream().allMatch(e -> Objects.equals(e.securityEnd(), distinct.get(0).securityEnd())
                    && Objects.equals(e.extendedEnd(), distinct.get(0).extendedEnd()))) {
                return Optional.of(distinct.get(0));
            }
            return Optional.empty();
        }
        return sameBuild.stream().filter(c -> c.editionClass() == null || editionClass.equals(c.editionClass()))
                .findFirst().map(Candidate::entry);
    }

    /** "10.0.22631.4317" → 22631; "6.3.9600" → 9600; "22631.4317" → 22631; "23H2" → null. */
    static Integer windowsBuild(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.trim().split("\\.");
        List<Integer> nums = new ArrayList<>();
        for (String p : parts) {
            if (!p.matches("\\d+")) {
                return null;
            }
            nums.add(Integer.parseInt(p));
        }
        if (nums.size() >= 3 && (nums.get(0) == 10 || nums.get(0) == 6) && nums.get(1) <= 3) {
            return nums.get(2);
        }
        if (!nums.isEmpty() && nums.get(0) >= 7600) {
            return nums.get(0);
        }
        return null;
    }

    /** Windows EditionID → edition class (Core/Professional → HOME_PRO, Enterprise/Education → ENTERPRISE_EDU, *S → LTSC). */
    static String editionClassOf(String edition) {
        if (edition == null || edition.isBlank()) {
            return null;
        }
        String e = edition.trim().toLowerCase(Locale.ROOT);
        if (e.startsWith("server")) {
            return "SERVER";
        }
        if (e.equals("enterprises") || e.equals("enterprisesn") || e.equals("iotenterprises") || e.contains("ltsc")) {
            return "LTSC";
        }
        if (e.startsWith("enterprise") || e.startsWith("education") || e.startsWith("iotenterprise")) {
            return "ENTERPRISE_EDU";
        }
        if (e.startsWith("core") || e.startsWith("professional") || e.startsWith("home") || e.startsWith("pro")) {
            return "HOME_PRO";
        }
        return null;
    }

    private static Optional<String> majorOf(String version, String product) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher m = LEADING_NUMBER.matcher(version);
        if (!m.find()) {
            return Optional.empty();
        }
        if (product.equals("macos") && m.group(1).equals("10") && m.group(2) != null) {
            return Optional.of("10." + m.group(2));
        }
        return Optional.of(String.valueOf(Integer.parseInt(m.group(1))));
    }

    private static Optional<String> yearMonthOf(String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("^\\s*(\\d{2})\\.(\\d{2})").matcher(version);
        return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
    }

    private static Optional<EolEntry> byCycle(List<Candidate> list, String cycle) {
        return list.stream().map(Candidate::entry).filter(e -> e.cycle().equals(cycle)).findFirst();
    }
}
