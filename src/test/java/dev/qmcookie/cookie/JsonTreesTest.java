package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reader and writer agree with Jackson's ObjectMapper, which they replace. */
class JsonTreesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DOCUMENT =
      "{\"s\":\"a \\\"quoted\\\" line\\nbreak \u00e9 \ud83c\udfb5\",\"i\":7,\"l\":17000000000,"
          + "\"big\":123456789012345678901234567890,\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,"
          + "\"empty\":{},\"list\":[1,\"two\",[3],{\"four\":4}],\"dup\":1,\"dup\":2}";

  @Test
  void readsTheSameTreeAsObjectMapper() throws Exception {
    JsonNode ours = JsonTrees.read(DOCUMENT);

    assertThat(ours).isEqualTo(MAPPER.readTree(DOCUMENT));
    assertThat(ours.get("l").isLong()).isTrue();
    assertThat(ours.get("big").isBigInteger()).isTrue();
    assertThat(ours.get("dup").asInt())
        .as("the last duplicate wins, as with ObjectMapper")
        .isEqualTo(2);
    assertThat(JsonTrees.read(DOCUMENT.getBytes(StandardCharsets.UTF_8))).isEqualTo(ours);
  }

  @Test
  void writesWhatObjectMapperWrites() throws Exception {
    JsonNode tree = MAPPER.readTree(DOCUMENT);

    assertThat(JsonTrees.compact(tree)).isEqualTo(MAPPER.writeValueAsString(tree));
    assertThat(JsonTrees.pretty(tree))
        .isEqualTo(
            MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree)
                + "\n");
    assertThat(JsonTrees.read(JsonTrees.pretty(tree))).isEqualTo(tree);
  }

  @Test
  void writesEveryKindOfNumberAndBinaryAsObjectMapperDoes() throws Exception {
    var tree = JsonTrees.object();
    tree.put("float", 0.1f)
        .put("decimal", new java.math.BigDecimal("1234567890.123456789012345"))
        .put("binary", new byte[] {1, 2, 3, (byte) 0xff})
        .put("big", java.math.BigInteger.TEN.pow(30));

    assertThat(JsonTrees.compact(tree)).isEqualTo(MAPPER.writeValueAsString(tree));
  }

  @Test
  void bytesInNoJsonEncodingAreAParseError() {
    byte[] badUtf32 = {0, 0, 0, 0x7b, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};

    assertThatThrownBy(() -> JsonTrees.read(badUtf32)).isInstanceOf(JsonProcessingException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "   ", "{\"a\":1} {\"b\":2}", "{\"a\":1} x", "{\"a\":", "[1,2", "{\"a\" 1}"})
  void rejectsAnythingButOneCompleteValue(String text) {
    assertThatThrownBy(() -> JsonTrees.read(text)).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void quotesAStringAsAJsonLiteral() throws Exception {
    String text = "say \"hi\"\n\tand \\ go";

    String quoted = JsonTrees.quote(text);

    assertThat(quoted).isEqualTo("\"say \\\"hi\\\"\\n\\tand \\\\ go\"");
    assertThat(MAPPER.readTree(quoted).textValue()).isEqualTo(text);
  }
}
