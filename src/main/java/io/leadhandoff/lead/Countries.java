package io.leadhandoff.lead;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Resolves ISO 3166 alpha-2 codes, alpha-3 codes and English country names to alpha-2 codes. */
final class Countries {

    private static final Map<String, String> BY_KEY = build();

    private Countries() {
    }

    /** The alpha-2 code for a code or English name, or null when it is not recognised. */
    static String toAlpha2(String value) {
        if (value == null) {
            return null;
        }
        return BY_KEY.get(key(value));
    }

    private static Map<String, String> build() {
        Map<String, String> map = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale locale = new Locale("", code);
            map.put(key(code), code);
            try {
                map.put(key(locale.getISO3Country()), code);
            } catch (java.util.MissingResourceException ignored) {
                // a few codes have no alpha-3 equivalent in the JDK tables
            }
            map.put(key(locale.getDisplayCountry(Locale.ENGLISH)), code);
        }
        // Names people actually type that differ from the JDK's English display names.
        String[][] aliases = {
                {"USA", "US"}, {"U.S.", "US"}, {"U.S.A.", "US"}, {"United States of America", "US"}, {"America", "US"},
                {"UK", "GB"}, {"U.K.", "GB"}, {"Great Britain", "GB"}, {"Britain", "GB"}, {"England", "GB"},
                {"Scotland", "GB"}, {"Wales", "GB"}, {"Northern Ireland", "GB"},
                {"Deutschland", "DE"}, {"Holland", "NL"}, {"The Netherlands", "NL"},
                {"Czech Republic", "CZ"}, {"South Korea", "KR"}, {"Korea", "KR"}, {"Republic of Korea", "KR"},
                {"North Korea", "KP"}, {"Russia", "RU"}, {"Russian Federation", "RU"}, {"Vietnam", "VN"},
                {"Ivory Coast", "CI"}, {"Cote d'Ivoire", "CI"}, {"Turkey", "TR"}, {"Turkiye", "TR"},
                {"UAE", "AE"}, {"Emirates", "AE"}, {"Hong Kong", "HK"}, {"Macau", "MO"}, {"Taiwan", "TW"},
                {"Iran", "IR"}, {"Syria", "SY"}, {"Laos", "LA"}, {"Bolivia", "BO"}, {"Venezuela", "VE"},
                {"Tanzania", "TZ"}, {"Moldova", "MD"}, {"Macedonia", "MK"}, {"North Macedonia", "MK"},
                {"Brunei", "BN"}, {"Palestine", "PS"}, {"Vatican", "VA"}, {"Swaziland", "SZ"}, {"Eswatini", "SZ"},
                {"Burma", "MM"}, {"Myanmar", "MM"}, {"Cape Verde", "CV"}, {"Micronesia", "FM"},
                {"Congo", "CG"}, {"DR Congo", "CD"}, {"DRC", "CD"}, {"Democratic Republic of the Congo", "CD"},
        };
        for (String[] alias : aliases) {
            map.put(key(alias[0]), alias[1]);
        }
        return Map.copyOf(map);
    }

    private static String key(String value) {
        String stripped = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return stripped.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
