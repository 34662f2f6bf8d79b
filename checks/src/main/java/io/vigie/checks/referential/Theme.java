package io.vigie.checks.referential;

import java.util.List;

/**
 * One of the 15 themes. {@code socle} themes (★) trigger the guard rule when graded low.
 */
public record Theme(String id, String fr, String en, boolean socle, LocalText description, Mappings mappings) {

    /** Where the theme comes from: ANSSI hygiene measures (R = renforcé), CIS IG1 safeguards, MAC questions, CPME rules. */
    public record Mappings(List<String> anssi, List<String> cisIG1, List<String> mac, List<String> cpme) {
        public Mappings {
            anssi = anssi == null ? List.of() : List.copyOf(anssi);
            cisIG1 = cisIG1 == null ? List.of() : List.copyOf(cisIG1);
            mac = mac == null ? List.of() : List.copyOf(mac);
            cpme = cpme == null ? List.of() : List.copyOf(cpme);
        }
    }

    public LocalText name() {
        return new LocalText(fr, en);
    }
}
