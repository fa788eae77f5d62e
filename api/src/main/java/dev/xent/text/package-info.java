/**
 * Numbers as text: {@link dev.xent.text.Decimals}, the shortest decimal that reads back as the same
 * {@code double} (ties as Java 19+ and Python's {@code repr}), the one way xent prints a number.
 */
package dev.xent.text;
