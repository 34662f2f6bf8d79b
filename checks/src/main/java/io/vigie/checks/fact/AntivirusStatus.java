package io.vigie.checks.fact;

import java.util.List;

/** Antivirus / EDR products found, and what was looked for. */
public record AntivirusStatus(List<AvProduct> products, List<String> lookedFor) {
}
