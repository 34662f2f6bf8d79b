package io.vigie.agent.host;

/**
 * The result of reading one file: its text, or why there is none. "Absent" and "denied" stay distinct,
 * because a file we may not read says nothing about the setting it holds.
 */
public record FileContent(String path, State state, String text, String detail) {

    public enum State { OK, ABSENT, DENIED, ERROR }

    public boolean ok() {
        return state == State.OK;
    }

    public static FileContent ok(String path, String text) {
        return new FileContent(path, State.OK, text, null);
    }

    public static FileContent absent(String path) {
        return new FileContent(path, State.ABSENT, null, null);
    }

    public static FileContent denied(String path, String detail) {
        return new FileContent(path, State.DENIED, null, detail);
    }

    public static FileContent error(String path, String detail) {
        return new FileContent(path, State.ERROR, null, detail);
    }
}
