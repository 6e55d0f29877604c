/**
 * The renewal protocol: when a key is due, the request, reading and classifying the answer, merging
 * it into a new cookie set, and retries. Depends on {@code cookie}; receives its OkHttpClient.
 */
package dev.qmcookie.renew;
