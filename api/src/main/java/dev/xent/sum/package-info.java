/**
 * Compensated summation: {@link dev.xent.sum.CompensatedSum}, the one accurate running sum that
 * the api, the loss layer and the backends share.
 */
package dev.xent.sum;
