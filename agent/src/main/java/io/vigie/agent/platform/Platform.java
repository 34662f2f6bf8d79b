package io.vigie.agent.platform;

import java.util.Locale;

/** The operating systems the agent checks. */
public enum Platform {
    LINUX, WINDOWS, MACOS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Platform parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "linux" -> LINUX;
            case "windows" -> WINDOWS;
            case "macos", "mac", "darwin", "osx" -> MACOS;
            default -> throw new IllegalArgumentException("unknown platform '" + s + "' (linux, windows, macos)");
        };
    }

    /** The platform of this JVM's OS; {@code os.name} values: "Linux", "Windows 11", "Mac OS X". */
    public static Platform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.startsWith("mac") || os.contains("darwin")) {
            return MACOS;
        }
        return LINUX;
    }
}
