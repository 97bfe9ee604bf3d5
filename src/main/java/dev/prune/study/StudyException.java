package dev.prune.study;

/** A study that cannot go on, with one sentence saying why and what to do. */
public final class StudyException extends RuntimeException {
    public StudyException(String message) {
        super(message);
    }

    public StudyException(String message, Throwable cause) {
        super(message, cause);
    }
}
