package dev.qmcookie.cli;

import dev.qmcookie.renew.ShapeChoice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Which renewal request shape to send; renew and daemon share it. */
final class ShapeOptions {
  @Option(
      names = "--shape",
      paramLabel = "auto|a|b",
      converter = ShapeConverter.class,
      description =
          "Renewal request shape (default: auto): auto sends the shape that last worked for the"
              + " account (a when none has yet) and the other one once when the server refuses"
              + " the first in a way the shape could explain; a or b send only that shape.")
  ShapeChoice shape = ShapeChoice.AUTO;

  static final class ShapeConverter implements ITypeConverter<ShapeChoice> {
    @Override
    public ShapeChoice convert(String value) {
      try {
        return ShapeChoice.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
