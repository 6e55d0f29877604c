package dev.qmcookie.cli;

import okhttp3.HttpUrl;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an http(s) URL option. */
final class HttpUrlConverter implements ITypeConverter<HttpUrl> {
  @Override
  public HttpUrl convert(String value) {
    HttpUrl url = HttpUrl.parse(value.trim());
    if (url == null) {
      throw new TypeConversionException("'" + value + "' is not an http:// or https:// URL");
    }
    return url;
  }
}
