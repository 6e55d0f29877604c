package dev.qmcookie.web;

/**
 * What the page shows of a QR login.
 *
 * @param flow the flow's id
 * @param account the account it logs in
 * @param kind {@code qq} or {@code wechat}
 * @param state starting, waiting, scanned, expired, refused, timeout, failed or done
 * @param message one line for the user, no secret
 * @param qrVersion counts the codes drawn, so the page reloads the image only when it changed
 */
public record QrLoginView(
    String flow, String account, String kind, String state, String message, int qrVersion) {}
