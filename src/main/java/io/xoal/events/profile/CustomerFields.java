package io.xoal.events.profile;

import io.xoal.events.error.ProblemException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks of built-in attributes that Bean Validation cannot express: language names and time zones. */
public final class CustomerFields {

    private static Set<String> languages;

    private CustomerFields() {
    }

    /** The language name as Xoal spells it ("English"), or 400 for a code or unknown name. */
    static String language(String value) {
        if (value == null) {
            return null;
        }
        String match = knownLanguage(value);
        if (match == null) {
            throw ProblemException.invalidField("/language", "must be a language name such as English or French, not a code");
        }
        return match;
    }

    /** The language name as Xoal spells it, or null when {@code value} is not one. */
    public static String knownLanguage(String value) {
        return languageNames().stream().filter(name -> name.equalsIgnoreCase(value.trim())).findFirst().orElse(null);
    }

    /** The IANA zone id, or null when {@code value} is not one. */
    public static String knownZone(String value) {
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String timezone(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw ProblemException.invalidField("/timezone", "must be an IANA time zone such as Europe/Paris");
        }
    }

    /** Built lazily, never in a static initialiser (native image). */
    private static synchronized Set<String> languageNames() {
        if (languages == null) {
            languages = Arrays.stream(Locale.getISOLanguages())
                    .map(code -> new Locale(code).getDisplayLanguage(Locale.ENGLISH))
                    .filter(name -> !name.isBlank())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return languages;
    }
}
