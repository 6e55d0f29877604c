/**
 * Cookies as pure values: the ordered cookie set, its metadata, what a QQ Music login needs from
 * it, and reading and writing the formats other tools use. No I/O beyond strings.
 */
package dev.qmcookie.cookie;
