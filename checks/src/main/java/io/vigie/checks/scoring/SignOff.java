package io.vigie.checks.scoring;

/**
 * The expert's final word on a question. {@code answerId} null accepts the proposal as it stands; otherwise it is
 * an option id, {@code nsp} or {@code nc}. Replacing a measured answer with another value is an override and needs
 * a non-blank {@code reason} (e.g. « agent absent des postes de caisse »).
 */
public record SignOff(String answerId, String reason) {

    public static SignOff accept() {
        return new SignOff(null, null);
    }

    public static SignOff answer(String answerId) {
        return new SignOff(answerId, null);
    }

    public static SignOff override(String answerId, String reason) {
        return new SignOff(answerId, reason);
    }
}
