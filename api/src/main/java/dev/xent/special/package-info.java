/**
 * scipy.special's elementwise building blocks of the information measures — {@code entr},
 * {@code rel_entr}, {@code kl_div} — with their special values, computed without overflow or
 * cancellation: {@link dev.xent.special.Elementwise}.
 */
package dev.xent.special;
