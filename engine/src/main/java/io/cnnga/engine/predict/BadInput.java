package io.cnnga.engine.predict;

/**
 * An input {@code predict} could not classify, and why: printed as one line after the others
 * were predicted, and the reason the command exits with status 2.
 *
 * <pre>{@code
 * new BadInput("photos/cat.png: is not a readable image (Unexpected end of file)");
 * }</pre>
 *
 * @param message what is wrong, naming the file first
 */
record BadInput(String message) {
}
