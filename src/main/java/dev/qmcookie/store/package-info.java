/**
 * The shared store of a fleet: the accounts' records in Redis (Jedis), sealed with AES-256-GCM,
 * written by compare-and-set under a lease, with a change feed. Uses {@code vault}, {@code cookie}
 * and {@code failure}; loaded only when a store is opened.
 */
package dev.qmcookie.store;
