package dev.qmcookie.testkit;

import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;

/** Answers of a fake renewal endpoint, shaped like the real ones in docs/protocol.md. */
public final class RenewalAnswers {
  private RenewalAnswers() {}

  public static String successJson(String uin, String newKey, Instant created) {
    return "{\"code\":0,\"ts\":"
        + created.toEpochMilli()
        + ",\"req1\":{\"code\":0,\"data\":{"
        + "\"openid\":\"\",\"refresh_token\":\"REFRESHnew"
        + newKey.hashCode()
        + "\","
        + "\"access_token\":\"ACCESSnew"
        + newKey.hashCode()
        + "\","
        + "\"expired_at\":"
        + created.plus(Duration.ofDays(7)).getEpochSecond()
        + ","
        + "\"musicid\":"
        + uin
        + ",\"musickey\":\""
        + newKey
        + "\","
        + "\"musickeyCreateTime\":"
        + created.getEpochSecond()
        + ",\"unionid\":\"\","
        + "\"str_musicid\":\""
        + uin
        + "\",\"encryptUin\":\"\",\"keyExpiresIn\":259200,"
        + "\"refresh_key\":\"\",\"loginType\":2,\"first\":0}}}";
  }

  public static MockResponse success(String uin, String newKey, Instant created) {
    return json(successJson(uin, newKey, created));
  }

  public static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  public static MockResponse code(int topLevel, int req1) {
    return json("{\"code\":" + topLevel + ",\"req1\":{\"code\":" + req1 + ",\"data\":{}}}");
  }
}
