package dev.ledger.k8s;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The series a PromQL expression reads: what is left of it without strings, label lists, ranges and functions. */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])[a-zA-Z_:][a-zA-Z0-9_:]*(?!\\w)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQl() {
    }

    static Set<String> seriesIn(String expression) {
        String bare = LABEL_LIST.matcher(RANGE.matcher(MATCHERS.matcher(STRING.matcher(expression).replaceAll(""))
                .replaceAll("")).replaceAll("")).replaceAll("");
        Set<String> series = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            boolean calledAsFunction = bare.substring(identifier.end()).stripLeading().startsWith("(");
            if (!calledAsFunction && !KEYWORDS.contains(identifier.group().toLowerCase(Locale.ROOT))) {
                series.add(identifier.group());
            }
        }
        return series;
    }
}
