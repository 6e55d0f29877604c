package dev.qmcookie.cookie;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads and writes Jackson's JSON trees with jackson-core's streaming parser and generator alone.
 *
 * <p>Why not {@code ObjectMapper}: it loads about 400 classes. Reading and writing {@code
 * cookie.json} at a cold start took 140 ms through it and 32 ms through the streaming API, and that
 * was the largest share of {@code status} and {@code export}; the daemon would also keep its class
 * metadata in memory for good. qmcookie's documents are small trees of text, numbers and flags,
 * which need none of its data binding.
 */
public final class JsonTrees {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * The tree of one JSON value. Content after it is an error, as it means a damaged or concatenated
   * document.
   *
   * @throws JsonProcessingException when the text is not one JSON value
   */
  public static JsonNode read(String text) throws JsonProcessingException {
    return readWhole(() -> FACTORY.createParser(text));
  }

  /** As {@link #read(String)}, from UTF-8 (or UTF-16/32, detected) bytes. */
  public static JsonNode read(byte[] json) throws JsonProcessingException {
    return readWhole(() -> FACTORY.createParser(json));
  }

  private interface ParserSource {
    JsonParser open() throws IOException;
  }

  private static JsonNode readWhole(ParserSource source) throws JsonProcessingException {
    try (JsonParser p = source.open()) {
      return readWhole(p);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // From memory, the only other fault is bytes in no JSON encoding (a CharConversionException).
      throw new JsonParseException(null, "the bytes are not UTF-8, UTF-16 or UTF-32 text", e);
    }
  }

  private static JsonNode readWhole(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new JsonParseException(p, "no JSON value: the text is empty");
    }
    JsonNode value = value(p, first);
    if (p.nextToken() != null) {
      throw new JsonParseException(p, "unexpected content after the JSON value");
    }
    return value;
  }

  private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          object.set(name, value(p, p.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          array.add(value(p, t));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(p, "unexpected " + token);
    }
  }

  /**
   * Where a parse failed, as {@code line 3, column 7}. Only the position: Jackson's own message
   * quotes the text around the fault, which can be a secret. A parser limit has no position, so the
   * limit is named instead.
   */
  public static String position(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return exceededLimit(e.getOriginalMessage());
    }
    return e.getLocation() == null
        ? "at an unknown position"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  // Jackson says which limit in its message ("Document nesting depth (1001) exceeds ...").
  private static String exceededLimit(String jacksonMessage) {
    String m = jacksonMessage == null ? "" : jacksonMessage;
    StreamReadConstraints limits = StreamReadConstraints.defaults();
    if (m.contains("nesting depth")) {
      return "it is nested more than " + limits.getMaxNestingDepth() + " levels deep";
    }
    if (m.contains("Number value length")) {
      return "a number has more than " + limits.getMaxNumberLength() + " digits";
    }
    if (m.contains("String value length") || m.contains("Name length")) {
      return "a text is longer than " + limits.getMaxStringLength() + " characters";
    }
    return "it is larger than a JSON parser limit allows";
  }

  /** One line of JSON, as log collectors and HTTP bodies want it. */
  public static String compact(JsonNode node) {
    return write(node, false);
  }

  /** Indented JSON ending in a line break, for files people read. */
  public static String pretty(JsonNode node) {
    return write(node, true) + "\n";
  }

  /** {@code text} as a JSON string literal, quotes included. */
  public static String quote(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }

  private static String write(JsonNode node, boolean pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      write(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to memory", e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT:
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          g.writeFieldName(field.getKey());
          write(g, field.getValue());
        }
        g.writeEndObject();
        break;
      case ARRAY:
        g.writeStartArray();
        for (JsonNode item : node) {
          write(g, item);
        }
        g.writeEndArray();
        break;
      case STRING:
        g.writeString(node.textValue());
        break;
      case NUMBER:
        switch (node.numberType()) {
          case INT, LONG -> g.writeNumber(node.longValue());
          case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
          case FLOAT -> g.writeNumber(node.floatValue());
          case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
          default -> g.writeNumber(node.doubleValue());
        }
        break;
      case BINARY:
        g.writeBinary(node.binaryValue());
        break;
      case BOOLEAN:
        g.writeBoolean(node.booleanValue());
        break;
      case NULL:
      case MISSING:
        g.writeNull();
        break;
      default:
        throw new IllegalArgumentException(
            "cannot write a " + node.getNodeType() + " node as JSON");
    }
  }
}
