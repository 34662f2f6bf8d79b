package io.vigie.checks.rule;

import java.util.List;

/**
 * Where a rule comes from.
 *
 * @param anssi ANSSI hygiene guide measure numbers (1–42)
 * @param cis   CIS Controls v8 safeguards ("7.3")
 */
public record References(List<String> anssi, List<String> cis) {
}
