package io.vigie.console.store;

/** What {@link Store#storeReport} did. */
public enum IngestResult {
    /** The report was new and is now stored with its verdicts. */
    STORED,
    /** The same report id was already stored for this device: nothing changed (idempotent retry). */
    ALREADY_STORED
}
