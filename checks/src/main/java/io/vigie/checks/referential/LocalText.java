package io.vigie.checks.referential;

import io.vigie.checks.text.Lang;

/** A text in French and English. */
public record LocalText(String fr, String en) {

    /** The text in {@code lang}, falling back to the other language when missing. */
    public String in(Lang lang) {
        String s = lang == Lang.EN ? en : fr;
        return s != null ? s : (lang == Lang.EN ? fr : en);
    }
}
