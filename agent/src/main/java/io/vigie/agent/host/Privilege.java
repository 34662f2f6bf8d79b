package io.vigie.agent.host;

/** Whether the agent runs with administrator rights (root / elevated Administrator / LocalSystem). */
public enum Privilege {
    ADMIN, USER;

    /** Linux and macOS: effective uid 0. Windows collectors decide with their own native check. */
    public static Privilege detectUnix() {
        try {
            Object uid = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
            if (uid instanceof Integer i) {
                return i == 0 ? ADMIN : USER;
            }
        } catch (Exception ignored) {
            // not Linux: fall back to the user name
        }
        return "root".equals(System.getProperty("user.name")) ? ADMIN : USER;
    }
}
