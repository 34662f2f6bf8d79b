package io.vigie.checks.plan;

/** Status of a plan item: à faire, en cours, fait, vérifié (to do, in progress, done, verified). */
public enum Status {
    A_FAIRE, EN_COURS, FAIT, VERIFIE
}
