package dev.prune.engine;

/** Which part of the data an evaluation uses. */
public enum Split { TRAIN, VALIDATION, TEST }
